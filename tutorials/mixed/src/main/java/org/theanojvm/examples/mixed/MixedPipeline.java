package org.theanojvm.examples.mixed;

import java.nio.file.Path;
import java.util.Random;
import org.graalvm.polyglot.Context;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.polyglot.PythonModule;
import org.theanojvm.polyglot.TheanoJvm;

/**
 * Java driving a Theano model written in Python: the data are Java arrays, {@code model.py} is imported
 * as a module, trained and asked for predictions; arrays cross as NdArrays (one block copy into NumPy
 * and back, no Python lists). The model's loss is itself a Java op ({@link HuberLoss}), so the pipeline
 * goes Java, Python, Java.
 */
public final class MixedPipeline {
    private MixedPipeline() {}

    /** What {@link #run} produced. */
    public record Result(double[] x, double[] y, int n, int d, NdArray costs, NdArray w, NdArray b, NdArray predictions) {}

    /**
     * Makes data in Java (a plane {@code y = 2 x0 - x1 + 0.5 x2 + 0.3} with noise and 10 outliers), fits
     * {@code model.py} from {@code modelFolder} for {@code epochs} steps and predicts the training inputs.
     */
    public static Result run(Context python, Path modelFolder, int epochs) {
        int n = 200, d = 3;
        double[] trueW = {2.0, -1.0, 0.5};
        Random rng = new Random(0);
        double[] x = new double[n * d], y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 0.3 + 0.1 * rng.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[i * d + j] = rng.nextGaussian();
                y[i] += trueW[j] * x[i * d + j];
            }
            if (i < 10) y[i] += 20.0;
        }
        PythonModule model = PythonModule.importModule(python, "model", modelFolder);
        NdArray costs = model.callForArray("fit", NdArray.wrap(x, n, d), y, epochs, 0.5);
        java.util.List<?> params = (java.util.List<?>) model.call("parameters");
        NdArray predictions = model.callForArray("predict", NdArray.wrap(x, n, d));
        return new Result(x, y, n, d, costs, (NdArray) params.get(0), (NdArray) params.get(1), predictions);
    }

    /** Usage: MixedPipeline [folder of model.py] (default: tutorials/mixed under theano.jvm.root). */
    public static void main(String[] args) {
        Path folder = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty(TheanoJvm.ROOT_PROPERTY, "."), "tutorials", "mixed");
        try (Context python = TheanoJvm.newContext()) {
            Result r = run(python, folder, 60);
            double[] costs = r.costs().toDoubleArray();
            for (int epoch = 0; epoch < costs.length; epoch += 10) System.out.printf("epoch %2d, mean Huber loss %.4f%n", epoch + 1, costs[epoch]);
            double[] w = r.w().toDoubleArray();
            System.out.printf("w = [%.3f, %.3f, %.3f]  b = %.3f  (true: [2, -1, 0.5], 0.3)%n", w[0], w[1], w[2], r.b().item());
            System.out.printf("prediction for the first non-outlier: %.3f (target %.3f)%n", r.predictions().getDouble(10), r.y()[10]);
        }
    }
}
