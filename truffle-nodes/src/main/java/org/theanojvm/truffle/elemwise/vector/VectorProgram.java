package org.theanojvm.truffle.elemwise.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.ops.scalar.ArithmeticOps;
import org.theanojvm.engine.ops.scalar.Cast;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.ops.scalar.LogicOps;
import org.theanojvm.engine.ops.scalar.ScalarOp;
import org.theanojvm.engine.ops.scalar.TranscendentalOps;
import org.theanojvm.engine.types.DType;

/**
 * An elementwise scalar op (plain or a fused {@link Composite}) as straight-line code over registers,
 * each register a block of doubles: registers 0..inputs-1 hold the operands, every instruction writes
 * one register, {@link #result} is the value to store. The kernel evaluates it a block at a time
 * ("column at a time", as NumExpr does), so each instruction is one SIMD loop.
 *
 * <p>Only double-domain programs whose every inner value is float64, float32 or bool compile; an op
 * without an instruction, or an inner integer value (the reference computes those with integer
 * wrap-around), gives null and the kernel keeps its scalar Truffle loop. Registers are reused once their
 * value's last reader has run, so a long fused chain still fits a few blocks in the L1 cache.
 *
 * <p>A program whose result and every inner value are float32, over operands that floats hold exactly
 * (float32, bool, 8- and 16-bit integers), is {@link #singlePrecision}: its registers are floats and its
 * loops {@link FloatLoops}, twice as wide, with no rounding instructions. That is the deep-learning
 * case (float32 layers, their gradients and updates).
 */
public final class VectorProgram {
    /** One instruction: {@code dst = op(src...)}. */
    record Instruction(VectorOp op, int dst, int[] src) {
        @Override
        public String toString() { return "r" + dst + " = " + op + Arrays.toString(src); }
    }

    final int inputs;
    final int registers;
    final Instruction[] code;
    final int result;
    /** Registers of floats, run by {@link FloatLoops}; otherwise doubles, run by {@link VectorLoops}. */
    final boolean singlePrecision;

    private VectorProgram(int inputs, int registers, Instruction[] code, int result, boolean singlePrecision) {
        this.inputs = inputs;
        this.registers = registers;
        this.code = code;
        this.result = result;
        this.singlePrecision = singlePrecision;
    }

    /**
     * @param op the Elemwise's scalar op
     * @param inputDTypes the kernel operands' dtypes (read as doubles by the kernel)
     * @return the program, or null when some part has no exact vector form
     */
    public static VectorProgram compile(ScalarOp op, DType[] inputDTypes) {
        for (DType d : inputDTypes) if (!exactAsDouble(d)) return null;
        VectorProgram single = singlePrecisionOperands(op, inputDTypes) ? build(op, inputDTypes.length, true) : null;
        return single != null ? single : build(op, inputDTypes.length, false);
    }

    private static VectorProgram build(ScalarOp op, int inputs, boolean single) {
        Builder b = new Builder(inputs, single);
        int[] in = new int[inputs];
        for (int k = 0; k < in.length; k++) in[k] = k;
        int out;
        if (op instanceof Composite c) {
            out = composite(b, c, in);
        } else {
            out = apply(b, op, in); // the kernel's store rounds to the output dtype
        }
        return out < 0 ? null : b.finish(out);
    }

    /** A float32 result over operands that floats hold exactly; the inner values are checked as they are built. */
    private static boolean singlePrecisionOperands(ScalarOp op, DType[] inputDTypes) {
        for (DType d : inputDTypes) {
            switch (d) {
                case FLOAT32, BOOL, INT8, UINT8, INT16, UINT16 -> { }
                default -> { return false; }
            }
        }
        DType out = op instanceof Composite c ? c.refDType(c.outputRefs()[0]) : op.outputDType(inputDTypes);
        return out == DType.FLOAT32;
    }

    /** The values an integer dtype holds are all exact doubles, so double arithmetic on them is exact where the reference's is. */
    private static boolean exactAsDouble(DType d) {
        return switch (d) {
            case FLOAT64, FLOAT32, BOOL, INT8, UINT8, INT16, UINT16, INT32, UINT32 -> true;
            default -> false;
        };
    }

    private static int composite(Builder b, Composite c, int[] inputs) {
        int nin = c.nInputs();
        List<Composite.Node> nodes = c.nodes();
        int[] value = new int[nin + nodes.size()];
        System.arraycopy(inputs, 0, value, 0, nin);
        for (int k = 0; k < nodes.size(); k++) {
            Composite.Node n = nodes.get(k);
            DType od = c.refDType(nin + k);
            int[] args = new int[n.operands().length];
            for (int j = 0; j < args.length; j++) args[j] = value[n.operands()[j]];
            int v = apply(b, n.op(), args);
            if (v < 0) return -1;
            VectorOp op = opOf(n.op());
            if (b.single) {
                if (od != DType.FLOAT32) return -1; // a wider or a bool inner value: the double program
                value[nin + k] = v;
                continue;
            }
            switch (od) {
                case FLOAT64 -> { }
                case FLOAT32 -> v = b.emit(VectorOp.ROUND_FLOAT32, v);
                case BOOL -> { if (op == null || !op.isComparison()) v = b.emit(VectorOp.ROUND_BOOL, v); }
                default -> { return -1; } // an integer inner value: the reference wraps it as an integer
            }
            value[nin + k] = v;
        }
        int out = c.outputRefs()[0];
        return value[out];
    }

    /** One scalar op on registers; variadic add and mul fold left to right, the reference's order. */
    private static int apply(Builder b, ScalarOp op, int[] args) {
        if (op == ArithmeticOps.ADD || op == ArithmeticOps.MUL) {
            int acc = args[0];
            if (args.length == 1) return b.emit(VectorOp.COPY, acc);
            for (int i = 1; i < args.length; i++) acc = b.emit(op == ArithmeticOps.ADD ? VectorOp.ADD : VectorOp.MUL, acc, args[i]);
            return acc;
        }
        VectorOp v = opOf(op);
        if (v == null || v.arity != args.length || (b.single && !FloatLoops.supports(v))) return -1;
        return b.emit(v, args);
    }

    private static VectorOp opOf(ScalarOp op) {
        if (op instanceof Cast || op == ArithmeticOps.IDENTITY) return VectorOp.COPY;
        if (op == ArithmeticOps.SUB) return VectorOp.SUB;
        if (op == ArithmeticOps.TRUE_DIV) return VectorOp.DIV;
        if (op == ArithmeticOps.MAXIMUM) return VectorOp.MAXIMUM;
        if (op == ArithmeticOps.MINIMUM) return VectorOp.MINIMUM;
        if (op == ArithmeticOps.NEG) return VectorOp.NEG;
        if (op == ArithmeticOps.SQR) return VectorOp.SQR;
        if (op == ArithmeticOps.ABS) return VectorOp.ABS;
        if (op == TranscendentalOps.EXP) return VectorOp.EXP;
        if (op == TranscendentalOps.LOG) return VectorOp.LOG;
        if (op == TranscendentalOps.SQRT) return VectorOp.SQRT;
        if (op == TranscendentalOps.TANH) return VectorOp.TANH;
        if (op == TranscendentalOps.SIGMOID) return VectorOp.SIGMOID;
        if (op == LogicOps.LT) return VectorOp.LT;
        if (op == LogicOps.GT) return VectorOp.GT;
        if (op == LogicOps.LE) return VectorOp.LE;
        if (op == LogicOps.GE) return VectorOp.GE;
        if (op == LogicOps.EQ) return VectorOp.EQ;
        if (op == LogicOps.NEQ) return VectorOp.NEQ;
        if (op == LogicOps.SWITCH) return VectorOp.SWITCH;
        return null;
    }

    /** Emits instructions on virtual values (one per instruction), then maps them onto reused registers. */
    private static final class Builder {
        private final int inputs;
        final boolean single;
        private final List<VectorOp> ops = new ArrayList<>();
        private final List<int[]> srcs = new ArrayList<>();

        Builder(int inputs, boolean single) {
            this.inputs = inputs;
            this.single = single;
        }

        int emit(VectorOp op, int... src) {
            ops.add(op);
            srcs.add(src.clone());
            return inputs + ops.size() - 1;
        }

        VectorProgram finish(int result) {
            int values = inputs + ops.size();
            int[] lastUse = new int[values];
            Arrays.fill(lastUse, -1);
            for (int i = 0; i < ops.size(); i++) for (int s : srcs.get(i)) lastUse[s] = i;
            lastUse[result] = Integer.MAX_VALUE; // the store reads it after the last instruction
            // inputs keep their registers for the whole block (the kernel loads them there); the rest are reused
            int[] reg = new int[values];
            for (int k = 0; k < inputs; k++) reg[k] = k;
            ArrayList<Integer> free = new ArrayList<>();
            int registers = inputs;
            Instruction[] code = new Instruction[ops.size()];
            for (int i = 0; i < ops.size(); i++) {
                int[] src = srcs.get(i);
                int[] srcReg = new int[src.length];
                for (int j = 0; j < src.length; j++) srcReg[j] = reg[src[j]];
                // a register whose value is read for the last time here may also be the destination
                for (int s : src) if (s >= inputs && lastUse[s] == i && !free.contains(reg[s])) free.add(reg[s]);
                int v = inputs + i;
                reg[v] = free.isEmpty() ? registers++ : free.remove(free.size() - 1);
                code[i] = new Instruction(ops.get(i), reg[v], srcReg);
                if (lastUse[v] < 0 && v != result) free.add(reg[v]); // computed but never read
            }
            return new VectorProgram(inputs, registers, code, reg[result], single);
        }
    }

    @Override
    public String toString() { return (singlePrecision ? "VectorProgram(float32)" : "VectorProgram") + Arrays.toString(code) + " -> r" + result; }
}
