package org.theanojvm.truffle.fuzz;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.function.In;
import org.theanojvm.engine.function.ReferenceExecutor;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.FunctionGraph;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.printing.DebugPrint;
import org.theanojvm.engine.rewrite.RewriteConfig;
import org.theanojvm.truffle.TruffleExecutor;

/**
 * {@code bench/fuzz.sh --triage SEED}: narrows one mismatching seed down. Prints the FAST_RUN graph, then
 * the rewrites whose exclusion alone makes the seed agree (the suspects of a rewrite mismatch), then
 * each node of the FAST_RUN graph run alone on Truffle and on the reference with the same input values
 * (the first node that disagrees is the suspect of an executor mismatch).
 */
public final class FuzzTriage {
    private FuzzTriage() {}

    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        DifferentialRunner.Outcome o = DifferentialRunner.run(seed);
        System.out.println(o.ok() ? "seed " + seed + " agrees" : FuzzMain.report(o));
        try (Arena arena = Arena.ofConfined()) {
            FuzzCase c = GraphGenerator.generate(seed, arena);
            List<In> ins = new ArrayList<>();
            for (Variable v : c.inputs()) ins.add(In.of(v));
            Function f = Function.compile(ins, c.outputs(), List.of(), List.of(), null, "ignore", "triage", RewriteConfig.FAST_RUN, "py");
            FunctionGraph fg = f.fgraph();
            DebugPrint p = new DebugPrint("CHAR", true, false);
            for (Variable out : fg.outputs()) p.printRoot(out, fg.toposort(), -1);
            System.out.println("FAST_RUN graph:\n" + p.printInnerGraphs(-1).text());
            System.out.println("rewrites applied: " + f.rewriteResult().counts());
            for (String rewrite : f.rewriteResult().counts().keySet()) {
                DifferentialRunner.Outcome without = DifferentialRunner.run(seed, RewriteConfig.FAST_RUN.excluding(rewrite));
                if (without.ok() != o.ok()) System.out.println("excluding " + rewrite + " alone: " + (without.ok() ? "agrees" : without.problem()));
            }
            System.out.println("nodes of the FAST_RUN graph alone, Truffle against the reference on the reference's input values:");
            for (Apply a : fg.toposort()) {
                List<Variable> nodeInputs = new ArrayList<>();
                List<NdArray> values = new ArrayList<>();
                for (Variable in : a.inputs()) {
                    if (in instanceof org.theanojvm.engine.graph.Constant || nodeInputs.contains(in)) continue;
                    nodeInputs.add(in);
                    values.add(ReferenceExecutor.run(new FunctionGraph(fg.inputs(), List.of(in)), c.values())[0]);
                }
                FunctionGraph alone = new FunctionGraph(nodeInputs, a.outputs());
                try {
                    NdArray[] r = ReferenceExecutor.run(alone, values), t = new TruffleExecutor(alone).run(values);
                    for (int k = 0; k < r.length; k++) {
                        String d = OutputComparison.mismatch(r[k], t[k]);
                        if (d != null) System.out.println("  DIFFERS " + a + " output " + k + ": " + d + "\n    inputs " + values);
                    }
                } catch (RuntimeException e) {
                    System.out.println("  " + a + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
    }
}
