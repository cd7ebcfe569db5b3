package org.theanojvm.engine.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.theanojvm.engine.ops.Dot;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.scan.ScanOp;

class OpRegistryTest {
    @Test
    void listsConcreteOpsOfEveryFamilyIncludingNestedOnes() {
        List<Class<? extends Op>> ops = OpRegistry.opClasses();
        assertTrue(ops.contains(Elemwise.class));
        assertTrue(ops.contains(Dot.class));
        assertTrue(ops.contains(ScanOp.class));
        assertTrue(ops.contains(SubtensorOps.Subtensor.class), "nested op classes count too");
        assertFalse(ops.contains(Op.class));
        for (Class<? extends Op> op : ops) {
            assertFalse(Modifier.isAbstract(op.getModifiers()), op + " is abstract");
        }
        assertTrue(ops.size() > 50, "found only " + ops.size() + " ops: is the class scan reading the right place?");
    }

    @Test
    void listsScalarOpsOfEveryFamily() {
        Map<String, ScalarOp> ops = OpRegistry.scalarOps();
        for (String name : List.of("add", "exp", "eq", "real", "sigmoid", "erf")) {
            assertTrue(ops.containsKey(name), name + " missing from " + ops.keySet());
        }
    }
}
