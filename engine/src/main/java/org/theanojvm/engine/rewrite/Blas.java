package org.theanojvm.engine.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.DimShuffle;
import org.theanojvm.engine.ops.Dot;
import org.theanojvm.engine.ops.Gemm;
import org.theanojvm.engine.ops.Gemv;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * dot -> gemm/gemv (Theano's gemm_optimizer). A sum of terms (add, or sub) where one term is
 * {@code alpha * dot(X, Y)} and another is {@code beta * Z} becomes {@code gemm(Z, alpha, X, Y, beta)}
 * (matrix result) or {@code gemv(Z, alpha, A, x, beta)} (vector result; vector.matrix uses A = Y.T),
 * plus the remaining terms. Each term is read as sign * (product of scalar factors) * core, where a
 * scalar factor is any fully broadcastable factor of a mul (turned 0-d) and neg flips the sign. The
 * dot term and Z must have exactly the output's type, so broadcasting never hides a shape change.
 */
final class Blas {
    private Blas() {}

    /** One additive term: sign * prod(scalars) * core. */
    private record Term(Variable whole, int sign, List<Variable> scalars, Variable core) {}

    static List<Variable> gemmFromAdd(FunctionGraph fg, Apply node) {
        ScalarOp s = StandardRewrites.scalarOp(node);
        if (s != ArithmeticOps.ADD && s != ArithmeticOps.SUB) return null;
        Variable out = node.outputs().get(0);
        DType dt = out.dtype();
        if (!dt.isFloat() || (out.ndim() != 1 && out.ndim() != 2)) return null;
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < node.inputs().size(); i++) {
            int sign = s == ArithmeticOps.SUB && i == 1 ? -1 : 1;
            terms.add(decompose(node.inputs().get(i), sign));
        }
        int di = -1;
        for (int i = 0; i < terms.size() && di < 0; i++) {
            Variable c = terms.get(i).core;
            if (c.owner() != null && c.owner().op() instanceof Dot && c.type().equals(out.type()) && c.owner().inputs().get(0).dtype() == dt
                    && c.owner().inputs().get(1).dtype() == dt && fg.clients(c).size() == 1) di = i;
        }
        if (di < 0) return null;
        int zi = -1;
        for (int i = 0; i < terms.size() && zi < 0; i++) if (i != di && terms.get(i).core.type().equals(out.type())) zi = i;
        if (zi < 0) return null;
        Term d = terms.get(di), z = terms.get(zi);
        Variable x = d.core.owner().inputs().get(0), y = d.core.owner().inputs().get(1);
        Variable alpha = scale(d, dt), beta = scale(z, dt);
        Variable r;
        if (x.ndim() == 2 && y.ndim() == 2) r = Gemm.NO_INPLACE.call(z.core, alpha, x, y, beta);
        else if (x.ndim() == 2 && y.ndim() == 1) r = Gemv.NO_INPLACE.call(z.core, alpha, x, y, beta);
        else if (x.ndim() == 1 && y.ndim() == 2) r = Gemv.NO_INPLACE.call(z.core, alpha, T.transpose(y), x, beta);
        else return null;
        for (int i = 0; i < terms.size(); i++) {
            if (i == di || i == zi) continue;
            Term t = terms.get(i);
            r = t.sign > 0 ? T.add(r, t.whole) : T.sub(r, t.whole);
        }
        return r.type().equals(out.type()) ? List.of(r) : null;
    }

    private static Term decompose(Variable v, int sign) {
        Variable cur = v;
        while (StandardRewrites.isElemwise(cur, ArithmeticOps.NEG)) {
            sign = -sign;
            cur = cur.owner().inputs().get(0);
        }
        List<Variable> scalars = new ArrayList<>();
        if (StandardRewrites.isElemwise(cur, ArithmeticOps.MUL)) {
            Variable core = null;
            for (Variable f : cur.owner().inputs()) {
                if (allBroadcastable(f)) {
                    // the 0-d value behind Elemwise's padding DimShuffle{x,x}, else drop the size-1 dims
                    while (f.owner() != null && f.owner().op() instanceof DimShuffle && allBroadcastable(f.owner().inputs().get(0))) f = f.owner().inputs().get(0);
                    scalars.add(f.ndim() == 0 ? f : new DimShuffle(f.broadcastable(), new int[0]).call(f));
                } else if (core == null) {
                    core = f;
                } else {
                    return new Term(v, sign, List.of(), v); // two non-scalar factors: not a scaled term
                }
            }
            if (core != null) return new Term(v, sign, scalars, core);
            return new Term(v, sign, List.of(), v);
        }
        return new Term(v, sign, scalars, cur);
    }

    private static boolean allBroadcastable(Variable v) {
        for (boolean b : v.broadcastable()) if (!b) return false;
        return true;
    }

    /** sign * prod(scalars) as a 0-d variable of dtype dt. */
    private static Variable scale(Term t, DType dt) {
        Variable r = null;
        for (Variable f : t.scalars) r = r == null ? f : T.mul(r, f);
        if (r == null) return T.constant((double) t.sign, null, dt);
        if (t.sign < 0) r = T.neg(r);
        return r.dtype() == dt ? r : T.cast(r, dt);
    }
}
