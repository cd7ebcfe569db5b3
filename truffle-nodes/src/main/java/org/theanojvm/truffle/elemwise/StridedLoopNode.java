package org.theanojvm.truffle.elemwise;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;

/**
 * The general kernel loop for any strides (transposed, sliced, partially broadcast operands): an
 * odometer over the outer dimensions and a counted inner loop along the last one.
 */
public final class StridedLoopNode extends Node {
    @Child private KernelBody body;

    StridedLoopNode(KernelBody body) { this.body = body; }

    public void execute(VirtualFrame frame, KernelPlan plan) {
        int n = body.operands();
        int nd = plan.shape.length;
        int inner = plan.shape[nd - 1];
        int rows = plan.size / inner;
        int[] off = plan.starts.clone(); // current row start, per operand (the output included)
        int[] idx = new int[nd];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < inner; j++) {
                loadAll(frame, plan, off, j, nd - 1);
                body.computeAndStore(frame, plan.bases[n], off[n] + j);
            }
            advance(plan, off, idx, nd);
        }
        LoopNode.reportLoopCount(this, plan.size);
    }

    @ExplodeLoop
    private void loadAll(VirtualFrame frame, KernelPlan plan, int[] off, int j, int last) {
        for (int k = 0; k < body.operands(); k++) body.load(frame, k, plan.bases[k], off[k] + j * plan.strides[k][last]);
    }

    /** Moves every operand's row start to the next row of the outer dimensions (C order). */
    private static void advance(KernelPlan plan, int[] off, int[] idx, int nd) {
        for (int d = nd - 2; d >= 0; d--) {
            idx[d]++;
            for (int k = 0; k < off.length; k++) off[k] += plan.strides[k][d];
            if (idx[d] < plan.shape[d]) return;
            for (int k = 0; k < off.length; k++) off[k] -= plan.strides[k][d] * plan.shape[d];
            idx[d] = 0;
        }
    }
}
