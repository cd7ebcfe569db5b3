package org.theanojvm.engine.ifelse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.TestUtil;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** theano.ifelse: values, laziness (only the branch taken runs) and the gradient. */
class IfElseTest {

    /** Identity that counts how often it runs: shows which branch was evaluated. */
    static final class Counting extends Op {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Apply makeNode(List<Variable> inputs) { return new Apply(this, inputs, List.of(inputs.get(0).type())); }

        @Override
        public NdArray[] perform(Apply node, NdArray[] in) {
            calls.incrementAndGet();
            return new NdArray[] {in[0].copy()};
        }

        @Override
        public List<Variable> grad(List<Variable> inputs, List<Variable> outputGrads) { return List.of(outputGrads.get(0)); }

        @Override
        protected List<Object> props() { return List.of(System.identityHashCode(this)); }

        @Override
        public String toString() { return "Counting"; }
    }

    @Test
    void selectsTheBranchByTheCondition() {
        Variable a = T.dscalar("a"), b = T.dscalar("b"), x = T.dvector("x"), y = T.dvector("y");
        Variable z = IfElse.ifelse(T.lt(a, b), List.of(T.mul(x, 2.0)), List.of(T.add(y, 1.0)), null).get(0);
        Function f = Function.compile(List.of(a, b, x, y), List.of(z));
        NdArray xv = NdArray.vector(1, 2, 3), yv = NdArray.vector(10, 20, 30);
        TestUtil.assertArray(f.call(NdArray.scalar(1), NdArray.scalar(2), xv, yv)[0], DType.FLOAT64, new long[] {3}, 2, 4, 6);
        TestUtil.assertArray(f.call(NdArray.scalar(3), NdArray.scalar(2), xv, yv)[0], DType.FLOAT64, new long[] {3}, 11, 21, 31);
        assertEquals("if{}", z.owner().op().toString());
    }

    @Test
    void onlyTheBranchTakenIsEvaluated() {
        Counting inThen = new Counting(), inElse = new Counting();
        Variable c = T.dscalar("c"), x = T.dvector("x");
        List<Variable> outs = IfElse.ifelse(c, List.of(T.exp(inThen.call(x)), x), List.of(T.sqr(inElse.call(x)), T.neg(x)), "lazy");
        Function f = Function.compile(List.of(c, x), outs);
        for (int i = 0; i < 3; i++) f.call(NdArray.scalar(1), NdArray.vector(1, 2));
        assertEquals(3, inThen.calls.get());
        assertEquals(0, inElse.calls.get());
        NdArray[] r = f.call(NdArray.scalar(0), NdArray.vector(1, 2));
        assertEquals(1, inElse.calls.get());
        assertEquals(3, inThen.calls.get());
        TestUtil.assertArray(r[0], DType.FLOAT64, new long[] {2}, 1, 4);
        TestUtil.assertArray(r[1], DType.FLOAT64, new long[] {2}, -1, -2);
    }

    @Test
    void branchesMustHaveTheSameType() {
        Variable c = T.dscalar("c");
        TheanoTypeError e = assertThrows(TheanoTypeError.class, () -> IfElse.ifelse(c, List.of(T.dvector("x")), List.of(T.dmatrix("m")), null));
        assertTrue(e.getMessage().contains("The two branches should have identical types"), e.getMessage());
    }

    @Test
    void gradientOfEachBranchByFiniteDifferences() {
        for (double cond : new double[] {1, 0}) {
            TestUtil.verifyGrad(v -> {
                Variable x = v.get(0), w = v.get(1);
                Variable c = T.constant(NdArray.scalar(cond));
                return IfElse.ifelse(c, List.of(T.mul(T.sin(x), w)), List.of(T.mul(T.sqr(x), T.exp(w))), null).get(0);
            }, new NdArray[] {NdArray.vector(0.3, -0.7, 1.1), NdArray.vector(0.5, 2.0, -1.5)}, 11);
        }
    }

    @Test
    void gradientIsLazyToo() {
        // d/dx ifelse(c, x^2, g(x)) where the else branch's op has no gradient body run when c is true
        Counting inElse = new Counting();
        Variable c = T.dscalar("c"), x = T.dvector("x");
        Variable y = IfElse.ifelse(c, List.of(T.sqr(x)), List.of(T.mul(inElse.call(x), 3.0)), null).get(0);
        Variable g = Gradient.grad(T.sum(y), x);
        Function f = Function.compile(List.of(c, x), List.of(g));
        TestUtil.assertArray(f.call(NdArray.scalar(1), NdArray.vector(1, -2))[0], DType.FLOAT64, new long[] {2}, 2, -4);
        assertEquals(0, inElse.calls.get()); // neither the else branch nor its gradient ran
        TestUtil.assertArray(f.call(NdArray.scalar(0), NdArray.vector(1, -2))[0], DType.FLOAT64, new long[] {2}, 3, 3);
    }
}
