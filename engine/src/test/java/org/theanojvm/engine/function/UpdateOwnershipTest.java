package org.theanojvm.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * Updates keep the executor's result without a copy only when nobody else can see its memory:
 * results that are an argument, another shared variable's value, a graph constant or another update
 * are copied, so no two owners ever share storage (Theano's aliasing rules for updates).
 */
class UpdateOwnershipTest {
    private static NdArray vec(double... v) { return NdArray.vector(v); }

    private static boolean share(NdArray a, NdArray b) { return a.segment().asOverlappingSlice(b.segment()).isPresent(); }

    @Test
    void swappedSharedValuesAreCopiedNotAliased() {
        SharedVariable a = SharedVariable.create(vec(1, 2), "a"), b = SharedVariable.create(vec(3, 4), "b");
        Function f = Function.compile(List.of(), List.of(), List.of(new Variable[] {a, b}, new Variable[] {b, a}), List.of(), null, null, null);
        f.call();
        assertEquals(3.0, a.getValue(true).getDouble(0));
        assertEquals(1.0, b.getValue(true).getDouble(0));
        f.call(); // b's update reads a: had a and b shared storage, they would now be equal
        assertEquals(1.0, a.getValue(true).getDouble(0));
        assertEquals(3.0, b.getValue(true).getDouble(0));
        assertEquals(false, share(a.getValue(true), b.getValue(true)));
        Function g = Function.compile(List.of(), List.of(), List.<Variable[]>of(new Variable[] {a, b}), List.of(), null, null, null);
        g.call(); // a takes b's value: a copy, not b's storage
        assertEquals(false, share(a.getValue(true), b.getValue(true)));
    }

    @Test
    void anArgumentOrAConstantIsCopiedIntoTheSharedVariable() {
        SharedVariable s = SharedVariable.create(vec(0, 0), "s"), t = SharedVariable.create(vec(0, 0), "t");
        Variable x = T.dvector("x");
        Function f = Function.compile(List.of(In.of(x)), List.of(), List.of(new Variable[] {s, x}, new Variable[] {t, T.asTensorVariable(vec(7, 8))}),
                List.of(), null, null, null);
        NdArray arg = vec(5, 6);
        f.call(arg);
        arg.writeDouble(arg.offset(), -1); // the caller's array changes later: the shared value must not
        assertEquals(5.0, s.getValue(true).getDouble(0));
        assertNotSame(arg, s.getValue(true));
        t.getValue(true).writeDouble(t.getValue(true).offset(), 99); // an in-place write to t must not reach the constant
        f.call(vec(1, 1));
        assertEquals(7.0, t.getValue(true).getDouble(0));
    }

    @Test
    void oneResultFeedingTwoUpdatesIsStoredOnce() {
        SharedVariable a = SharedVariable.create(vec(1, 2), "a"), b = SharedVariable.create(vec(0, 0), "b");
        Variable twice = T.mul(a, 2.0);
        Function f = Function.compile(List.of(), List.of(twice), List.of(new Variable[] {a, twice}, new Variable[] {b, twice}), List.of(), null, null,
                null);
        NdArray[] out = f.callTransient(List.of(), Map.of());
        assertEquals(2.0, out[0].getDouble(0));
        assertEquals(false, share(a.getValue(true), b.getValue(true)));
        assertEquals(4.0, b.getValue(true).getDouble(1));
        NdArray[] copied = f.call();
        assertEquals(4.0, copied[0].getDouble(0));
        assertEquals(false, share(copied[0], a.getValue(true)));
        assertSame(DType.FLOAT64, copied[0].dtype());
    }
}
