package org.theanojvm.truffle.fuzz;

import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.types.DType;

/**
 * A generated variable with the shape its value will have at run time, known while generating (the
 * generator picks every input's shape), so that only operands that broadcast under Theano's strict rule
 * are combined.
 *
 * @param exact whether every executor must compute the value bit for bit: discrete values, and floats
 *     computed only with correctly rounded operations (+, -, *, /, sqrt, comparisons, max, casts). Values
 *     from transcendental functions, float reductions or products may differ in the last bits between
 *     executors (SVML against java.lang.Math, summation order, BLAS blocking), so ops that are
 *     discontinuous (floor, comparisons, casts to int, argmax...) are applied to exact values only: a last
 *     bit flipping a comparison is not a bug.
 */
record Sym(Variable var, long[] shape, boolean exact) {
    DType dtype() { return var.dtype(); }

    int ndim() { return shape.length; }

    boolean bcast(int axis) { return var.broadcastable()[axis]; }

    /** Whether a and b broadcast together under Theano's rule: aligned on the right, each dim equal or broadcastable. */
    static boolean compatible(Sym a, Sym b) {
        int n = Math.max(a.ndim(), b.ndim());
        for (int i = 1; i <= n; i++) {
            int ia = a.ndim() - i, ib = b.ndim() - i;
            if (ia < 0 || ib < 0) continue;
            if (a.bcast(ia) || b.bcast(ib)) continue;
            if (a.shape[ia] != b.shape[ib]) return false;
        }
        return true;
    }

    /** The shape of an elementwise result over these operands. */
    static long[] broadcastShape(Sym... syms) {
        int n = 0;
        for (Sym s : syms) n = Math.max(n, s.ndim());
        long[] out = new long[n];
        java.util.Arrays.fill(out, 1);
        for (Sym s : syms) {
            for (int i = 1; i <= s.ndim(); i++) {
                if (!s.bcast(s.ndim() - i)) out[n - i] = s.shape[s.ndim() - i];
            }
        }
        return out;
    }
}
