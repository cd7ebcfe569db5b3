package org.theanojvm.truffle.fuzz;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bench/fuzz.sh N [first-seed]}: fuzzes the graphs of seeds first-seed .. first-seed + N - 1
 * (first-seed defaults to 0) and prints each mismatch with its seed, the graph (debugprint) and the
 * input values, then graphs fuzzed / mismatches / time. {@code bench/fuzz.sh 1 SEED} reproduces one seed.
 * Exit status 1 when any seed mismatched.
 */
public final class FuzzMain {
    private FuzzMain() {}

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1000;
        long first = args.length > 1 ? Long.parseLong(args[1]) : 0;
        long start = System.nanoTime(), lastReport = start;
        long mismatches = 0, done = 0;
        double worst = 0;
        long worstSeed = -1;
        Map<String, Long> coverage = new TreeMap<>();
        for (long seed = first; seed < first + n; seed++) {
            long t0 = System.nanoTime();
            DifferentialRunner.Outcome o = DifferentialRunner.run(seed);
            done++;
            double took = (System.nanoTime() - t0) / 1e9;
            if (took > 10) System.out.printf("slow seed %d: %.1f s%n", seed, took); // a compile or rewrite that takes long is worth a look
            for (String op : o.ops()) coverage.merge(op, 1L, Long::sum);
            if (o.toleranceUsed() > worst) {
                worst = o.toleranceUsed();
                worstSeed = seed;
            }
            if (!o.ok()) {
                mismatches++;
                System.out.println(report(o));
            }
            long now = System.nanoTime();
            if (now - lastReport > 30_000_000_000L) {
                lastReport = now;
                System.out.printf("... %d graphs, %d mismatches, %.0f s%n", done, mismatches, (now - start) / 1e9);
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.println("op coverage (applications): " + coverage);
        System.out.println("rewrite differences excused as a zero's sign or a dropped NaN (x + 0 -> x, z * 0 + dot -> gemm, as Theano rewrites them): " + DifferentialRunner.ieeeLibertiesExcused);
        System.out.println("differences excused as ill-conditioned (last-bit noise moves the graph as built as much): " + DifferentialRunner.illConditionedExcused);
        System.out.printf("largest Truffle/reference difference outside exact values (seeds with no excused difference): %.3g of the tolerance (seed %d)%n", worst, worstSeed);
        System.out.printf("graphs fuzzed: %d (seeds %d..%d)%nmismatches: %d%ntime: %.1f s (%.1f ms per graph)%n", done, first, first + n - 1, mismatches,
                secs, 1000 * secs / Math.max(1, done));
        System.exit(mismatches == 0 ? 0 : 1);
    }

    /** A mismatch as text: seed, what differed, the graph and its inputs. */
    static String report(DifferentialRunner.Outcome o) {
        return "MISMATCH seed " + o.seed() + ": " + o.problem() + "\n" + o.details();
    }
}
