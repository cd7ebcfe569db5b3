package org.theanojvm.truffle.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The differential fuzzer in CI: a fixed range of seeds, each a random graph run as built on the reference
 * executor, rewritten on the reference executor and rewritten on Truffle ({@link DifferentialRunner}).
 * A failure prints the seed, the graph and its inputs; {@code bench/fuzz.sh 1 SEED} reproduces it.
 */
class DifferentialFuzzTest {
    private static final int SEEDS = 300;

    @Test
    void randomGraphsAgreeOnEveryExecutor() {
        List<String> failures = new ArrayList<>();
        Set<String> ops = new HashSet<>();
        for (long seed = 0; seed < SEEDS; seed++) {
            DifferentialRunner.Outcome o = DifferentialRunner.run(seed);
            ops.addAll(o.ops());
            if (!o.ok()) failures.add(FuzzMain.report(o));
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + SEEDS + " graphs disagree:\n" + String.join("\n", failures));
        // the seeds cover every op family the generator knows
        for (String family : List.of("add", "exp", "cast", "sum", "max", "argmax", "dimshuffle", "subtensor", "inc_subtensor", "set_subtensor",
                "advanced_inc_subtensor1", "gemm", "gemv", "dot_vv", "scan", "switch", "clip")) {
            assertTrue(ops.contains(family), () -> "no graph used " + family);
        }
    }

    @Test
    void aSeedAlwaysGivesTheSameGraph() {
        try (Arena arena = Arena.ofConfined()) {
            for (long seed : new long[] {3, 17, 123456789}) {
                FuzzCase a = GraphGenerator.generate(seed, arena), b = GraphGenerator.generate(seed, arena);
                assertEquals(a.debugprint(), b.debugprint());
                assertEquals(a.describeInputs(), b.describeInputs());
            }
        }
    }
}
