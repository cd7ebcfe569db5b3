package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.theanojvm.engine.TestUtil.assertArray;
import static org.theanojvm.engine.TestUtil.s;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.PythonOp;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/** PythonOp driven by a Java implementation standing in for the Python one: graphs, execution, gradient, errors. */
class PythonOpTest {
    /** y = 3 * x, with gradient 3 * gy; fails on negative first elements to exercise error reporting. */
    static final class Triple implements PythonOp.Implementation {
        PythonOp op;
        int makeNodeCalls;

        @Override
        public Apply makeNode(List<Variable> inputs) {
            makeNodeCalls++;
            Variable x = T.asTensorVariable(inputs.get(0));
            return op.newApply(List.of(x), List.of(x.type()));
        }

        @Override
        public PythonOp.Failure perform(Apply node, NdArray[] inputs, NdArray[] outputs) {
            NdArray x = inputs[0];
            if (x.size() > 0 && x.toDoubleArray()[0] < 0) return new PythonOp.Failure("ValueError", "negative input");
            NdArray y = NdArray.empty(x.dtype(), x.shape());
            double[] v = x.toDoubleArray();
            for (int i = 0; i < v.length; i++) y.writeDouble(y.elementOffsets()[i], 3 * v[i]);
            outputs[0] = y;
            return null;
        }

        @Override
        public void grad(List<Variable> inputs, List<Variable> outputs, List<Variable> outputGrads, List<Variable> result) {
            result.add(T.mul(outputGrads.get(0), 3.0));
        }

        @Override
        public boolean rOp(List<Variable> inputs, List<Variable> evalPoints, List<Variable> result) {
            result.add(T.mul(evalPoints.get(0), 3.0));
            return true;
        }

        @Override
        public void connectionPattern(Apply node, boolean[][] pattern) {}
    }

    static PythonOp triple(Triple impl) {
        PythonOp op = new PythonOp(impl, "Triple", "Triple()", -1);
        impl.op = op;
        return op;
    }

    @Test
    void runsInsideFunctionsAndGradients() {
        Triple impl = new Triple();
        PythonOp op = triple(impl);
        Variable x = T.dvector("x");
        Variable y = op.call(x);
        assertEquals("Triple.0", y.toString());
        Function f = Function.compile(List.of(x), List.of(T.sum(y)));
        assertArray(f.call(NdArray.vector(1, 2))[0], DType.FLOAT64, s(), 9);
        Variable g = Gradient.grad(T.sum(T.sqr(y)), x);
        // d/dx sum((3x)^2) = 18 x
        assertArray(Function.compile(List.of(x), List.of(g)).call(NdArray.vector(1, 2))[0], DType.FLOAT64, s(2), 18, 36);
        Variable v = T.dvector("v");
        Variable jv = Gradient.rop(List.of(y), List.of(x), List.of(v)).get(0);
        // J v = 3 v does not depend on x: x is an unused input
        Function fj = Function.compile(List.of(org.theanojvm.engine.function.In.of(x), org.theanojvm.engine.function.In.of(v)), List.of(jv),
                List.of(), List.of(), null, "ignore", null);
        assertArray(fj.call(NdArray.vector(1, 2), NdArray.vector(1, -1))[0], DType.FLOAT64, s(2), 3, -3);
    }

    @Test
    void failuresKeepTheirKindAndGainOpContext() {
        Triple impl = new Triple();
        Variable x = T.dvector("x");
        Function f = Function.compile(List.of(x), List.of(triple(impl).call(x)));
        TheanoException e = assertThrows(TheanoException.class, () -> f.call(NdArray.vector(-1, 2)));
        assertEquals("ValueError", e.pythonExceptionType());
        assertTrue(e.getMessage().startsWith("negative input\nApply node that caused the error: Triple(x)"), e.getMessage());
    }

    @Test
    void clonesWithNewTypesAskTheImplementation() {
        Triple impl = new Triple();
        PythonOp op = triple(impl);
        Variable y = op.call(T.dvector("x"));
        int before = impl.makeNodeCalls;
        Apply n = y.owner().cloneWithNewInputs(List.of(T.fvector("f")));
        assertEquals(before + 1, impl.makeNodeCalls);
        assertEquals(DType.FLOAT32, n.outputs().get(0).dtype());
        Apply same = y.owner().cloneWithNewInputs(List.of(T.dvector("d")));
        assertEquals(before + 1, impl.makeNodeCalls);
        assertEquals(op, same.op());
    }

    @Test
    void equalityFollowsIdentityStrings() {
        Triple a = new Triple(), b = new Triple();
        assertEquals(new PythonOp(a, "Triple", "k1", -1), new PythonOp(b, "Triple", "k1", -1));
        assertNotEquals(new PythonOp(a, "Triple", "k1", -1), new PythonOp(a, "Triple", "k2", -1));
    }
}
