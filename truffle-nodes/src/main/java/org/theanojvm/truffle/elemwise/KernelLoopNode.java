package org.theanojvm.truffle.elemwise;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import java.util.function.Supplier;

/**
 * Chooses the loop for a call's layout with the Truffle DSL: a flat loop specialised on the
 * broadcast pattern (which operands advance; a couple of patterns cached per node), and the strided
 * loop for everything else (transposed or sliced operands, partial broadcasts). Each specialisation
 * instance gets its own copy of the kernel body, since a node has one parent.
 */
public abstract class KernelLoopNode extends Node {
    protected final Supplier<KernelBody> bodies;
    protected final int planSlot;
    protected final int posSlot;

    protected KernelLoopNode(Supplier<KernelBody> bodies, int planSlot, int posSlot) {
        this.bodies = bodies;
        this.planSlot = planSlot;
        this.posSlot = posSlot;
    }

    public abstract void execute(VirtualFrame frame, KernelPlan plan);

    @Specialization(guards = {"plan.flat", "plan.stepMask == cachedMask"}, limit = "3")
    protected void doFlat(VirtualFrame frame, KernelPlan plan,
            @Cached("plan.stepMask") int cachedMask,
            @Cached("createFlatLoop(cachedMask)") LoopNode loop) {
        frame.setObject(planSlot, plan);
        frame.setInt(posSlot, 0);
        loop.execute(frame);
        frame.setObject(planSlot, null);
    }

    @Specialization(replaces = "doFlat")
    protected void doStrided(VirtualFrame frame, KernelPlan plan,
            @Cached("createAllSteppingLoop()") LoopNode allStepping,
            @Cached("createStrided()") StridedLoopNode strided) {
        // all operands contiguous (0-d included) keeps its fast loop; the strided loop takes the rest
        if (plan.flat && plan.stepMask == (1 << (plan.bases.length - 1)) - 1) doFlat(frame, plan, plan.stepMask, allStepping);
        else strided.execute(frame, plan);
    }

    protected LoopNode createFlatLoop(int mask) {
        return Truffle.getRuntime().createLoopNode(new FlatChunkNode(mask, planSlot, posSlot, bodies.get()));
    }

    /** Every operand advances (mask with all bits set). */
    protected LoopNode createAllSteppingLoop() { return createFlatLoop(~0); }

    protected StridedLoopNode createStrided() { return new StridedLoopNode(bodies.get()); }
}
