package org.theanojvm.truffle.elemwise;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import java.util.function.Supplier;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.Elemwise;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.truffle.elemwise.scalar.CompositeTreeBuilder;
import org.theanojvm.truffle.elemwise.scalar.ConstantNode;
import org.theanojvm.truffle.elemwise.scalar.OperandNode;
import org.theanojvm.truffle.elemwise.scalar.ScalarNode;
import org.theanojvm.truffle.elemwise.scalar.ScalarTreeBuilder;
import org.theanojvm.truffle.elemwise.vector.VectorKernel;
import org.theanojvm.truffle.elemwise.vector.VectorProgram;
import org.theanojvm.truffle.graph.ApplyNode;

/**
 * Builds the kernel of an Elemwise apply: picks the evaluation domain exactly as the reference
 * Elemwise.perform does (long when every operand and the result are discrete and the scalar op has an
 * integer implementation, double otherwise), allocates the frame slots for the per-element operand
 * values and the loop state, and gives a factory of scalar expression trees. A fused Composite becomes
 * one tree of its whole inner graph ({@link CompositeTreeBuilder}); single-element constant operands
 * become literals of the tree. A double-domain kernel also gets its SIMD form ({@link VectorProgram})
 * where one exists.
 */
public final class ElemwiseKernels {
    private ElemwiseKernels() {}

    /** True when this apply can run as a Truffle kernel (complex values still go to the reference perform). */
    public static boolean supports(Apply a) {
        if (!(a.op() instanceof Elemwise) || a.outputs().size() != 1) return false;
        if (a.outputs().get(0).dtype().isComplex()) return false;
        for (Variable v : a.inputs()) if (!v.isTensor() || v.dtype().isComplex()) return false;
        return true;
    }

    public static ElemwiseNode create(ApplyNode.Slots slots, FrameDescriptor.Builder frame) {
        Apply a = slots.apply();
        ScalarOp op = ((Elemwise) a.op()).scalarOp();
        DType outDtype = a.outputs().get(0).dtype();
        int n = a.inputs().size();
        boolean longDomain = outDtype.isDiscrete() && op.hasLongImpl();
        DType[] inDtypes = new DType[n];
        ElementAccess[] reads = new ElementAccess[n];
        for (int k = 0; k < n; k++) {
            DType d = inDtypes[k] = a.inputs().get(k).dtype();
            longDomain &= d.isDiscrete() || !op.readsValue(k); // the reference's rule (Elemwise.domain)
            reads[k] = ElementAccess.of(d);
        }
        // a Composite in the double domain holds discrete values as exact longs, as the reference does
        // (Composite.evalExact): its discrete operands are loaded as longs, a discrete result stored as one
        boolean exactComposite = op instanceof Composite && !longDomain;
        boolean[] loadLong = new boolean[n];
        for (int k = 0; k < n; k++) loadLong[k] = longDomain || (exactComposite && inDtypes[k].isDiscrete());
        boolean storeLong = longDomain || (exactComposite && outDtype.isDiscrete());
        int[] valueSlots = new int[n];
        for (int k = 0; k < n; k++) valueSlots[k] = frame.addSlot(loadLong[k] ? FrameSlotKind.Long : FrameSlotKind.Double, null, null);
        int planSlot = frame.addSlot(FrameSlotKind.Object, null, null);
        int posSlot = frame.addSlot(FrameSlotKind.Int, null, null);
        ElementAccess write = ElementAccess.of(outDtype);
        boolean domain = longDomain;
        // single-element constants become literals of the tree (and are not loaded per element)
        NdArray[] consts = slots.constants();
        boolean[] literal = new boolean[n];
        double[] litDouble = new double[n];
        long[] litLong = new long[n];
        for (int k = 0; k < n; k++) {
            NdArray c = consts[k];
            if (c != null && c.size() == 1) {
                literal[k] = true;
                litDouble[k] = c.readDouble(c.offset());
                litLong[k] = c.readLong(c.offset());
            }
        }
        CompositeTreeBuilder composite = op instanceof Composite c ? CompositeTreeBuilder.prepare(c, domain, frame) : null;
        Supplier<KernelBody> bodies = () -> {
            ScalarNode[] operands = new ScalarNode[n];
            for (int k = 0; k < n; k++) operands[k] = literal[k] ? new ConstantNode(litDouble[k], litLong[k]) : new OperandNode(valueSlots[k]);
            ScalarNode expr = composite != null ? composite.build(operands, loadLong, storeLong) : ScalarTreeBuilder.build(op, outDtype, operands);
            return new KernelBody(reads, valueSlots, literal, write, loadLong, storeLong, expr);
        };
        VectorProgram vector = VectorKernel.AVAILABLE && !domain ? VectorProgram.compile(op, inDtypes) : null;
        return new ElemwiseNode(slots, bodies, planSlot, posSlot, vector, reads, write);
    }
}
