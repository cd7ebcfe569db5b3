package org.theanojvm.engine.scan;

import java.util.List;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ops.SubtensorOps;

/**
 * Theano's scan_save_mem, for its commonest case: a scan output whose every client reads only its
 * last step ({@code out[-1]}: the final state of an RNN, the accumulated gradients of a backward scan)
 * need not stack every step. The scan is replaced by one that keeps just the last step after the
 * initial state's entries (so {@code [-1]}, and {@code [initLength:][-1]} as theano.scan writes it,
 * read the same value) and drops the steps its taps no longer need while it runs. Outputs of the
 * function itself and any other use keep the full history.
 */
public final class ScanSaveMemory {
    private ScanSaveMemory() {}

    /** The rewrite (a LocalRewrite body): new outputs for a scan node, or null when nothing changes. */
    public static List<Variable> transform(FunctionGraph fg, Apply node) {
        if (!(node.op() instanceof ScanOp scan)) return null;
        List<Variable> pruned = withoutUnusedMapOutputs(fg, node, scan);
        if (pruned != null) return pruned;
        boolean[] flags = new boolean[scan.nOuts()];
        boolean changed = false;
        for (int i = 0; i < flags.length; i++) {
            flags[i] = scan.keepsOnlyLastStep(i) || onlyLastStepRead(fg, node.outputs().get(i), scan.initLength(i));
            changed |= flags[i] != scan.keepsOnlyLastStep(i);
        }
        if (!changed) return null;
        return scan.keepingOnlyLastStep(flags).makeNode(node.inputs()).outputs();
    }

    /**
     * A map output (no taps) that nothing reads need not be computed at all: e.g. the gradient with
     * respect to a sequence that is not differentiated, which a backward scan computes at every step.
     * The scan is rebuilt without it (its inner graph loses what only it used); the old output, with
     * no clients, is left behind (null entry). Recurrent outputs stay: the recurrence needs them.
     */
    private static List<Variable> withoutUnusedMapOutputs(FunctionGraph fg, Apply node, ScanOp scan) {
        int n = scan.nOuts();
        boolean[] drop = new boolean[n];
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            if (!scan.isRecurrent(i) && fg.clients(node.outputs().get(i)).isEmpty()) {
                drop[i] = true;
                dropped++;
            }
        }
        if (dropped == 0 || dropped == n) return null;
        List<Variable> kept = scan.withoutOutputs(drop).makeNode(node.inputs()).outputs();
        List<Variable> replacements = new java.util.ArrayList<>();
        for (int i = 0, k = 0; i < n; i++) replacements.add(drop[i] ? null : kept.get(k++));
        return replacements;
    }

    /**
     * Nothing reads the output (a recurrent state only the recurrence uses), or every client reads out[-1], or reads out[initLength:] (how theano.scan hides a recurrent output's
     * initial state) and then only [-1] of that. The kept steps (initLength + 1) answer both alike.
     */
    private static boolean onlyLastStepRead(FunctionGraph fg, Variable out, int initLength) {
        List<FunctionGraph.Client> clients = fg.clients(out);
        for (FunctionGraph.Client c : clients) {
            if (c.node() == null || c.index() != 0) return false;
            if (SubtensorOps.Subtensor.readsLastAlongFirstAxis(c.node())) continue;
            if (initLength > 0 && SubtensorOps.Subtensor.constantOpenSliceStart(c.node()) == initLength
                    && onlyLastStepRead(fg, c.node().outputs().get(0), 0)) continue;
            return false;
        }
        return true;
    }
}
