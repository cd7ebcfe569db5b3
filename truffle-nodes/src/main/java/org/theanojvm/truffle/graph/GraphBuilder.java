package org.theanojvm.truffle.graph;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Constant;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.truffle.blas.DotNode;
import org.theanojvm.truffle.blas.GemmNode;
import org.theanojvm.truffle.elemwise.ElemwiseKernels;
import org.theanojvm.truffle.reduce.AxisReduceNode;
import org.theanojvm.truffle.reduce.ReduceNode;

/**
 * Schedules a FunctionGraph into a {@link GraphRootNode}: one frame slot per computed variable, one
 * {@link ApplyNode} per apply in topological order (the Truffle node for its op, or the
 * {@link PerformNode} fallback), and the buffer-reuse plan: an intermediate is recycled after its last
 * client when it was produced by a node with fresh outputs and every client is such a node (no view can
 * outlive it) and it is not a graph output.
 */
public final class GraphBuilder {
    private GraphBuilder() {}

    public static GraphRootNode build(FunctionGraph fg, String name) {
        FrameDescriptor.Builder fd = FrameDescriptor.newBuilder();
        Map<Variable, Integer> slot = new IdentityHashMap<>();
        int[] inputSlots = new int[fg.inputs().size()];
        for (int i = 0; i < inputSlots.length; i++) {
            Variable v = fg.inputs().get(i);
            Integer s = slot.get(v);
            if (s == null) slot.put(v, s = fd.addSlot(FrameSlotKind.Object, null, null));
            inputSlots[i] = s;
        }
        List<Apply> order = fg.toposort();
        ApplyNode[] schedule = new ApplyNode[order.size()];
        for (int i = 0; i < schedule.length; i++) {
            Apply a = order.get(i);
            int nIn = a.inputs().size();
            int[] ins = new int[nIn];
            NdArray[] consts = new NdArray[nIn];
            for (int k = 0; k < nIn; k++) {
                Variable v = a.inputs().get(k);
                if (v instanceof Constant c && !slot.containsKey(v)) {
                    ins[k] = -1;
                    consts[k] = c.data();
                } else {
                    ins[k] = slot.get(v);
                }
            }
            int[] outs = new int[a.outputs().size()];
            for (int k = 0; k < outs.length; k++) {
                outs[k] = fd.addSlot(FrameSlotKind.Object, null, null);
                slot.put(a.outputs().get(k), outs[k]);
            }
            schedule[i] = create(new ApplyNode.Slots(a, fg, i, ins, consts, outs), fd);
        }
        planReleases(fg, order, schedule, slot);
        int[] outputSlots = new int[fg.outputs().size()];
        NdArray[] outputConstants = new NdArray[outputSlots.length];
        for (int i = 0; i < outputSlots.length; i++) {
            Variable v = fg.outputs().get(i);
            Integer s = slot.get(v);
            if (s == null) outputConstants[i] = ((Constant) v).data();
            outputSlots[i] = s == null ? -1 : s;
        }
        return new GraphRootNode(fd.build(), inputSlots, schedule, outputSlots, outputConstants, name);
    }

    /** The Truffle node for an apply: kernels for elementwise ops, reductions, BLAS; the reference perform otherwise. */
    static ApplyNode create(ApplyNode.Slots s, FrameDescriptor.Builder fd) {
        Apply a = s.apply();
        if (ElemwiseKernels.supports(a)) return ElemwiseKernels.create(s, fd);
        if (ReduceNode.supports(a)) return new ReduceNode(s);
        if (AxisReduceNode.supports(a)) return new AxisReduceNode(s);
        if (DotNode.supports(a)) return new DotNode(s);
        if (GemmNode.supports(a)) return new GemmNode(s);
        return new PerformNode(s);
    }

    private static void planReleases(FunctionGraph fg, List<Apply> order, ApplyNode[] schedule, Map<Variable, Integer> slot) {
        Set<Variable> outputs = Collections.newSetFromMap(new IdentityHashMap<>());
        outputs.addAll(fg.outputs());
        Map<Variable, Integer> lastClient = new IdentityHashMap<>();
        Set<Variable> pinned = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < order.size(); i++) {
            for (Variable v : order.get(i).inputs()) {
                lastClient.put(v, i);
                if (!schedule[i].freshOutputs()) pinned.add(v); // its output may be a view of v
            }
        }
        List<List<Integer>> releases = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) releases.add(new ArrayList<>());
        for (int i = 0; i < order.size(); i++) {
            if (!schedule[i].freshOutputs()) continue;
            for (Variable v : order.get(i).outputs()) {
                Integer last = lastClient.get(v);
                if (last != null && !outputs.contains(v) && !pinned.contains(v)) releases.get(last).add(slot.get(v));
            }
        }
        for (int i = 0; i < order.size(); i++) schedule[i].setReleaseSlots(releases.get(i).stream().mapToInt(Integer::intValue).toArray());
    }
}
