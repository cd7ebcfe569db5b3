package org.theanojvm.engine.linalg;

import java.util.List;
import org.theanojvm.engine.errors.TheanoAssertionError;
import org.theanojvm.engine.errors.TheanoValueError;
import org.theanojvm.engine.graph.Apply;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;
import org.theanojvm.engine.types.TensorType;

/**
 * Theano 1.0's Solve{A_structure, lower, overwrite_A, overwrite_b}: x with A x = b for a vector or matrix
 * b. 'lower_triangular' / 'upper_triangular' use a triangular solve reading that triangle (SciPy's
 * solve_triangular); every other structure is a general solve, as in Theano. The output dtype is
 * SciPy's: the inputs' upcast when it is a float, else float64. The gradient is Theano 1.0's L_op
 * (Giles, "An extended collection of matrix derivative results").
 */
public final class Solve extends MatrixOp {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    static final List<String> STRUCTURES = List.of("general", "symmetric", "lower_triangular", "upper_triangular", "hermitian",
            "banded", "diagonal", "toeplitz");

    public static final Solve UPPER_TRIANGULAR = new Solve("upper_triangular", false, false, false);

    private final String structure;
    private final boolean lower, overwriteA, overwriteB;

    public Solve(String structure, boolean lower, boolean overwriteA, boolean overwriteB) {
        if (!STRUCTURES.contains(structure)) throw new TheanoValueError(List.of("Invalid matrix structure argument", structure));
        this.structure = structure;
        this.lower = lower;
        this.overwriteA = overwriteA;
        this.overwriteB = overwriteB;
    }

    @Override
    public Apply makeNode(List<Variable> inputs) {
        Variable a = requireMatrix(inputs.get(0)), b = inputs.get(1);
        if (!b.isTensor() || (b.ndim() != 1 && b.ndim() != 2)) throw new TheanoAssertionError(List.of());
        requireNdim(b, b.ndim(), null);
        DType out = floatOf(DType.upcast(a.dtype(), b.dtype()));
        return new Apply(this, List.of(a, b), List.of(new TensorType(out, b.tensorType().broadcastable())));
    }

    @Override
    public NdArray[] perform(Apply node, NdArray[] in) {
        int n = squareScipy(in[0]);
        NdArray b = in[1];
        if (b.shape(0) != n) throw new TheanoValueError("incompatible dimensions");
        int nrhs = b.ndim() == 1 ? 1 : (int) b.shape(1);
        double[] x;
        if (structure.endsWith("_triangular")) {
            x = backend().solveTriangular(n, values(in[0]), structure.startsWith("lower"), nrhs, values(b));
        } else {
            try {
                x = backend().solve(n, values(in[0]), nrhs, values(b));
            } catch (LinAlgError e) {
                throw new LinAlgError("Matrix is singular.");
            }
        }
        return new NdArray[] {array(node.outputs().get(0).dtype(), x, b.shape())};
    }

    @Override
    public List<Variable> lOp(List<Variable> inputs, List<Variable> outputs, List<Variable> g) {
        Variable a = inputs.get(0), c = outputs.get(0);
        String transposed = switch (structure) {
            case "lower_triangular" -> "upper_triangular";
            case "upper_triangular" -> "lower_triangular";
            default -> structure;
        };
        Variable bBar = new Solve(transposed, !lower, false, false).call(T.transpose(a), g.get(0));
        Variable aBar = T.neg(c.ndim() == 1 ? T.outer(bBar, c) : T.dot(bBar, T.transpose(c)));
        if ("lower_triangular".equals(structure)) aBar = T.tril(aBar, 0);
        else if ("upper_triangular".equals(structure)) aBar = T.triu(aBar, 0);
        return List.of(aBar, bBar);
    }

    @Override
    protected List<Object> props() { return List.of(structure, lower, overwriteA, overwriteB); }

    @Override
    public String toString() {
        return "Solve{A_structure='" + structure + "', lower=" + py(lower) + ", overwrite_A=" + py(overwriteA) + ", overwrite_b=" + py(overwriteB) + "}";
    }
}
