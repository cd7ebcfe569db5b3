package org.theanojvm.truffle.fuzz;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.scan.Scan;
import org.theanojvm.engine.scan.ScanResult;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * Generates random well-typed graphs from a seed: elementwise chains over every dtype with
 * broadcasting, casts, reductions over random axes, dot/gemm/gemv shapes, basic and advanced
 * (inc/set_)subtensor with random slices and indices, dimshuffles, and scans whose body is a small
 * random elementwise graph over a sequence with an accumulator.
 *
 * <p>Well typed by construction: every variable is a {@link Sym} that knows its run-time shape; an op is
 * only applied to operands whose dtypes it accepts (Theano's rules decide the result dtype, computed by
 * the engine's own make_node) and whose shapes broadcast under Theano's rule. Inputs take the trailing
 * axes of one small "universe" of axis sizes, so most operands broadcast together; the last axis is
 * sometimes long (64-700) so that the SIMD kernels and their block boundaries run too.
 */
final class GraphGenerator {
    private final Random rnd;
    private final RandomValues randomValues;
    private final long seed;
    private final long[] universe = new long[4];
    private List<Sym> pool = new ArrayList<>();
    private final List<Variable> inputs = new ArrayList<>();
    private final List<NdArray> values = new ArrayList<>();
    private final List<String> ops = new ArrayList<>();
    private boolean scanned;

    private GraphGenerator(long seed, Arena arena) {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.randomValues = new RandomValues(rnd, arena);
    }

    /** The case of one seed; native input arrays live in {@code arena}. */
    static FuzzCase generate(long seed, Arena arena) { return new GraphGenerator(seed, arena).build(); }

    private FuzzCase build() {
        boolean longRows = rnd.nextInt(5) == 0;
        for (int i = 0; i < universe.length; i++) universe[i] = longRows ? 1 + rnd.nextInt(3) : 1 + rnd.nextInt(5);
        if (longRows) universe[3] = 60 + rnd.nextInt(640);
        int nInitial = 1 + rnd.nextInt(3);
        for (int i = 0; i < nInitial; i++) pool.add(newInput(randomDtype(), randomNdim()));
        int steps = 2 + rnd.nextInt(9);
        for (int s = 0; s < steps; s++) pool.add(step());
        List<Variable> outputs = new ArrayList<>();
        List<Boolean> exact = new ArrayList<>();
        Sym last = pool.get(pool.size() - 1);
        outputs.add(last.var());
        exact.add(last.exact());
        for (int k = rnd.nextInt(3); k > 0; k--) {
            Sym s = pool.get(rnd.nextInt(pool.size()));
            if (!inputs.contains(s.var()) && !outputs.contains(s.var())) {
                outputs.add(s.var());
                exact.add(s.exact());
            }
        }
        return new FuzzCase(seed, List.copyOf(inputs), List.copyOf(values), outputs, exact, List.copyOf(ops));
    }

    // ------------------------------------------------------------------ one step

    private Sym step() {
        int k = rnd.nextInt(100);
        if (k < 28) return unary(pick(s -> true));
        if (k < 58) return binary(pick(s -> true));
        if (k < 62) return ternary();
        if (k < 67) return cast(pick(s -> true));
        if (k < 75) return reduction();
        if (k < 80) return dimshuffle();
        if (k < 85) return subtensor();
        if (k < 89) return incSubtensor();
        if (k < 92) return advancedSubtensor();
        if (k < 97) return dot();
        return scanned ? binary(pick(s -> true)) : scan();
    }

    private Sym record(String op, Variable v, long[] shape, boolean exact) {
        ops.add(op);
        return new Sym(v, shape, exact || v.dtype().isDiscrete());
    }

    /** The latest variable half of the time (long chains fuse), else any variable satisfying the predicate; a new input if none does. */
    private Sym pick(Predicate<Sym> ok) {
        Sym last = pool.get(pool.size() - 1);
        if (ok.test(last) && rnd.nextBoolean()) return last;
        List<Sym> c = pool.stream().filter(ok).toList();
        if (!c.isEmpty()) return c.get(rnd.nextInt(c.size()));
        return null;
    }

    // ------------------------------------------------------------------ elementwise

    private static boolean real(DType d) { return !d.isComplex(); }

    private Sym unary(Sym x) {
        DType d = x.dtype();
        Variable v = x.var();
        boolean ex = x.exact();
        boolean discontinuousOk = ex;
        List<String> choices = new ArrayList<>(List.of("identity", "exp", "log", "sqrt"));
        if (!d.isBool()) choices.addAll(List.of("neg", "sqr", "abs"));
        if (real(d)) {
            choices.addAll(List.of("expm1", "log1p", "sin", "cos", "tan", "tanh", "sigmoid", "softplus", "arctan", "sinh", "cosh",
                    "arcsin", "arccos", "arcsinh", "arccosh", "arctanh", "exp2", "log2", "log10", "erf", "erfc", "erfinv", "erfcinv",
                    "gamma", "gammaln", "psi"));
            if (discontinuousOk) {
                choices.addAll(List.of("floor", "ceil", "trunc", "isnan", "isinf"));
                if (!d.isBool()) choices.add("sgn");
                if (d.isFloat()) choices.addAll(List.of("round_half_to_even", "round_half_away_from_zero"));
            }
            if (d.isDiscrete()) choices.add("invert");
        }
        String op = choices.get(rnd.nextInt(choices.size()));
        Variable r = switch (op) {
            case "identity" -> T.identity(v);
            case "neg" -> T.neg(v);
            case "sqr" -> T.sqr(v);
            case "abs" -> T.abs(v);
            case "sgn" -> T.sgn(v);
            case "exp" -> T.exp(v);
            case "expm1" -> T.expm1(v);
            case "exp2" -> T.exp2(v);
            case "log" -> T.log(v);
            case "log1p" -> T.log1p(v);
            case "log2" -> T.log2(v);
            case "log10" -> T.log10(v);
            case "sqrt" -> T.sqrt(v);
            case "sin" -> T.sin(v);
            case "cos" -> T.cos(v);
            case "tan" -> T.tan(v);
            case "tanh" -> T.tanh(v);
            case "sigmoid" -> T.sigmoid(v);
            case "softplus" -> T.softplus(v);
            case "arctan" -> T.arctan(v);
            case "arcsin" -> T.arcsin(v);
            case "arccos" -> T.arccos(v);
            case "sinh" -> T.sinh(v);
            case "cosh" -> T.cosh(v);
            case "arcsinh" -> T.arcsinh(v);
            case "arccosh" -> T.arccosh(v);
            case "arctanh" -> T.arctanh(v);
            case "erf" -> T.erf(v);
            case "erfc" -> T.erfc(v);
            case "erfinv" -> T.erfinv(v);
            case "erfcinv" -> T.erfcinv(v);
            case "gamma" -> T.gamma(v);
            case "gammaln" -> T.gammaln(v);
            case "psi" -> T.psi(v);
            case "floor" -> T.floor(v);
            case "ceil" -> T.ceil(v);
            case "trunc" -> T.trunc(v);
            case "round_half_to_even" -> T.round(v, "half_to_even");
            case "round_half_away_from_zero" -> T.round(v, "half_away_from_zero");
            case "isnan" -> T.isnan(v);
            case "isinf" -> T.isinf(v);
            case "invert" -> T.invert(v);
            default -> throw new IllegalStateException(op);
        };
        // correctly rounded in every executor: these keep an exact value exact
        boolean keepsExact = List.of("identity", "neg", "sqr", "abs", "sgn", "sqrt", "floor", "ceil", "trunc", "round_half_to_even",
                "round_half_away_from_zero", "isnan", "isinf", "invert").contains(op);
        return record(op, r, x.shape().clone(), ex && keepsExact);
    }

    private Sym cast(Sym x) {
        DType to = randomDtype();
        if (x.dtype().isComplex() && !to.isComplex()) to = DType.COMPLEX128; // complex -> real drops the imaginary part: not a cast Theano allows
        boolean toDiscrete = to.isDiscrete();
        if (toDiscrete && x.dtype().isContinuous() && !x.exact()) to = DType.FLOAT64; // float -> int is discontinuous
        return record("cast", T.cast(x.var(), to), x.shape().clone(), x.exact());
    }

    /** An operand that broadcasts with x: a variable of the pool, a new input fitting x, or a scalar constant. */
    private Sym partner(Sym x, Predicate<Sym> ok) {
        int k = rnd.nextInt(100);
        if (k < 45) {
            List<Sym> c = pool.stream().filter(s -> Sym.compatible(s, x) && ok.test(s)).toList();
            if (!c.isEmpty()) return c.get(rnd.nextInt(c.size()));
        }
        if (k < 80) {
            for (int tries = 0; tries < 4; tries++) {
                Sym s = newInputFitting(x.shape(), x.var().broadcastable(), randomDtype(), false);
                if (ok.test(s)) return s;
            }
        }
        return constantFor(ok);
    }

    private Sym constantFor(Predicate<Sym> ok) {
        for (int tries = 0; tries < 8; tries++) {
            Variable c = switch (rnd.nextInt(4)) {
                case 0 -> T.constant((long) (rnd.nextInt(7) - 2)); // autocast to the smallest int
                case 1 -> T.constant(rnd.nextInt(5) * 0.5 - 1); // float32 or float64 as autocast decides
                case 2 -> T.constant(NdArray.scalar(DType.FLOAT64, rnd.nextGaussian()));
                default -> T.constant(NdArray.scalarLong(randomDtype(), rnd.nextInt(4)));
            };
            Sym s = new Sym(c, new long[0], true);
            if (ok.test(s)) return s;
        }
        for (DType d : new DType[] {DType.INT8, DType.FLOAT64}) {
            Sym s = new Sym(T.constant(NdArray.scalarLong(d, 1)), new long[0], true);
            if (ok.test(s)) return s;
        }
        throw new IllegalStateException("no constant fits the predicate (generator bug)");
    }

    private static final List<String> BINARY = List.of("add", "sub", "mul", "true_div", "int_div", "mod", "pow", "maximum", "minimum",
            "lt", "gt", "le", "ge", "eq", "neq", "and_", "or_", "xor", "arctan2", "second");
    /** The binary ops generated for complex operands. */
    private static final List<String> COMPLEX_OK = List.of("add", "sub", "mul", "true_div", "second");
    private static final List<String> BITWISE = List.of("and_", "or_", "xor");
    /** Discontinuous in a float operand: a last-bit difference may change the result by a whole unit. */
    private static final List<String> DISCONTINUOUS = List.of("int_div", "mod", "lt", "gt", "le", "ge", "eq", "neq");

    private Sym binary(Sym x) {
        String op = BINARY.get(rnd.nextInt(BINARY.size()));
        if (x.dtype().isComplex() && !COMPLEX_OK.contains(op)) op = "add";
        if (BITWISE.contains(op) && !x.dtype().isDiscrete()) op = "maximum";
        if (DISCONTINUOUS.contains(op) && !x.exact()) op = "add";
        return binaryWith(x, op);
    }

    private Sym binaryWith(Sym x, String op) {
        boolean needsReal = !COMPLEX_OK.contains(op), discontinuous = DISCONTINUOUS.contains(op), bitwise = BITWISE.contains(op);
        boolean xComplex = x.dtype().isComplex();
        Predicate<Sym> ok = s -> (!needsReal || real(s.dtype())) && (!discontinuous || s.exact()) && (!bitwise || s.dtype().isDiscrete())
                && (xComplex || !s.dtype().isComplex() || !needsReal)
                && !(op.equals("sub") && x.dtype().isBool() && s.dtype().isBool()); // NumPy: bool - bool is a TypeError
        // integers to negative integer powers raise (NumPy's rule): an integer base gets a small non-negative exponent
        Sym y = op.equals("pow") && x.dtype().isDiscrete() && rnd.nextBoolean()
                ? new Sym(T.constant((long) rnd.nextInt(4)), new long[0], true)
                : partner(x, op.equals("pow") && x.dtype().isDiscrete() ? ok.and(s -> !s.dtype().isDiscrete()) : ok);
        boolean swap = rnd.nextBoolean() && !op.equals("pow");
        Variable a = swap ? y.var() : x.var(), b = swap ? x.var() : y.var();
        Variable r = switch (op) {
            case "add" -> T.add(a, b);
            case "sub" -> T.sub(a, b);
            case "mul" -> T.mul(a, b);
            case "true_div" -> T.trueDiv(a, b);
            case "int_div" -> T.intDiv(a, b);
            case "mod" -> T.mod(a, b);
            case "pow" -> T.pow(a, b);
            case "maximum" -> T.maximum(a, b);
            case "minimum" -> T.minimum(a, b);
            case "lt" -> T.lt(a, b);
            case "gt" -> T.gt(a, b);
            case "le" -> T.le(a, b);
            case "ge" -> T.ge(a, b);
            case "eq" -> T.eq(a, b);
            case "neq" -> T.neq(a, b);
            case "and_" -> T.and_(a, b);
            case "or_" -> T.or_(a, b);
            case "xor" -> T.xor(a, b);
            case "arctan2" -> T.arctan2(a, b);
            case "second" -> T.fill(a, b);
            default -> throw new IllegalStateException(op);
        };
        boolean keepsExact = !op.equals("pow") && !op.equals("arctan2");
        return record(op, r, Sym.broadcastShape(x, y), keepsExact && x.exact() && y.exact());
    }

    private Sym ternary() {
        Sym x = pick(s -> real(s.dtype()));
        if (x == null) return unary(pool.get(pool.size() - 1));
        if (rnd.nextBoolean() && !x.dtype().isBool()) {
            Sym lo = partner(x, s -> real(s.dtype()) && !s.dtype().isBool());
            Sym hi = partner(x, s -> real(s.dtype()) && !s.dtype().isBool());
            return record("clip", T.clip(x.var(), lo.var(), hi.var()), Sym.broadcastShape(x, lo, hi), x.exact() && lo.exact() && hi.exact());
        }
        Sym c = pick(s -> s.exact() && real(s.dtype()) && Sym.compatible(s, x));
        if (c == null) c = partner(x, s -> s.exact() && real(s.dtype()));
        Variable cond = c.dtype().isBool() ? c.var() : T.gt(c.var(), T.constant(0L));
        Sym other = partner(x, s -> real(s.dtype()));
        return record("switch", T.switch_(cond, x.var(), other.var()), Sym.broadcastShape(c, x, other), x.exact() && other.exact());
    }

    // ------------------------------------------------------------------ reductions, dimshuffle

    private Sym reduction() {
        Sym x = pick(s -> s.ndim() >= 1 && real(s.dtype()));
        if (x == null) return unary(pool.get(pool.size() - 1));
        int[] axes = randomAxes(x.ndim());
        boolean keep = rnd.nextInt(3) == 0;
        String op = new String[] {"sum", "prod", "max", "min", "mean", "any", "all", "argmax"}[rnd.nextInt(8)];
        if (op.equals("argmax") && !x.exact()) op = "max";
        if (op.equals("argmax") && axes == null) axes = allAxes(x.ndim()); // argmax over every axis flattens in Theano 1.0: one axis list
        Variable v = x.var();
        Variable r = switch (op) {
            case "sum" -> T.sum(v, axes, keep, null, null);
            case "prod" -> T.prod(v, axes, keep, null, null);
            case "max" -> T.max(v, axes, keep);
            case "min" -> T.min(v, axes, keep);
            case "mean" -> T.mean(v, axes, keep, null, null);
            case "any" -> T.any(v, axes, keep);
            case "all" -> T.all(v, axes, keep);
            default -> T.argmax(v, axes, keep);
        };
        List<Long> shape = new ArrayList<>();
        for (int d = 0; d < x.ndim(); d++) {
            boolean reduced = axes == null || contains(axes, d);
            if (!reduced) shape.add(x.shape()[d]);
            else if (keep) shape.add(1L);
        }
        boolean exact = x.exact() && (List.of("max", "min", "any", "all", "argmax").contains(op) || x.dtype().isDiscrete());
        return record(op, r, shape.stream().mapToLong(Long::longValue).toArray(), exact);
    }

    private int[] randomAxes(int ndim) {
        if (rnd.nextInt(4) == 0) return null;
        List<Integer> ax = new ArrayList<>();
        for (int d = 0; d < ndim; d++) if (rnd.nextBoolean()) ax.add(d);
        if (ax.isEmpty()) ax.add(rnd.nextInt(ndim));
        return ax.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] allAxes(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    private static boolean contains(int[] a, int v) { return Arrays.stream(a).anyMatch(x -> x == v); }

    /** A random permutation of the dims, broadcastable ones possibly dropped, new broadcastable ones inserted. */
    private Sym dimshuffle() {
        Sym x = pick(s -> true);
        List<Integer> kept = new ArrayList<>();
        for (int d = 0; d < x.ndim(); d++) if (!x.bcast(d) || rnd.nextBoolean()) kept.add(d);
        java.util.Collections.shuffle(kept, rnd);
        for (int k = rnd.nextInt(3); k > 0 && kept.size() < 4; k--) kept.add(rnd.nextInt(kept.size() + 1), -1);
        int[] order = kept.stream().mapToInt(Integer::intValue).toArray();
        long[] shape = new long[order.length];
        for (int i = 0; i < order.length; i++) shape[i] = order[i] < 0 ? 1 : x.shape()[order[i]];
        return record("dimshuffle", T.dimshuffle(x.var(), order), shape, x.exact());
    }

    // ------------------------------------------------------------------ indexing

    /** Random basic-index entries for x (integers, slices with any start/stop/step, some given as symbolic inputs) and the result shape. */
    private record Index(SubtensorOps.Entry[] entries, long[] shape) {}

    private Index randomIndex(Sym x) {
        int n = 1 + rnd.nextInt(x.ndim());
        List<SubtensorOps.Entry> entries = new ArrayList<>();
        List<Long> shape = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            long len = x.shape()[d];
            if (x.bcast(d)) {
                // a broadcastable dim stays length 1: take it whole or index it
                if (rnd.nextBoolean()) {
                    entries.add(SubtensorOps.all());
                    shape.add(1L);
                } else {
                    entries.add(SubtensorOps.idx(indexValue(rnd.nextBoolean() ? 0 : -1)));
                }
                continue;
            }
            if (len > 0 && rnd.nextInt(3) == 0) {
                entries.add(SubtensorOps.idx(indexValue(rnd.nextInt((int) (2 * len)) - len)));
                continue;
            }
            for (int tries = 0; ; tries++) {
                Long start = rnd.nextInt(3) == 0 ? null : (long) (rnd.nextInt((int) len + 5) - len - 2);
                Long stop = rnd.nextInt(3) == 0 ? null : (long) (rnd.nextInt((int) len + 5) - len - 2 + len);
                Long step = rnd.nextInt(2) == 0 ? null : (long) new int[] {-3, -2, -1, 1, 2, 3}[rnd.nextInt(6)];
                long[] se = SubtensorOps.sliceIndices(start, stop, step, len);
                long count = se[2] > 0 ? Math.max(0, (se[1] - se[0] + se[2] - 1) / se[2]) : Math.max(0, (se[0] - se[1] - se[2] - 1) / -se[2]);
                if (count == 0 && tries < 4) continue; // empty slices are allowed, but rarely
                entries.add(SubtensorOps.slice(part(start), part(stop), part(step)));
                shape.add(count);
                break;
            }
        }
        for (int d = n; d < x.ndim(); d++) shape.add(x.shape()[d]);
        return new Index(entries.toArray(new SubtensorOps.Entry[0]), shape.stream().mapToLong(Long::longValue).toArray());
    }

    /** A Python int (a constant of the index) or, sometimes, an int scalar input holding it. */
    private Object indexValue(long v) {
        if (rnd.nextInt(6) != 0) return v;
        DType d = new DType[] {DType.INT8, DType.INT32, DType.INT64}[rnd.nextInt(3)];
        Variable s = T.scalar("k" + inputs.size(), d);
        inputs.add(s);
        values.add(NdArray.scalarLong(d, v));
        return s;
    }

    private Object part(Long v) { return v == null ? null : indexValue(v); }

    private Sym subtensor() {
        Sym x = pick(s -> s.ndim() >= 1);
        if (x == null) return unary(pool.get(pool.size() - 1));
        Index ix = randomIndex(x);
        return record("subtensor", T.subtensor(x.var(), ix.entries()), ix.shape(), x.exact());
    }

    private Sym incSubtensor() {
        Sym x = pick(s -> s.ndim() >= 1 && !s.dtype().isBool());
        if (x == null) return unary(pool.get(pool.size() - 1));
        Index ix = randomIndex(x);
        Variable sub = T.subtensor(x.var(), ix.entries());
        Sym subSym = new Sym(sub, ix.shape(), x.exact());
        boolean set = rnd.nextBoolean();
        Sym y = valueFitting(subSym, x.dtype());
        Variable r = set ? T.setSubtensor(sub, y.var()) : T.incSubtensor(sub, y.var());
        return record(set ? "set_subtensor" : "inc_subtensor", r, x.shape().clone(), x.exact() && y.exact());
    }

    /** A value that can be stored into target (a subtensor of a {@code dtype} tensor): broadcastable where target is, cast to dtype. */
    private Sym valueFitting(Sym target, DType dtype) {
        Sym y;
        List<Sym> c = pool.stream().filter(s -> s.ndim() <= target.ndim() && fitsInto(s, target) && real(s.dtype()) == real(dtype)).toList();
        if (!c.isEmpty() && rnd.nextBoolean()) y = c.get(rnd.nextInt(c.size()));
        else y = newInputFitting(target.shape(), target.var().broadcastable(), dtype, true);
        if (y.dtype() != dtype) y = new Sym(T.cast(y.var(), dtype), y.shape(), y.exact());
        if (dtype.isDiscrete() && !y.exact()) y = new Sym(T.constant(NdArray.scalarLong(dtype, 1)), new long[0], true);
        return y;
    }

    /** Whether y, aligned on the right, fits into target: equal sizes, or y broadcastable; broadcastable wherever target is. */
    private static boolean fitsInto(Sym y, Sym target) {
        for (int i = 1; i <= y.ndim(); i++) {
            int iy = y.ndim() - i, it = target.ndim() - i;
            if (target.bcast(it) && !y.bcast(iy)) return false;
            if (!y.bcast(iy) && y.shape()[iy] != target.shape()[it]) return false;
        }
        return true;
    }

    private Sym advancedSubtensor() {
        Sym x = pick(s -> s.ndim() >= 1 && s.shape()[0] >= 1 && !s.bcast(0) && !s.dtype().isBool());
        if (x == null) return unary(pool.get(pool.size() - 1));
        long n = x.shape()[0];
        long[] idx = new long[1 + rnd.nextInt(5)];
        for (int i = 0; i < idx.length; i++) idx[i] = rnd.nextInt((int) (2 * n)) - n; // repeats and negative indices
        Variable sub = T.advancedSubtensor1(x.var(), T.constant(idx));
        long[] shape = x.shape().clone();
        shape[0] = idx.length;
        if (rnd.nextInt(3) == 0) return record("advanced_subtensor1", sub, shape, x.exact());
        boolean set = rnd.nextInt(3) == 0; // set with repeated indices: the last write wins in every executor
        Sym y = valueFitting(new Sym(sub, shape, x.exact()), x.dtype());
        Variable r = set ? T.setSubtensor(sub, y.var()) : T.incSubtensor(sub, y.var());
        return record(set ? "advanced_set_subtensor1" : "advanced_inc_subtensor1", r, x.shape().clone(), x.exact() && y.exact());
    }

    // ------------------------------------------------------------------ products

    private Sym dot() {
        DType d = rnd.nextInt(6) == 0 ? randomDtype() : (rnd.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64);
        if (d.isComplex() || d.isBool()) d = DType.FLOAT64;
        long m = randomSize(), k = randomSize(), n = randomSize();
        Sym a = pick(s -> s.ndim() == 2 && !s.bcast(0) && !s.bcast(1) && real(s.dtype()) && !s.dtype().isBool());
        if (a == null || rnd.nextInt(3) == 0) a = newInput(d, new long[] {m, k}, new boolean[2]);
        m = a.shape()[0];
        k = a.shape()[1];
        // the reference multiplies in plain Java loops (700 x 700 x 700 took 45 s): long inner products, not cubes
        if (m * k * n > 1_000_000) n = 1 + rnd.nextInt(6);
        switch (rnd.nextInt(5)) {
            case 0: { // matrix . matrix, maybe a gemm pattern z * beta + alpha * dot(a, b)
                Sym b = newInput(d, new long[] {k, n}, new boolean[2]);
                Variable p = T.dot(a.var(), b.var());
                if (rnd.nextBoolean()) {
                    Sym z = newInput(p.dtype(), new long[] {m, n}, new boolean[2]);
                    p = T.add(T.mul(z.var(), T.constant(rnd.nextInt(3) - 1.0)), T.mul(T.constant(0.5 + rnd.nextInt(3)), p));
                    return record("gemm", p, new long[] {m, n}, false);
                }
                return record("dot22", p, new long[] {m, n}, false);
            }
            case 1: { // matrix . vector, maybe a gemv pattern
                Sym v = newInput(d, new long[] {k}, new boolean[1]);
                Variable p = T.dot(a.var(), v.var());
                if (rnd.nextBoolean()) p = T.add(newInput(p.dtype(), new long[] {m}, new boolean[1]).var(), p);
                return record("gemv", p, new long[] {m}, false);
            }
            case 2: { // vector . matrix (a transposed gemv)
                Sym v = newInput(d, new long[] {m}, new boolean[1]);
                return record("dot_vm", T.dot(v.var(), a.var()), new long[] {k}, false);
            }
            case 3: { // vector . vector
                Sym v = newInput(d, new long[] {k}, new boolean[1]), w = newInput(d, new long[] {k}, new boolean[1]);
                return record("dot_vv", T.dot(v.var(), w.var()), new long[0], false);
            }
            default: { // transposed operand: BLAS reads it without a copy
                Sym b = newInput(d, new long[] {n, k}, new boolean[2]);
                return record("dot_transposed", T.dot(a.var(), T.transpose(b.var())), new long[] {m, n}, false);
            }
        }
    }

    private long randomSize() {
        return rnd.nextInt(6) == 0 ? universe[3] : 1 + rnd.nextInt(6);
    }

    // ------------------------------------------------------------------ scan

    /**
     * scan over the leading axis of a sequence with one accumulator: acc_t = f(x_t, acc_{t-1}, w) where f is a
     * small random elementwise graph (new inputs it creates become implicit non-sequences, as in Theano).
     */
    private Sym scan() {
        Sym seq = pick(s -> s.ndim() >= 1 && s.ndim() <= 3 && s.shape()[0] >= 1 && real(s.dtype()));
        if (seq == null) return unary(pool.get(pool.size() - 1));
        scanned = true;
        long[] stepShape = Arrays.copyOfRange(seq.shape(), 1, seq.ndim());
        DType accType = rnd.nextInt(4) == 0 ? randomRealDtype() : (rnd.nextBoolean() ? DType.FLOAT64 : DType.FLOAT32);
        Sym acc0 = newInput(accType, stepShape, new boolean[stepShape.length]);
        Sym w = rnd.nextBoolean() ? newInputFitting(stepShape, new boolean[stepShape.length], randomRealDtype(), false) : null;
        boolean backwards = rnd.nextInt(4) == 0;
        List<Sym> outer = pool;
        ScanResult r = Scan.scan(args -> {
            Sym xt = new Sym(args.get(0), stepShape, seq.exact());
            Sym acc = new Sym(args.get(1), stepShape, acc0.exact());
            pool = new ArrayList<>(List.of(xt, acc));
            if (w != null) pool.add(new Sym(args.get(2), w.shape(), w.exact()));
            for (int i = rnd.nextInt(4); i > 0; i--) pool.add(rnd.nextBoolean() ? unary(pick(s -> true)) : binary(pick(s -> true)));
            Sym chain = pool.get(pool.size() - 1);
            if (chain.dtype().isComplex()) chain = acc;
            String op = new String[] {"add", "mul", "maximum", "minimum", "sub"}[rnd.nextInt(accType.isBool() ? 4 : 5)];
            Variable combined = switch (op) {
                case "add" -> T.add(acc.var(), chain.var());
                case "mul" -> T.mul(acc.var(), chain.var());
                case "maximum" -> T.maximum(acc.var(), chain.var());
                case "minimum" -> T.minimum(acc.var(), chain.var());
                default -> T.sub(acc.var(), chain.var());
            };
            // an inexact float cast to an integer accumulator may differ by a unit between executors
            if (accType.isDiscrete() && combined.dtype().isContinuous() && !(acc.exact() && chain.exact())) combined = acc.var();
            ops.add("scan_" + op);
            Variable next = combined.dtype() == accType ? combined : T.cast(combined, accType);
            next = T.patternbroadcast(next, new boolean[stepShape.length]);
            pool = outer;
            return List.of(next);
        }, List.of(seq.var()), Scan.outputs(acc0.var()), w == null ? List.of() : List.of(w.var()), null, backwards, -1, null);
        long[] allShape = new long[stepShape.length + 1];
        allShape[0] = seq.shape()[0];
        System.arraycopy(stepShape, 0, allShape, 1, stepShape.length);
        Variable out = r.output(0);
        // Truffle runs a rewritten copy of the body, the reference the body as built: float sums may be
        // reassociated, so a float scan result is not bit-exact (integer wrap-around arithmetic is)
        if (rnd.nextBoolean()) return record("scan", out, allShape, false);
        return record("scan", T.subtensor(out, SubtensorOps.idx(-1L)), stepShape, false);
    }

    // ------------------------------------------------------------------ inputs

    private DType randomDtype() {
        int k = rnd.nextInt(100);
        if (k < 30) return DType.FLOAT64;
        if (k < 52) return DType.FLOAT32;
        if (k < 55) return DType.COMPLEX128;
        if (k < 57) return DType.COMPLEX64;
        if (k < 60) return DType.FLOAT16;
        return randomDiscrete();
    }

    private DType randomRealDtype() {
        DType d = randomDtype();
        return d.isComplex() ? DType.FLOAT64 : d;
    }

    private DType randomDiscrete() {
        DType[] d = {DType.BOOL, DType.INT8, DType.INT16, DType.INT32, DType.INT64, DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64};
        return d[rnd.nextInt(d.length)];
    }

    private int randomNdim() {
        int k = rnd.nextInt(20);
        return k < 2 ? 0 : k < 7 ? 1 : k < 13 ? 2 : k < 19 ? 3 : 4;
    }

    /** A new input over the trailing ndim axes of the universe, each broadcastable (length 1) with probability 1/4. */
    private Sym newInput(DType d, int ndim) {
        long[] shape = Arrays.copyOfRange(universe, universe.length - ndim, universe.length);
        boolean[] b = new boolean[ndim];
        for (int i = 0; i < ndim; i++) {
            if (rnd.nextInt(4) == 0) {
                b[i] = true;
                shape[i] = 1;
            }
        }
        return newInput(d, shape, b);
    }

    private Sym newInput(DType d, long[] shape, boolean[] broadcastable) {
        Variable v = T.tensor(d, broadcastable, "i" + inputs.size());
        inputs.add(v);
        values.add(randomValues.of(d, shape));
        return new Sym(v, shape, true);
    }

    /**
     * A new input that broadcasts into a value of this shape: the same or fewer trailing dims, each the same
     * length or broadcastable; broadcastable wherever the target is when {@code strict} (stores into it).
     */
    private Sym newInputFitting(long[] shape, boolean[] targetBcast, DType d, boolean strict) {
        int nd = shape.length == 0 ? 0 : rnd.nextInt(4) == 0 ? rnd.nextInt(shape.length + 1) : shape.length;
        long[] s = Arrays.copyOfRange(shape, shape.length - nd, shape.length);
        boolean[] b = new boolean[nd];
        for (int i = 0; i < nd; i++) {
            boolean targetIsBcast = targetBcast[shape.length - nd + i];
            if (targetIsBcast || (!strict && s[i] == 1 && rnd.nextBoolean()) || rnd.nextInt(5) == 0) {
                b[i] = true;
                s[i] = 1;
            }
        }
        return newInput(d, s, b);
    }
}
