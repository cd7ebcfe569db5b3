package org.theanojvm.truffle.graph;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.RootNode;
import org.theanojvm.engine.ndarray.NdArray;

/**
 * A whole compiled function as one Truffle root: the graph inputs go to frame slots, the scheduled
 * apply nodes run in topological order (one compilation unit when the JIT is on), and the outputs are
 * read back from their slots (or are constants). Argument 0 of a call is the NdArray[] of input values.
 */
public final class GraphRootNode extends RootNode {
    @CompilationFinal(dimensions = 1) private final int[] inputSlots;
    @Children private final ApplyNode[] schedule;
    @CompilationFinal(dimensions = 1) private final int[] outputSlots; // -1: constant below
    @CompilationFinal(dimensions = 1) private final NdArray[] outputConstants;
    private final String name;

    GraphRootNode(FrameDescriptor fd, int[] inputSlots, ApplyNode[] schedule, int[] outputSlots, NdArray[] outputConstants, String name) {
        super(null, fd);
        this.inputSlots = inputSlots;
        this.schedule = schedule;
        this.outputSlots = outputSlots;
        this.outputConstants = outputConstants;
        this.name = name;
    }

    @Override
    @ExplodeLoop
    public Object execute(VirtualFrame frame) {
        NdArray[] in = (NdArray[]) frame.getArguments()[0];
        for (int i = 0; i < inputSlots.length; i++) frame.setObject(inputSlots[i], in[i]);
        BufferPool pool = new BufferPool();
        for (ApplyNode node : schedule) node.execute(frame, pool);
        NdArray[] out = new NdArray[outputSlots.length];
        for (int i = 0; i < out.length; i++) out[i] = outputSlots[i] < 0 ? outputConstants[i] : (NdArray) frame.getObject(outputSlots[i]);
        return out;
    }

    public ApplyNode[] schedule() { return schedule.clone(); }

    @Override
    public String getName() { return name; }

    @Override
    public String toString() { return name; }
}
