package org.theanojvm.truffle.elemwise.scalar;

import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Cast;
import org.theanojvm.engine.ops.scalar.LogicOps;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.engine.types.DType;

/** Turns one ScalarOp applied to operand subtrees into its Truffle node (dedicated where one exists, generic otherwise). */
public final class ScalarTreeBuilder {
    private ScalarTreeBuilder() {}

    public static ScalarNode build(ScalarOp op, DType outDtype, ScalarNode[] c) {
        if (op == ArithmeticOps.ADD) return fold(c, true);
        if (op == ArithmeticOps.MUL) return fold(c, false);
        if (op instanceof Cast || op == ArithmeticOps.IDENTITY) return new ArithmeticNodes.Identity(c[0]);
        if (op == ArithmeticOps.SUB) return new ArithmeticNodes.Sub(c[0], c[1]);
        if (op == ArithmeticOps.TRUE_DIV) return new ArithmeticNodes.TrueDiv(c[0], c[1]);
        if (op == ArithmeticOps.MAXIMUM) return new ArithmeticNodes.Maximum(c[0], c[1]);
        if (op == ArithmeticOps.MINIMUM) return new ArithmeticNodes.Minimum(c[0], c[1]);
        if (op == ArithmeticOps.NEG) return new ArithmeticNodes.Neg(c[0]);
        if (op == ArithmeticOps.SQR) return new ArithmeticNodes.Sqr(c[0]);
        if (op == ArithmeticOps.ABS) return new ArithmeticNodes.Abs(c[0]);
        if (op == TranscendentalOps.EXP) return new TranscendentalNodes.Exp(c[0]);
        if (op == TranscendentalOps.LOG) return new TranscendentalNodes.Log(c[0]);
        if (op == TranscendentalOps.SQRT) return new TranscendentalNodes.Sqrt(c[0]);
        if (op == TranscendentalOps.TANH) return new TranscendentalNodes.Tanh(c[0]);
        if (op == TranscendentalOps.SIGMOID) return new TranscendentalNodes.Sigmoid(c[0]);
        if (op == LogicOps.LT) return new ComparisonNodes.Lt(c[0], c[1]);
        if (op == LogicOps.GT) return new ComparisonNodes.Gt(c[0], c[1]);
        if (op == LogicOps.LE) return new ComparisonNodes.Le(c[0], c[1]);
        if (op == LogicOps.GE) return new ComparisonNodes.Ge(c[0], c[1]);
        if (op == LogicOps.EQ) return new ComparisonNodes.Eq(c[0], c[1]);
        if (op == LogicOps.NEQ) return new ComparisonNodes.Neq(c[0], c[1]);
        if (op == LogicOps.SWITCH) return new SwitchNode(c[0], c[1], c[2]);
        return new GenericScalarOpNode(op, outDtype, c);
    }

    /** Variadic add/mul as a left-to-right chain, the reference's summation order. */
    private static ScalarNode fold(ScalarNode[] c, boolean add) {
        ScalarNode acc = c[0];
        if (c.length == 1) return new ArithmeticNodes.Identity(acc);
        for (int i = 1; i < c.length; i++) acc = add ? new ArithmeticNodes.Add(acc, c[i]) : new ArithmeticNodes.Mul(acc, c[i]);
        return acc;
    }
}
