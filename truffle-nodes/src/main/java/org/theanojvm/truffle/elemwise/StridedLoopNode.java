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
            plan.advanceRow(off, idx);
        }
        LoopNode.reportLoopCount(this, plan.size);
    }

    @ExplodeLoop
    private void loadAll(VirtualFrame frame, KernelPlan plan, int[] off, int j, int last) {
        for (int k = 0; k < body.operands(); k++) body.load(frame, k, plan.bases[k], off[k] + j * plan.strides[k][last]);
    }
}
