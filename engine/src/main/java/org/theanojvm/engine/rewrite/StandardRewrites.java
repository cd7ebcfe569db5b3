package org.theanojvm.engine.rewrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.CAReduce;
import org.theanojvm.engine.ops.DimShuffle;
import org.theanojvm.engine.ops.Dot;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.Gemm;
import org.theanojvm.engine.ops.Gemv;
import org.theanojvm.engine.ops.LogSoftmax;
import org.theanojvm.engine.ops.ShapeOps;
import org.theanojvm.engine.ops.Softmax;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Cast;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * The built-in rewrites and where they are registered. Names follow Theano's where there is one;
 * every rewrite carries the tag of its phase, {@code fast_run}, and the cheap ones {@code fast_compile}.
 *
 * <table>
 * <tr><th>phase</th><th>rewrite</th><th>tags</th></tr>
 * <tr><td>merge (+ canonicalize, stabilize, specialize)</td><td>merge</td><td>merge fast_run fast_compile</td></tr>
 * <tr><td>canonicalize (+ specialize)</td><td>constant_folding</td><td>canonicalize fast_run fast_compile</td></tr>
 * <tr><td>canonicalize</td><td>local_useless_elemwise, local_useless_dimshuffle, local_useless_reshape, local_useless_reduce</td><td>canonicalize useless fast_run</td></tr>
 * <tr><td>canonicalize</td><td>local_add_mul_canonizer</td><td>canonicalize fast_run</td></tr>
 * <tr><td>stabilize</td><td>local_logsoftmax, local_log1p, local_log_sigmoid, local_log1msigmoid</td><td>stabilize fast_run</td></tr>
 * <tr><td>specialize</td><td>local_pow_specialize, gemm_optimizer (gemm and gemv)</td><td>specialize fast_run (blas)</td></tr>
 * <tr><td>fusion</td><td>elemwise_fusion</td><td>fusion fast_run</td></tr>
 * <tr><td>inplace</td><td>inplace_elemwise, inplace_blas, inplace_shared_update</td><td>inplace fast_run</td></tr>
 * </table>
 */
public final class StandardRewrites {
    private StandardRewrites() {}

    /** Constant folding never creates constants larger than this many elements unless its inputs were as large (Alloc of a big shape stays an Alloc). */
    public static final long FOLD_MAX_ELEMENTS = 1024;

    public static void registerAll(RewriteDB db) {
        GlobalRewrite merge = GlobalRewrite.of("merge", StandardRewrites::merge, "merge", "fast_run", "fast_compile");
        LocalRewrite fold = LocalRewrite.of("constant_folding", StandardRewrites::constantFolding, "canonicalize", "fast_run", "fast_compile");
        db.register("merge", merge);
        db.register("canonicalize", merge).register("canonicalize", fold);
        db.register("canonicalize", LocalRewrite.of("local_useless_elemwise", StandardRewrites::uselessElemwise, "canonicalize", "useless", "fast_run"));
        db.register("canonicalize", LocalRewrite.of("local_useless_dimshuffle", StandardRewrites::uselessDimShuffle, "canonicalize", "useless", "fast_run"));
        db.register("canonicalize", LocalRewrite.of("local_useless_reshape", StandardRewrites::uselessReshape, "canonicalize", "useless", "fast_run"));
        db.register("canonicalize", LocalRewrite.of("local_useless_reduce", StandardRewrites::uselessReduce, "canonicalize", "useless", "fast_run"));
        db.register("canonicalize", LocalRewrite.of("local_add_mul_canonizer", StandardRewrites::flattenAddMul, "canonicalize", "fast_run"));
        db.register("stabilize", merge);
        db.register("stabilize", LocalRewrite.of("local_logsoftmax", StandardRewrites::logSoftmax, "stabilize", "fast_run"));
        db.register("stabilize", LocalRewrite.of("local_log1p", StandardRewrites::log1p, "stabilize", "fast_run"));
        db.register("stabilize", LocalRewrite.of("local_log_sigmoid", StandardRewrites::logSigmoid, "stabilize", "fast_run"));
        db.register("stabilize", LocalRewrite.of("local_log1msigmoid", StandardRewrites::log1mSigmoid, "stabilize", "fast_run"));
        db.register("specialize", merge).register("specialize", fold);
        db.register("specialize", LocalRewrite.of("local_pow_specialize", StandardRewrites::powSpecialize, "specialize", "fast_run"));
        db.register("specialize", LocalRewrite.of("gemm_optimizer", Blas::gemmFromAdd, "specialize", "blas", "fast_run"));
        db.register("specialize", LocalRewrite.of("scan_save_mem", org.theanojvm.engine.scan.ScanSaveMemory::transform, "specialize", "scan", "fast_run"));
        db.register("fusion", GlobalRewrite.of("elemwise_fusion", Fusion::fuseAll, "fusion", "local_elemwise_fusion", "fast_run"));
        db.register("inplace", GlobalRewrite.of("inplace_elemwise", Inplace::elemwise, "inplace", "inplace_elemwise_optimizer", "fast_run"));
        db.register("inplace", GlobalRewrite.of("inplace_blas", Inplace::blas, "inplace", "fast_run"));
        db.register("inplace", GlobalRewrite.of("inplace_shared_update", Inplace::sharedUpdates, "inplace", "fast_run"));
    }

    // ================================================================== helpers

    /** The scalar op of a not-in-place Elemwise node, or null. */
    static ScalarOp scalarOp(Apply n) {
        return n != null && n.op() instanceof Elemwise e && e.inplaceInput() < 0 ? e.scalarOp() : null;
    }

    static boolean isElemwise(Variable v, ScalarOp op) { return v.owner() != null && op.equals(scalarOp(v.owner())); }

    /**
     * The single value of a constant whose elements are all equal (looking through DimShuffles, which
     * Elemwise inserts to pad scalar constants), or null.
     */
    static Double constValue(Variable v) {
        while (v.owner() != null && v.owner().op() instanceof DimShuffle) v = v.owner().inputs().get(0);
        if (!(v instanceof Constant c) || c.data().size() == 0 || c.dtype().isComplex()) return null;
        double[] d = c.data().toDoubleArray();
        for (double x : d) if (Double.compare(x, d[0]) != 0) return null;
        return d[0];
    }

    static boolean isConst(Variable v, double value) {
        Double c = constValue(v);
        return c != null && c == value;
    }

    /** Whether v's only use is one input of one node (not a graph output, not two uses). */
    static boolean oneClient(FunctionGraph fg, Variable v) {
        List<FunctionGraph.Client> cs = fg.clients(v);
        return cs.size() == 1 && cs.get(0).node() != null;
    }

    static boolean sameType(Variable a, Variable b) { return a.type().equals(b.type()); }

    static List<Variable> one(Variable v) { return v == null ? null : java.util.Collections.singletonList(v); }

    // ================================================================== merge

    /** Identity of an apply node for merging ({@link Apply#computesSameAs}), usable as a hash key. */
    private record NodeKey(Apply node) {
        @Override
        public boolean equals(Object o) { return o instanceof NodeKey k && k.node.computesSameAs(node); }

        @Override
        public int hashCode() {
            int h = node.op().hashCode();
            for (Variable v : node.inputs()) h = h * 31 + System.identityHashCode(v);
            return h;
        }
    }

    /**
     * Theano's MergeOptimizer: equal constants (same type and values) become one, then nodes applying
     * equal ops to identical inputs become one; repeated until stable because merging two nodes can
     * make their clients identical.
     */
    static boolean merge(FunctionGraph fg, RewriteResult log) {
        boolean changed = false;
        Map<Object, List<Constant>> byType = new HashMap<>();
        for (Variable v : fg.variables()) {
            if (!(v instanceof Constant c) || fg.clients(c).isEmpty()) continue;
            List<Constant> same = byType.computeIfAbsent(c.type(), t -> new ArrayList<>());
            Constant rep = null;
            for (Constant o : same) if (o.signatureEquals(c)) rep = o;
            if (rep == null) {
                same.add(c);
            } else {
                log.replaced("merge", c, rep);
                fg.replace(c, rep);
                changed = true;
            }
        }
        boolean again = true;
        while (again) {
            again = false;
            Map<NodeKey, Apply> seen = new HashMap<>();
            for (Apply a : fg.toposort()) {
                if (!fg.applyNodes().contains(a)) continue;
                NodeKey k = new NodeKey(a);
                Apply prev = seen.get(k);
                if (prev == null || !fg.applyNodes().contains(prev)) {
                    seen.put(k, a);
                    continue;
                }
                if (RewriteDB.replaceAll(fg, a, prev.outputs(), "merge", log)) changed = again = true;
            }
        }
        return changed;
    }

    // ================================================================== constant folding

    /**
     * A node whose inputs are all constants is computed now with the op's own perform. Not folded:
     * results bigger than their inputs and than {@link #FOLD_MAX_ELEMENTS} (constants are embedded in
     * the graph; an Alloc of a large shape is cheaper to run than to store), and nodes whose perform
     * fails (the error is reported at run time with its usual context instead).
     */
    static List<Variable> constantFolding(FunctionGraph fg, Apply node) {
        long inSize = 0;
        NdArray[] ins = new NdArray[node.inputs().size()];
        for (int i = 0; i < ins.length; i++) {
            if (!(node.inputs().get(i) instanceof Constant c)) return null;
            ins[i] = c.data();
            inSize += c.data().size();
        }
        for (Variable o : node.outputs()) if (!o.isTensor()) return null;
        NdArray[] outs;
        try {
            outs = node.op().perform(node, ins);
        } catch (RuntimeException e) {
            return null;
        }
        List<Variable> r = new ArrayList<>();
        for (int k = 0; k < outs.length; k++) {
            Variable o = node.outputs().get(k);
            if (outs[k].size() > Math.max(FOLD_MAX_ELEMENTS, inSize)) return null;
            if (outs[k].dtype() != o.dtype() || outs[k].ndim() != o.ndim()) return null;
            r.add(new Constant(o.tensorType(), outs[k], null));
        }
        return r;
    }

    // ================================================================== useless ops

    /**
     * Elementwise identities: x+0, x*1, x-0, x/1, x**1, --x, identity(x), cast to the same dtype, and
     * fill(model, value) when value alone already has the output's type. Removing an operand is only
     * done when the rest has exactly the output's type: a neutral constant may still decide the output
     * dtype (int x + 0.0) or shape (broadcasting), and then it stays.
     */
    static List<Variable> uselessElemwise(FunctionGraph fg, Apply node) {
        ScalarOp s = scalarOp(node);
        if (s == null) return null;
        Variable out = node.outputs().get(0);
        List<Variable> in = node.inputs();
        if (s == ArithmeticOps.ADD || s == ArithmeticOps.MUL) {
            double neutral = s == ArithmeticOps.ADD ? 0 : 1;
            List<Variable> rest = new ArrayList<>();
            for (Variable v : in) if (!isConst(v, neutral)) rest.add(v);
            if (rest.size() == in.size() || rest.isEmpty()) return null;
            Variable r = rest.size() == 1 ? rest.get(0) : Elemwise.noInplace(s).call(rest.toArray(new Variable[0]));
            return sameType(r, out) ? one(r) : null;
        }
        Variable x = in.get(0);
        Variable r = null;
        if ((s == ArithmeticOps.SUB && isConst(in.get(1), 0)) || (s == ArithmeticOps.TRUE_DIV && isConst(in.get(1), 1))
                || (s == ArithmeticOps.POW && isConst(in.get(1), 1)) || s == ArithmeticOps.IDENTITY) {
            r = x;
        } else if (s == ArithmeticOps.NEG && isElemwise(x, ArithmeticOps.NEG)) {
            r = x.owner().inputs().get(0);
        } else if (s instanceof Cast c && x.dtype() == c.target()) {
            r = x;
        } else if (s == ArithmeticOps.SECOND) {
            r = in.get(1);
        }
        return r != null && sameType(r, out) ? one(r) : null;
    }

    /** DimShuffle with the identity pattern disappears; DimShuffle of DimShuffle becomes one. */
    static List<Variable> uselessDimShuffle(FunctionGraph fg, Apply node) {
        if (!(node.op() instanceof DimShuffle ds)) return null;
        Variable x = node.inputs().get(0);
        int[] order = ds.newOrder();
        boolean identity = order.length == x.ndim();
        for (int i = 0; identity && i < order.length; i++) identity = order[i] == i;
        if (identity) return one(x);
        if (x.owner() != null && x.owner().op() instanceof DimShuffle inner) {
            int[] io = inner.newOrder();
            int[] composed = new int[order.length];
            for (int i = 0; i < order.length; i++) composed[i] = order[i] < 0 ? -1 : io[order[i]];
            Variable src = x.owner().inputs().get(0);
            return one(new DimShuffle(src.broadcastable(), composed).call(src));
        }
        return null;
    }

    /** reshape(x, shape(x)) is x; reshape(reshape(x, s1), s2) is reshape(x, s2). */
    static List<Variable> uselessReshape(FunctionGraph fg, Apply node) {
        if (!(node.op() instanceof ShapeOps.Reshape)) return null;
        Variable x = node.inputs().get(0), shp = node.inputs().get(1);
        if (shp.owner() != null && shp.owner().op() instanceof ShapeOps.Shape && shp.owner().inputs().get(0) == x) return one(x);
        if (x.owner() != null && x.owner().op() instanceof ShapeOps.Reshape) {
            return one(node.op().makeNode(x.owner().inputs().get(0), shp).outputs().get(0));
        }
        return null;
    }

    /** sum/prod over no axes is the input (when the dtype does not change). */
    static List<Variable> uselessReduce(FunctionGraph fg, Apply node) {
        if (!(node.op() instanceof CAReduce r)) return null;
        int[] ax = r.axes();
        if (ax == null || ax.length != 0) return null;
        Variable x = node.inputs().get(0);
        return sameType(x, node.outputs().get(0)) ? one(x) : null;
    }

    // ================================================================== canonical add/mul

    /**
     * Flattens nested add (mul) into one n-ary add (mul): an operand computed by the same op, used only
     * here and of the same dtype (so no intermediate rounding is lost) is spliced in. Two or more
     * constant operands are grouped into one sub-node that constant folding then computes.
     */
    static List<Variable> flattenAddMul(FunctionGraph fg, Apply node) {
        ScalarOp s = scalarOp(node);
        if (s != ArithmeticOps.ADD && s != ArithmeticOps.MUL) return null;
        DType od = node.outputs().get(0).dtype();
        List<Variable> flat = new ArrayList<>();
        boolean spliced = false;
        for (Variable v : node.inputs()) {
            if (isElemwise(v, s) && oneClient(fg, v) && v.dtype() == od && !allConstant(v.owner().inputs())) {
                flat.addAll(v.owner().inputs());
                spliced = true;
            } else {
                flat.add(v);
            }
        }
        List<Variable> consts = new ArrayList<>(), others = new ArrayList<>();
        for (Variable v : flat) {
            if (v instanceof Constant c && c.data().size() <= FOLD_MAX_ELEMENTS) consts.add(v);
            else others.add(v);
        }
        if (!spliced && consts.size() < 2) return null;
        if (consts.size() >= 2) {
            others.add(Elemwise.noInplace(s).call(consts.toArray(new Variable[0])));
        } else {
            others.addAll(consts);
        }
        Variable r = others.size() == 1 ? others.get(0) : Elemwise.noInplace(s).call(others.toArray(new Variable[0]));
        return sameType(r, node.outputs().get(0)) ? one(r) : null;
    }

    private static boolean allConstant(List<Variable> vs) {
        for (Variable v : vs) if (!(v instanceof Constant)) return false;
        return true;
    }

    // ================================================================== stabilize

    /** log(softmax(x)) -> logsoftmax(x): no exp underflow to log(0). */
    static List<Variable> logSoftmax(FunctionGraph fg, Apply node) {
        if (scalarOp(node) != TranscendentalOps.LOG) return null;
        Variable sm = node.inputs().get(0);
        if (sm.owner() == null || !(sm.owner().op() instanceof Softmax)) return null;
        return one(LogSoftmax.INSTANCE.call(sm.owner().inputs().get(0)));
    }

    /** log(1 + x) -> log1p(x): keeps the digits of small x. */
    static List<Variable> log1p(FunctionGraph fg, Apply node) {
        if (scalarOp(node) != TranscendentalOps.LOG) return null;
        Variable a = node.inputs().get(0);
        if (!isElemwise(a, ArithmeticOps.ADD)) return null;
        List<Variable> rest = new ArrayList<>();
        boolean one = false;
        for (Variable v : a.owner().inputs()) {
            if (!one && isConst(v, 1)) one = true;
            else rest.add(v);
        }
        if (!one || rest.isEmpty()) return null;
        Variable x = rest.size() == 1 ? rest.get(0) : T.add(rest.toArray());
        if (!Arrays.equals(x.broadcastable(), a.broadcastable())) return null;
        return one(T.log1p(x));
    }

    /**
     * log(sigmoid(x)) -> -softplus(-x): finite for very negative x. An integer or bool x is first cast to
     * the float sigmoid computes in: negating it in its own dtype would wrap (-True is True, -1 in uint8 is 255).
     */
    static List<Variable> logSigmoid(FunctionGraph fg, Apply node) {
        if (scalarOp(node) != TranscendentalOps.LOG) return null;
        Variable s = node.inputs().get(0);
        if (!isElemwise(s, TranscendentalOps.SIGMOID)) return null;
        Variable x = s.owner().inputs().get(0);
        if (x.dtype().isDiscrete()) x = T.cast(x, s.dtype());
        return one(T.neg(T.softplus(T.neg(x))));
    }

    /** log(1 - sigmoid(x)) -> -softplus(x): finite for very positive x. */
    static List<Variable> log1mSigmoid(FunctionGraph fg, Apply node) {
        if (scalarOp(node) != TranscendentalOps.LOG) return null;
        Variable d = node.inputs().get(0);
        if (!isElemwise(d, ArithmeticOps.SUB) || !isConst(d.owner().inputs().get(0), 1)) return null;
        Variable s = d.owner().inputs().get(1);
        if (!isElemwise(s, TranscendentalOps.SIGMOID)) return null;
        Variable r = T.neg(T.softplus(s.owner().inputs().get(0)));
        return Arrays.equals(r.broadcastable(), d.broadcastable()) ? one(r) : null;
    }

    // ================================================================== specialize

    /** x ** 2 -> sqr(x) (Theano's local_pow_specialize). */
    static List<Variable> powSpecialize(FunctionGraph fg, Apply node) {
        if (scalarOp(node) != ArithmeticOps.POW || !isConst(node.inputs().get(1), 2)) return null;
        Variable r = T.sqr(node.inputs().get(0));
        return sameType(r, node.outputs().get(0)) ? one(r) : null;
    }

    // (gemm: Blas; fusion: Fusion; in-place: Inplace)
}
