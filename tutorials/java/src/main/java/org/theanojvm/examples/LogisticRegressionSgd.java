package org.theanojvm.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.theanojvm.engine.function.Function;
import org.theanojvm.engine.gradient.Gradient;
import org.theanojvm.engine.graph.SharedVariable;
import org.theanojvm.engine.graph.Variable;
import org.theanojvm.engine.ndarray.NdArray;
import org.theanojvm.engine.nnet.NNet;
import org.theanojvm.engine.ops.SubtensorOps;
import org.theanojvm.engine.tensor.T;
import org.theanojvm.engine.types.DType;

/**
 * The seed logistic regression ({@code tutorials/examples/logistic_regression.py}, after
 * deeplearning.net's {@code logistic_sgd.py}) written in Java against theano-jvm's engine, no Python:
 * the datasets live in shared variables, a symbolic minibatch index selects each minibatch through
 * {@code givens}, and the SGD updates are written from {@code T.grad}. Synthetic data: 4 classes of
 * 8-feature points around fixed centres (drawn with java.util.Random, so not the Python script's
 * numbers).
 */
public final class LogisticRegressionSgd {
    /** The class centres of the Python tutorial. */
    static final double[][] CENTRES = {
        {1.0, 0.5, 0.0, -0.5, 0.0, 1.0, -1.0, 0.0},
        {-1.0, 0.0, 1.0, 0.5, -0.5, 0.0, 0.0, 1.0},
        {0.0, -1.0, -0.5, 0.0, 1.0, -1.0, 0.5, 0.0},
        {0.5, 0.0, -1.0, -1.0, 0.0, 0.0, 1.0, -0.5}};
    static final int N_IN = 8, N_OUT = 4;

    private LogisticRegressionSgd() {}

    /** A dataset as plain Java arrays: {@code x} row-major (n x 8), {@code y} class labels 0..3. */
    public record Dataset(double[] x, int[] y) {
        /** Number of examples. */
        public int size() { return y.length; }
    }

    /** Points scattered (standard deviation 0.9) around the centre of a random class each. */
    public static Dataset makeData(Random rng, int n) {
        double[] x = new double[n * N_IN];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(N_OUT);
            for (int j = 0; j < N_IN; j++) x[i * N_IN + j] = CENTRES[y[i]][j] + 0.9 * rng.nextGaussian();
        }
        return new Dataset(x, y);
    }

    /** What training produced: the mean minibatch cost and the validation error of each epoch. */
    public record Result(List<Double> epochCosts, List<Double> validationErrors, NdArray w, NdArray b) {}

    /** Trains by minibatch SGD, printing one line per epoch to {@code out} (null: silent). */
    public static Result train(Dataset train, Dataset valid, double learningRate, int epochs, int batchSize, PrintStream out) {
        // the datasets in shared variables: Java arrays wrapped, then copied once into the variables
        SharedVariable trainX = T.shared(NdArray.wrap(train.x(), train.size(), N_IN), "train_x");
        SharedVariable trainY = T.shared(NdArray.wrap(train.y()), "train_y");
        SharedVariable validX = T.shared(NdArray.wrap(valid.x(), valid.size(), N_IN), "valid_x");
        SharedVariable validY = T.shared(NdArray.wrap(valid.y()), "valid_y");

        // the model: P(Y = i | x) = softmax(x W + b)_i, zero-initialised
        Variable x = T.dmatrix("x");
        Variable y = T.ivector("y");
        SharedVariable w = T.shared(NdArray.zeros(DType.FLOAT64, N_IN, N_OUT), "W");
        SharedVariable b = T.shared(NdArray.zeros(DType.FLOAT64, N_OUT), "b");
        Variable pYGivenX = NNet.softmax(T.add(T.dot(x, w), b));
        Variable yPred = T.argmax(pYGivenX, new int[] {1}, false);
        Variable cost = T.mean(NNet.categoricalCrossentropy(pYGivenX, y)); // -mean(log p[i, y_i])
        Variable errors = T.mean(T.neq(yPred, y));

        List<Variable> grads = Gradient.grad(cost, List.of(w, b));
        Variable index = T.lscalar("index");
        SubtensorOps.Slice batch = SubtensorOps.slice(T.mul(index, (long) batchSize), T.mul(T.add(index, 1L), (long) batchSize), null);
        Function trainModel = Function.builder()
                .inputs(index)
                .outputs(cost)
                .update(w, T.sub(w, T.mul(learningRate, grads.get(0))))
                .update(b, T.sub(b, T.mul(learningRate, grads.get(1))))
                .given(x, T.subtensor(trainX, batch))
                .given(y, T.subtensor(trainY, batch))
                .name("train_model")
                .compile();
        Function validateModel = Function.builder()
                .outputs(errors)
                .given(x, validX)
                .given(y, validY)
                .compile();

        // "truffle" when truffle-nodes is on the class path (found by ServiceLoader), else "reference"
        if (out != null) out.println("train_model runs on the " + trainModel.executor().name() + " executor");
        int nBatches = train.size() / batchSize;
        List<Double> costs = new ArrayList<>(), validationErrors = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double sum = 0;
            for (long i = 0; i < nBatches; i++) sum += trainModel.call(i)[0].item();
            costs.add(sum / nBatches);
            validationErrors.add(validateModel.call()[0].item());
            if (out != null) {
                out.printf("epoch %d, mean minibatch cost %.4f, validation error %.2f %%%n", epoch, costs.getLast(),
                        100 * validationErrors.getLast());
            }
        }
        return new Result(costs, validationErrors, w.getValue(), b.getValue());
    }

    /** Trains on 400 examples, validates on 200, 10 epochs of minibatches of 20, learning rate 0.13. */
    public static void main(String[] args) {
        Random rng = new Random(1234);
        Dataset train = makeData(rng, 400), valid = makeData(rng, 200);
        train(train, valid, 0.13, 10, 20, System.out);
    }
}
