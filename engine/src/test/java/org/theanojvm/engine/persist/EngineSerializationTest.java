package org.theanojvm.engine.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Graphs;
import org.theanojvm.engine.graph.Op;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.Type;

/** Ops, types and arrays written as text and read back, as the shim's pickling does node by node. */
class EngineSerializationTest {

    /** The graph rebuilt node by node with every op and output type read back from its text. */
    private static List<Variable> rebuiltThroughText(List<Variable> inputs, List<Variable> outputs) {
        Map<Variable, Variable> copy = new IdentityHashMap<>();
        for (Variable i : inputs) copy.put(i, i);
        for (Apply a : Graphs.toposort(inputs, outputs)) {
            List<Variable> ins = new ArrayList<>();
            for (Variable v : a.inputs()) ins.add(copy.getOrDefault(v, v)); // constants are kept as they are
            List<Type> types = new ArrayList<>();
            for (Variable o : a.outputs()) types.add((Type) EngineSerialization.decode(EngineSerialization.encode(o.type())));
            Op op = (Op) EngineSerialization.decode(EngineSerialization.encode(a.op()));
            assertEquals(a.op(), op);
            assertEquals(a.op().toString(), op.toString());
            Apply b = new Apply(op, ins, types);
            for (int k = 0; k < a.outputs().size(); k++) copy.put(a.outputs().get(k), b.outputs().get(k));
        }
        List<Variable> out = new ArrayList<>();
        for (Variable o : outputs) out.add(copy.get(o));
        return out;
    }

    @Test
    void aLogisticRegressionGraphWithItsGradientComputesTheSameAfterItsOpsAreReadBack() {
        Variable x = T.dmatrix("x");
        Variable w = T.dmatrix("w");
        Variable y = T.lvector("y");
        Variable p = T.softmax(T.dot(x, w));
        Variable cost = T.neg(T.mean(T.log(T.advancedSubtensor(p, T.arange(T.shapeOf(y, 0)), y)),
                null, false, null, null));
        Variable pred = T.argmax(T.tanh(T.sigmoid(p)), new int[] {1}, false);
        Variable g = Gradient.grad(cost, List.of(w)).get(0);
        List<Variable> outs = List.of(cost, pred, T.transpose(g));
        List<Variable> rebuilt = rebuiltThroughText(List.of(x, w, y), outs);

        NdArray xv = NdArray.fromDoubles(DType.FLOAT64, new long[] {3, 2}, 0.5, -1, 2, 0.25, -0.75, 1.5);
        NdArray wv = NdArray.fromDoubles(DType.FLOAT64, new long[] {2, 3}, 0.1, 0.2, -0.3, 0.4, -0.5, 0.6);
        NdArray yv = NdArray.fromLongs(DType.INT64, new long[] {3}, 0, 2, 1);
        NdArray[] expected = Function.compile(List.of(x, w, y), outs).call(xv, wv, yv);
        NdArray[] got = Function.compile(List.of(x, w, y), rebuilt).call(xv, wv, yv);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k].toString(), got[k].toString(), "output " + k);
        }
    }

    @Test
    void theEngineScalarOpsComeBackAsTheSameConstantsWhileOthersAreCopies() {
        Object exp = EngineSerialization.decode(EngineSerialization.encode(TranscendentalOps.EXP));
        assertSame(TranscendentalOps.EXP, exp);
        Op cast = T.cast(T.dvector("v"), DType.FLOAT32).owner().op();
        Op castBack = (Op) EngineSerialization.decode(EngineSerialization.encode(cast));
        assertEquals(cast, castBack);
    }

    @Test
    void anArrayViewIsWrittenInCOrderWithItsDtype() {
        NdArray m = NdArray.fromLongs(DType.INT16, new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
        NdArray t = m.transpose(1, 0); // a strided view
        NdArray back = (NdArray) EngineSerialization.decode(EngineSerialization.encode(t));
        assertNotSame(t, back);
        assertEquals(DType.INT16, back.dtype());
        assertArrayEquals(new long[] {3, 2}, back.shape());
        assertArrayEquals(new long[] {1, 4, 2, 5, 3, 6}, back.toLongArray());
        assertEquals(true, back.isCContiguous());
    }

    @Test
    void textThatIsNotAnEnginePickleIsRefusedWithAPythonStyleError() throws Exception {
        assertThrows(TheanoValueError.class, () -> EngineSerialization.decode("not base64 at all!"));
        assertThrows(TheanoValueError.class, () -> EngineSerialization.decode("AAAA"));
        // a serializable class from outside the engine and java.lang/java.util is not constructed
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new java.io.File("/etc/passwd"));
        }
        String foreign = Base64.getEncoder().encodeToString(bytes.toByteArray());
        assertThrows(TheanoValueError.class, () -> EngineSerialization.decode(foreign));
    }
}
