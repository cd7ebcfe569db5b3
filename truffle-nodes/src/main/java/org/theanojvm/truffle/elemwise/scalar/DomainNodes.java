package org.theanojvm.truffle.elemwise.scalar;

import com.oracle.truffle.api.frame.VirtualFrame;
import org.theanojvm.engine.ops.scalar.Composite;
import org.theanojvm.engine.types.DType;

/**
 * The value conversions between the inner nodes of a fused Composite, exactly where
 * {@link Composite#evalDouble} performs them: each inner result is rounded to its dtype (float32
 * rounding, integer wrap-around), an integer-domain node reads double operands through a Java
 * {@code (long)} cast, and a double-domain node reads integer results as doubles (uint64 unsigned).
 * Each node is used in one direction only, so the other execute method just passes through.
 */
public final class DomainNodes {
    private DomainNodes() {}

    /** An inner result stored at its dtype: {@link Composite#round} in double, {@link Composite#wrap} in long. */
    public static final class Round extends ScalarNode {
        @Child private ScalarNode x;
        private final DType dtype;

        public Round(ScalarNode x, DType dtype) {
            this.x = x;
            this.dtype = dtype;
        }

        @Override
        public double executeDouble(VirtualFrame frame) { return Composite.round(x.executeDouble(frame), dtype); }

        @Override
        public long executeLong(VirtualFrame frame) { return Composite.wrap(x.executeLong(frame), dtype); }
    }

    /**
     * A discrete inner result computed in the double domain (a cast from float, a comparison of floats),
     * held as the long its array would store ({@link Composite#stored}): exact where a double is not.
     */
    public static final class StoreAsLong extends ScalarNode {
        @Child private ScalarNode x;
        private final DType dtype;

        public StoreAsLong(ScalarNode x, DType dtype) {
            this.x = x;
            this.dtype = dtype;
        }

        @Override
        public double executeDouble(VirtualFrame frame) { return x.executeDouble(frame); }

        @Override
        public long executeLong(VirtualFrame frame) { return Composite.stored(x.executeDouble(frame), dtype); }
    }

    /** A double-valued subtree read by an integer-domain node (Composite: {@code (long) v[r]}). */
    public static final class DoubleToLong extends ScalarNode {
        @Child private ScalarNode x;

        public DoubleToLong(ScalarNode x) { this.x = x; }

        @Override
        public double executeDouble(VirtualFrame frame) { return x.executeDouble(frame); }

        @Override
        public long executeLong(VirtualFrame frame) { return (long) x.executeDouble(frame); }
    }

    /** An integer-valued subtree of dtype {@code dtype} read by a double-domain node. */
    public static final class LongToDouble extends ScalarNode {
        @Child private ScalarNode x;
        private final boolean unsigned64;

        public LongToDouble(ScalarNode x, DType dtype) {
            this.x = x;
            this.unsigned64 = dtype == DType.UINT64;
        }

        @Override
        public double executeDouble(VirtualFrame frame) {
            long v = x.executeLong(frame);
            if (unsigned64 && v < 0) return ((v >>> 1) | (v & 1)) * 2.0;
            return v;
        }

        @Override
        public long executeLong(VirtualFrame frame) { return x.executeLong(frame); }
    }
}
