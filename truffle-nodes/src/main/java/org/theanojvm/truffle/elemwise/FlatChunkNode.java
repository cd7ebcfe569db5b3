package org.theanojvm.truffle.elemwise;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RepeatingNode;

/**
 * The flat kernel loop, cut into chunks so that one huge call still reaches compiled code: the
 * surrounding {@link LoopNode} counts chunks and can switch to an on-stack-replaced version, while each
 * chunk is a plain counted loop that Graal compiles tightly. The step mask (which operands advance) is a
 * constant of this node, so per-operand index arithmetic folds away.
 */
public final class FlatChunkNode extends Node implements RepeatingNode {
    static final int CHUNK = 4096;

    private final int stepMask;
    private final int planSlot;
    private final int posSlot;
    @Child private KernelBody body;

    FlatChunkNode(int stepMask, int planSlot, int posSlot, KernelBody body) {
        this.stepMask = stepMask;
        this.planSlot = planSlot;
        this.posSlot = posSlot;
        this.body = body;
    }

    @Override
    public boolean executeRepeating(VirtualFrame frame) {
        KernelPlan plan = (KernelPlan) frame.getObject(planSlot);
        int from = frame.getInt(posSlot);
        int to = Math.min(plan.size, from + CHUNK);
        runRange(frame, plan, from, to);
        LoopNode.reportLoopCount(this, to - from);
        frame.setInt(posSlot, to);
        return to < plan.size;
    }

    private void runRange(VirtualFrame frame, KernelPlan plan, int from, int to) {
        Object[] bases = plan.bases;
        int[] starts = plan.starts;
        int n = body.operands();
        Object outBase = bases[n];
        int outStart = starts[n];
        for (int i = from; i < to; i++) {
            loadAll(frame, bases, starts, i);
            body.computeAndStore(frame, outBase, outStart + i);
        }
    }

    @ExplodeLoop
    private void loadAll(VirtualFrame frame, Object[] bases, int[] starts, int i) {
        for (int k = 0; k < body.operands(); k++) {
            body.load(frame, k, bases[k], (stepMask & (1 << k)) != 0 ? starts[k] + i : starts[k]);
        }
    }
}
