"""A DeepLearningTutorials-style checkpoint: train, pickle the model, load it in a fresh process and
predict, as logistic_sgd.py's sgd_optimization_mnist() and predict() do."""
import os
import pickle
import sys
import textwrap

import numpy as np

MODEL_MODULE = textwrap.dedent('''
    import numpy
    import theano
    import theano.tensor as T


    class LogisticRegression(object):
        """logistic_sgd.py's model: W, b, p_y_given_x, y_pred, params, input."""

        def __init__(self, input, n_in, n_out):
            self.W = theano.shared(value=numpy.zeros((n_in, n_out), dtype=theano.config.floatX), name='W', borrow=True)
            self.b = theano.shared(value=numpy.zeros((n_out,), dtype=theano.config.floatX), name='b', borrow=True)
            self.p_y_given_x = T.nnet.softmax(T.dot(input, self.W) + self.b)
            self.y_pred = T.argmax(self.p_y_given_x, axis=1)
            self.params = [self.W, self.b]
            self.input = input

        def negative_log_likelihood(self, y):
            return -T.mean(T.log(self.p_y_given_x)[T.arange(y.shape[0]), y])
''')

PREDICT = textwrap.dedent('''
    import pickle
    import sys
    import numpy
    import theano
    sys.path.insert(0, sys.argv[1])
    classifier = pickle.load(open(sys.argv[2], 'rb'))
    predict_model = theano.function(inputs=[classifier.input], outputs=classifier.y_pred)
    data = numpy.load(sys.argv[3])
    print("predicted:", " ".join(str(int(v)) for v in predict_model(data)))
    print("W sum: %.10f" % float(classifier.W.get_value().sum()))
''')


def test_a_trained_model_pickled_here_predicts_the_same_in_a_fresh_process(theano_jvm, tmp_path):
    import theano
    import theano.tensor as T
    (tmp_path / "logistic_model.py").write_text(MODEL_MODULE)
    sys.path.insert(0, str(tmp_path))
    try:
        from logistic_model import LogisticRegression
        rng = np.random.RandomState(1234)
        centers = rng.randn(3, 8) * 3
        labels = rng.randint(0, 3, size=300)
        data = (centers[labels] + rng.randn(300, 8)).astype(theano.config.floatX)
        x = T.matrix('x')
        y = T.ivector('y')
        classifier = LogisticRegression(input=x, n_in=8, n_out=3)
        cost = classifier.negative_log_likelihood(y)
        updates = [(p, p - 0.1 * T.grad(cost, p)) for p in classifier.params]
        train = theano.function([x, y], cost, updates=updates)
        costs = [float(train(data, labels.astype('int32'))) for _ in range(30)]
        assert costs[-1] < costs[0] / 3  # it learned
        expected = theano.function([x], classifier.y_pred)(data[:20])
        assert (expected == labels[:20]).mean() > 0.8

        model_path = tmp_path / "best_model.pkl"
        with open(model_path, "wb") as f:
            pickle.dump(classifier, f)
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("logistic_model", None)
    np.save(tmp_path / "test_x.npy", data[:20])
    (tmp_path / "predict.py").write_text(PREDICT)
    run = theano_jvm(str(tmp_path / "predict.py"), str(tmp_path), str(model_path), str(tmp_path / "test_x.npy"))
    assert run.returncode == 0, run
    lines = run.stdout.splitlines()
    assert lines[0] == "predicted: " + " ".join(str(int(v)) for v in expected), run
    assert lines[1] == "W sum: %.10f" % float(classifier.W.get_value().sum()), run
