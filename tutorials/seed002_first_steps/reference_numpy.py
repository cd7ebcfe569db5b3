"""Plain-NumPy reference for softmax_regression.py and softmax_op.py (no Theano).

Runs the same algorithm on the same data in float64 and prints what both programs print; its
output is stored as softmax_regression.expected and softmax_op.expected:

    python3 reference_numpy.py > softmax_regression.expected
    cp softmax_regression.expected softmax_op.expected

The gradient is written out by hand (d cost / d theta = x^T (softmax(x theta) - onehot(y)) / m
+ landa * theta), so the expected output does not depend on any automatic differentiation.
It also checks that no printed number lies so close to a rounding boundary of its 4 decimals,
and no prediction so close to a tie, that float64 summation order (NumPy here, theano-jvm
there) could change what is printed.
"""
import numpy as np

N_SAMPLES, N_FEATURES, N_CLASSES = 60, 5, 3
LANDA, ALPHA, BATCH_SIZE, EPOCHS = 0.01, 0.1, 10, 8


def load_data():
    # must stay identical to load_data() in softmax_regression.py / softmax_op.py
    rng = np.random.RandomState(0)
    centers = np.array([[1.0, 1.0, 0.0, -1.0, 0.0],
                        [-1.0, 0.0, 1.0, 1.0, -1.0],
                        [0.0, -1.0, -1.0, 0.0, 1.0]])
    label = np.arange(N_SAMPLES) % N_CLASSES
    data = centers[label] + rng.randn(N_SAMPLES, N_FEATURES)
    return data, label


def softmax(z):
    e = np.exp(z - z.max(axis=1)[:, None])
    return e / e.sum(axis=1)[:, None]


def checked(value, decimals=4):
    scaled = value * 10 ** decimals
    assert abs(scaled - np.floor(scaled) - 0.5) > 1e-6, "too close to a rounding boundary: %r" % value
    return value


def main():
    data, label = load_data()
    theta = np.zeros((N_FEATURES, N_CLASSES))
    n_batches = N_SAMPLES // BATCH_SIZE
    for epoch in range(EPOCHS):
        costs = []
        for index in range(n_batches):
            x = data[index * BATCH_SIZE:(index + 1) * BATCH_SIZE]
            y = label[index * BATCH_SIZE:(index + 1) * BATCH_SIZE]
            m = x.shape[0]
            hx = softmax(np.dot(x, theta))
            cost = -np.mean(np.log(hx)[np.arange(m), y]) + 0.5 * LANDA * np.sum(theta ** 2)
            onehot = np.zeros_like(hx)
            onehot[np.arange(m), y] = 1.0
            g_theta = np.dot(x.T, hx - onehot) / m + LANDA * theta
            costs.append(cost)          # the cost is computed before the update
            theta = theta - ALPHA * g_theta
        print('epoch %d, cost %.4f' % (epoch + 1, checked(np.mean(costs))))
    scores = np.dot(data, theta)
    top_two = np.sort(scores, axis=1)[:, -2:]
    assert np.min(top_two[:, 1] - top_two[:, 0]) > 1e-6, "a prediction is nearly a tie"
    predict = np.argmax(softmax(scores), axis=1)
    print('training accuracy: %.4f' % checked(np.mean(predict == label)))


if __name__ == '__main__':
    main()
