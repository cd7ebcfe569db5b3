package org.theanojvm.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.theanojvm.engine.TestUtil.assertArray;
import static org.theanojvm.engine.TestUtil.s;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.MissingInputError;
import org.theanojvm.engine.errors.TheanoException;
import org.theanojvm.engine.errors.TheanoRuntimeError;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.errors.UnusedInputError;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.function.In;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.Literal;

class FunctionTest {
    private static List<Variable[]> upd(Variable target, Variable value) { return List.<Variable[]>of(new Variable[] {target, value}); }

    @Test
    void seed002LinearMixWithDefaultsAndSharedUpdates() {
        Variable a = T.matrix("A"), x = T.vector("x"), b = T.vector("b");
        Variable y = T.add(T.dot(a, x), b);
        Variable z = T.sum(T.pow(a, 2L));
        NdArray av = NdArray.fromDoubles(DType.FLOAT64, s(2, 3), 1, 2, 3, 4, 5, 6);
        NdArray xv = NdArray.vector(1, 2, 3);
        Function lin = Function.compile(List.of(a, x, b), List.of(y, z));
        NdArray[] r = lin.call(av, xv, NdArray.vector(4, 5));
        assertArray(r[0], DType.FLOAT64, s(2), 18, 37);
        assertArray(r[1], DType.FLOAT64, s(), 91);
        Function withDefault = Function.compile(List.of(In.of(a), In.of(x), In.of(b).withValue(NdArray.zeros(DType.FLOAT64, 2))), List.of(y, z),
                List.of(), List.of(), null, null, null);
        assertArray(withDefault.call(av, xv)[0], DType.FLOAT64, s(2), 14, 32);
        assertArray(withDefault.call(av, xv, NdArray.vector(4, 5))[0], DType.FLOAT64, s(2), 18, 37);
        assertArray(withDefault.call(List.of(av, xv), Map.of("b", NdArray.vector(1, 1)))[0], DType.FLOAT64, s(2), 15, 33);

        SharedVariable sv = T.shared(NdArray.fromDoubles(DType.FLOAT64, s(2, 2), 1, 2, 3, 4), null);
        Function sq = Function.compile(List.of(), List.of(T.pow(sv, 2L)));
        assertArray(sq.call()[0], DType.FLOAT64, s(2, 2), 1, 4, 9, 16);
        sv.setValue(NdArray.fromDoubles(DType.FLOAT64, s(2, 2), 3, 4, 2, 1), false);
        assertArray(sq.call()[0], DType.FLOAT64, s(2, 2), 9, 16, 4, 1);
        Variable sub = T.matrix("subtract");
        Function fu = Function.compile(List.of(In.of(sub)), List.of(sv), upd(sv, T.sub(sv, sub)), List.of(), null, null, null);
        NdArray ret = fu.call(NdArray.full(DType.FLOAT64, 1, 2, 2))[0];
        assertArray(ret, DType.FLOAT64, s(2, 2), 3, 4, 2, 1); // the value before the update
        assertArray(sv.getValue(), DType.FLOAT64, s(2, 2), 2, 3, 1, 0);
        ret.writeDouble(0, 99); // outputs never alias shared storage
        assertEquals(2, sv.getValue().toDoubleArray()[0]);
    }

    @Test
    void updatesAreAllOrNone() {
        SharedVariable s1 = T.shared(NdArray.vector(1, 2), "s1");
        SharedVariable s2 = T.shared(NdArray.vector(10, 20), "s2");
        Variable v = T.dvector("v");
        Function f = Function.compile(List.of(In.of(v)), List.of(),
                List.of(new Variable[] {s1, T.add(s1, 1L)}, new Variable[] {s2, T.add(s2, v)}), List.of(), null, null, null);
        f.call(NdArray.vector(1, 1));
        assertArray(s1.getValue(), DType.FLOAT64, s(2), 2, 3);
        assertArray(s2.getValue(), DType.FLOAT64, s(2), 11, 21);
        assertThrows(TheanoException.class, () -> f.call(NdArray.vector(1, 2, 3))); // s2 + v fails after s1 + 1 succeeded
        assertArray(s1.getValue(), DType.FLOAT64, s(2), 2, 3);
        assertArray(s2.getValue(), DType.FLOAT64, s(2), 11, 21);
        // updates see the values from before the call
        Function swap = Function.compile(List.of(), List.of(), List.of(new Variable[] {s1, s2}, new Variable[] {s2, s1}), List.of(), null, null, null);
        swap.call();
        assertArray(s1.getValue(), DType.FLOAT64, s(2), 11, 21);
        assertArray(s2.getValue(), DType.FLOAT64, s(2), 2, 3);
    }

    @Test
    void argumentChecksAndMessages() {
        Variable x = T.fvector("x");
        Function f = Function.compile(List.of(In.of(x)), List.of(T.mul(x, 2L)), List.of(), List.of(), null, null, "f.py:3");
        TheanoException e = assertThrows(TheanoException.class, () -> f.call(NdArray.vector(1, 2)));
        assertEquals("TypeError", e.pythonExceptionType());
        assertEquals("Bad input argument to theano function with name \"f.py:3\" at index 0 (0-based). TensorType(float32, vector) cannot store a "
                + "value of dtype float64 without risking loss of precision. If you do not mind this loss, you can: 1) explicitly cast your data "
                + "to float32, or 2) set \"allow_input_downcast=True\" when calling \"function\". Value: \"array([1., 2.])\"", e.getMessage());
        Function down = Function.compile(List.of(In.of(x)), List.of(T.mul(x, 2L)), List.of(), List.of(), true, null, null);
        assertArray(down.call(NdArray.vector(1, 2))[0], DType.FLOAT32, s(2), 2, 4);
        assertArray(f.call(Literal.of(1.5, 2.0))[0], DType.FLOAT32, s(2), 3, 4);
        TheanoException e2 = assertThrows(TheanoException.class, () -> f.call(NdArray.zeros(DType.FLOAT32, 2, 2)));
        assertEquals("Bad input argument to theano function with name \"f.py:3\" at index 0 (0-based). Wrong number of dimensions: expected 1, "
                + "got 2 with shape (2, 2).", e2.getMessage());
        TheanoTypeError e3 = assertThrows(TheanoTypeError.class, () -> f.call());
        assertEquals("Missing required input: x", e3.getMessage());
        TheanoTypeError e4 = assertThrows(TheanoTypeError.class, () -> f.call(Literal.of(1.0), Literal.of(2.0)));
        assertEquals("Too many parameter passed to theano function", e4.getMessage());
    }

    @Test
    void compileTimeErrors() {
        Variable x = T.dvector("x"), y = T.dvector("y");
        MissingInputError m = assertThrows(MissingInputError.class, () -> Function.compile(List.of(x), List.of(T.add(x, y))));
        assertEquals("Input 1 of the graph (indices start from 0), used to compute Elemwise{add,no_inplace}(x, y), was not provided and not "
                + "given a value. Use the Theano flag exception_verbosity='high', for more information on this error.", m.getMessage());
        UnusedInputError u = assertThrows(UnusedInputError.class, () -> Function.compile(List.of(x, y), List.of(T.exp(x))));
        assertEquals("theano.function was asked to create a function computing outputs given certain inputs, but the provided input variable at "
                + "index 1 is not part of the computational graph needed to compute the outputs: y.\nTo make this error into a warning, you can "
                + "pass the parameter on_unused_input='warn' to theano.function. To disable it completely, use on_unused_input='ignore'.", u.getMessage());
        Function.compile(List.of(In.of(x), In.of(y)), List.of(T.exp(x)), List.of(), List.of(), null, "ignore", null);
        SharedVariable w = T.shared(NdArray.vector(1, 2), "W");
        TheanoTypeError st = assertThrows(TheanoTypeError.class, () -> Function.compile(List.of(w), List.of(T.exp(w))));
        assertEquals("Cannot use a shared variable (W) as explicit input. Consider substituting a non-shared variable via the `givens` parameter",
                st.getMessage());
        Variable f32 = T.fvector("f");
        TheanoTypeError ut = assertThrows(TheanoTypeError.class,
                () -> Function.compile(List.of(In.of(f32)), List.of(), upd(w, T.mul(f32, 2L)), List.of(), null, null, null));
        assertEquals("('An update must have the same type as the original shared variable (shared_var=W, shared_var.type=TensorType(float64, vector), "
                + "update_val=Elemwise{mul,no_inplace}.0, update_val.type=TensorType(float32, vector)).', 'If the difference is related to the "
                + "broadcast pattern, you can call the tensor.unbroadcast(var, axis_to_unbroadcast[, ...]) function to remove broadcastable dimensions.')",
                ut.getMessage());
        assertThrows(TheanoRuntimeError.class, () -> Function.compile(List.of(In.of(x)), List.of(T.exp(x)), List.of(),
                List.<Variable[]>of(new Variable[] {x, y}), null, null, null));
    }

    @Test
    void givensSubstituteByCloning() {
        SharedVariable data = T.shared(NdArray.vector(1, 2, 3, 4), "data");
        Variable x = T.dvector("x"), i = T.lscalar("i");
        Variable out = T.sum(T.sqr(x));
        Variable slice = T.subtensor(data, org.theanojvm.engine.ops.SubtensorOps.slice(i, null, null));
        Function f = Function.compile(List.of(In.of(i)), List.of(out), List.of(), List.<Variable[]>of(new Variable[] {x, slice}), null, null, null);
        assertArray(f.call(2L)[0], DType.FLOAT64, s(), 25);
        assertArray(f.call(0L)[0], DType.FLOAT64, s(), 30);
        // the original graph is untouched
        assertArray(TestUtil.eval(out, List.of(x), NdArray.vector(3)), DType.FLOAT64, s(), 9);
    }

    @Test
    void stateInputsAndDefaultUpdates() {
        Variable inc = T.lscalar("inc"), acc = T.lscalar("acc");
        Function f = Function.compile(List.of(In.of(inc), In.of(acc).withValue(Literal.of(0L)).withUpdate(T.add(acc, inc))), List.of(acc),
                List.of(), List.of(), null, null, null);
        assertEquals(0, f.call(5L)[0].itemLong());
        assertEquals(5, f.call(2L)[0].itemLong());
        assertEquals(7, f.inputState(1).itemLong());
        SharedVariable counter = T.shared(NdArray.scalarLong(DType.INT64, 0), "counter");
        counter.setDefaultUpdate(T.add(counter, 1L));
        Function g = Function.compile(List.of(), List.of(T.mul(counter, 10L)));
        assertEquals(0, g.call()[0].itemLong());
        assertEquals(10, g.call()[0].itemLong());
        assertEquals(2, counter.getValue().itemLong());
    }

    @Test
    void outputsAreFreshArrays() {
        Variable x = T.dvector("x");
        Function f = Function.compile(List.of(x), List.of(x, T.transpose(x), x));
        NdArray in = NdArray.vector(1, 2);
        NdArray[] r = f.call(in);
        assertNotSame(in, r[0]);
        assertNotSame(r[0], r[2]);
        r[0].writeDouble(0, 5);
        assertArrayEquals(new double[] {1, 2}, in.toDoubleArray());
        SharedVariable w = T.shared(NdArray.vector(1, 2), "W");
        NdArray v = w.getValue(true);
        assertNotSame(v, Function.compile(List.of(), List.of(w)).call()[0]);
    }
}
