package org.theanojvm.engine.ops.scalar;

import java.util.Arrays;
import java.util.List;
import org.theanojvm.engine.errors.TheanoTypeError;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * The parts of complex numbers (Theano's real, imag, conj and complex), with Theano 1.0's gradients:
 * real gives back complex(gz, 0), imag complex(0, gz), conj conj(gz), complex (real(gz), imag(gz)).
 * Elemwise evaluates them in its complex domain whenever an input or the output is complex.
 */
public final class ComplexOps {
    private ComplexOps() {}

    /** real(z) or imag(z): one part as a float. */
    static final class Part extends ScalarOp {
        private final int part;

        Part(String name, int part) {
            super(name, 1);
            this.part = part;
        }

        @Override
        public DType outputDType(DType[] in) {
            if (!in[0].isComplex()) throw new TheanoTypeError(name() + " expects a complex input, got " + in[0]);
            return in[0].realPart();
        }

        @Override
        public double[] evalComplex(double[][] x) { return new double[] {x[0][part], 0}; }

        @Override
        public double evalDouble(double[] x) { return part == 0 ? x[0] : 0; }

        @Override
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            Variable zero = T.zerosLike(gz);
            return List.of(part == 0 ? T.complex(gz, zero) : T.complex(zero, gz));
        }
    }

    public static final ScalarOp REAL = new Part("real", 0);
    public static final ScalarOp IMAG = new Part("imag", 1);

    public static final ScalarOp CONJ = new ScalarOp("conj", 1) {
        @Override
        public DType outputDType(DType[] in) { return in[0]; }

        @Override
        public double[] evalComplex(double[][] x) { return new double[] {x[0][0], -x[0][1]}; }

        @Override
        public double evalDouble(double[] x) { return x[0]; }

        @Override
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) { return List.of(T.conj(gz)); }
    };

    /** complex(re, im): complex64 from two float32 (or smaller) parts, complex128 otherwise, as Theano. */
    public static final ScalarOp COMPLEX = new ScalarOp("complex", 2) {
        @Override
        public DType outputDType(DType[] in) {
            for (DType d : in) {
                if (d.isComplex()) throw new TheanoTypeError("complex() expects real inputs, got " + Arrays.toString(in));
            }
            DType up = DType.upcast(in[0], in[1]);
            return up == DType.FLOAT32 || up == DType.FLOAT16 || (up.isDiscrete() && up.itemsize() <= 2)
                    ? DType.COMPLEX64 : DType.COMPLEX128;
        }

        @Override
        public double[] evalComplex(double[][] x) { return new double[] {x[0][0], x[1][0]}; }

        @Override
        public List<Variable> grad(List<Variable> in, Variable out, Variable gz) {
            return List.of(T.real(gz), T.imag(gz));
        }
    };
}
