package org.theanojvm.truffle.elemwise.vector;

/**
 * The instructions of a {@link VectorProgram}: each reads one to three registers (blocks of doubles)
 * and writes one. The double-domain semantics are the engine's ScalarOp.evalDouble ones; the rounding
 * instructions are Composite.round for the inner dtypes a vector program may hold.
 */
enum VectorOp {
    ADD(2), SUB(2), MUL(2), DIV(2), MAXIMUM(2), MINIMUM(2),
    NEG(1), SQR(1), ABS(1), COPY(1),
    EXP(1), LOG(1), SQRT(1), TANH(1), SIGMOID(1),
    LT(2), GT(2), LE(2), GE(2), EQ(2), NEQ(2),
    SWITCH(3),
    /** An inner float32 result: (double) (float) v. */
    ROUND_FLOAT32(1),
    /** An inner bool result of a non-comparison: v != 0 ? 1 : 0. */
    ROUND_BOOL(1);

    final int arity;

    VectorOp(int arity) { this.arity = arity; }

    boolean isComparison() { return this == LT || this == GT || this == LE || this == GE || this == EQ || this == NEQ; }
}
