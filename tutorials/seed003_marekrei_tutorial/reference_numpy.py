"""Plain-NumPy reference for rnn_scan.py, scan_n_steps.py and rnn_training.py (no Theano).

Runs the same recurrences on the same data in float64 with explicit Python loops, and prints what
each program prints:

    python reference_numpy.py rnn_scan > rnn_scan.expected
    python reference_numpy.py scan_n_steps > scan_n_steps.expected
    python reference_numpy.py rnn_training > rnn_training.expected

The training gradient is backpropagation through time written out by hand (no automatic
differentiation), so the expected costs do not depend on Theano's or theano-jvm's gradient code.
"""
import sys

import numpy


def rnn_forward(words, W):
    h = numpy.zeros(W.shape[0])
    states = []
    for x in words:
        h = numpy.tanh(W.dot(numpy.concatenate([x, h])))
        states.append(h)
    return numpy.array(states)


def rnn_scan():
    rng = numpy.random.RandomState(0)
    W = numpy.asarray(rng.uniform(low=-0.5, high=0.5, size=(4, 7)))
    words = rng.uniform(low=-1.0, high=1.0, size=(5, 3))
    states = rnn_forward(words, W)
    print(states)
    print(states[-1])


def scan_n_steps():
    rng = numpy.random.RandomState(1)
    W = rng.uniform(low=-1.0, high=1.0, size=(3, 3))
    b = numpy.asarray([0.1, -0.2, 0.3])

    def generate(h, n):
        out = []
        for _ in range(n):
            h = numpy.tanh(W.dot(h) + b)
            out.append(h)
        return numpy.array(out)

    print(generate(numpy.asarray([1.0, 0.0, -1.0]), 4))
    print(generate(numpy.asarray([1.0, 0.0, -1.0]), 2)[-1])
    A = numpy.arange(5.0)
    r = numpy.ones_like(A)
    for _ in range(3):
        r = r * A
    print(r)


def rnn_training():
    rng = numpy.random.RandomState(3)
    word_vector_size, recurrent_size, length, n_sequences = 3, 4, 5, 8
    sequences = rng.uniform(low=-1.0, high=1.0, size=(n_sequences, length, word_vector_size))
    labels = (sequences[:, :, 0].sum(axis=1) > 0).astype('float64')
    W = rng.uniform(low=-0.5, high=0.5, size=(recurrent_size, word_vector_size + recurrent_size))
    w_out = rng.uniform(low=-0.5, high=0.5, size=(recurrent_size,))
    lr = 0.5

    def forward(words):
        h = numpy.zeros(recurrent_size)
        inputs, states = [], [h]
        for x in words:
            z = numpy.concatenate([x, h])
            h = numpy.tanh(W.dot(z))
            inputs.append(z)
            states.append(h)
        return inputs, states

    def predict(words):
        _, states = forward(words)
        return 1.0 / (1.0 + numpy.exp(-w_out.dot(states[-1])))

    for epoch in range(10):
        total = 0.0
        for i in range(n_sequences):
            inputs, states = forward(sequences[i])
            p = 1.0 / (1.0 + numpy.exp(-w_out.dot(states[-1])))
            t = labels[i]
            total += -(t * numpy.log(p) + (1.0 - t) * numpy.log(1.0 - p))
            # d cost / d logit = p - t
            d_logit = p - t
            g_out = d_logit * states[-1]
            dh = d_logit * w_out
            gW = numpy.zeros_like(W)
            for step in range(length - 1, -1, -1):
                h = states[step + 1]
                da = dh * (1.0 - h ** 2)
                gW += numpy.outer(da, inputs[step])
                dh = W.T.dot(da)[word_vector_size:]
            W = W - lr * gW
            w_out = w_out - lr * g_out
        print("epoch %d cost %.8f" % (epoch, total))
    print("predictions", numpy.asarray([predict(s) for s in sequences]))
    print("labels     ", labels)


if __name__ == "__main__":
    {"rnn_scan": rnn_scan, "scan_n_steps": scan_n_steps, "rnn_training": rnn_training}[sys.argv[1]]()
