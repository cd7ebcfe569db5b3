"""The AOT cache's training run (build-runtime.sh): what a Theano script does first. Besides importing
numpy and theano, it builds, compiles and calls a small MLP training function, so that the classes of
graph building, gradients, the rewrites, the Truffle executor and BLAS are loaded, linked and profiled
in the cache too; a user's first theano.function then skips that work. Small sizes: the shapes do not
matter to class loading, and the build should stay short."""
import numpy
import theano
import theano.tensor as T

rng = numpy.random.RandomState(0)
x = T.fmatrix("x")
y = T.ivector("y")
params = []
h = x
for i, (n_in, n_out) in enumerate([(20, 16), (16, 5)]):
    W = theano.shared(numpy.asarray(rng.uniform(-0.1, 0.1, (n_in, n_out)), dtype="float32"), name="W%d" % i)
    b = theano.shared(numpy.zeros(n_out, dtype="float32"), name="b%d" % i)
    params += [W, b]
    a = T.dot(h, W) + b
    h = T.tanh(a) if i == 0 else T.nnet.softmax(a)
cost = T.mean(T.nnet.categorical_crossentropy(h, y)) + 1e-4 * sum((p ** 2).sum() for p in params[::2])
grads = T.grad(cost, params)
train = theano.function([x, y], cost, updates=[(p, p - numpy.float32(0.1) * g) for p, g in zip(params, grads)])
predict = theano.function([x], T.argmax(h, axis=1))
xv = numpy.asarray(rng.uniform(0, 1, (8, 20)), dtype="float32")
yv = numpy.asarray(rng.randint(0, 5, 8), dtype="int32")
for _ in range(3):
    train(xv, yv)
predict(xv)
# a float64 elementwise expression, as the tutorials' first examples are
v = T.dvector("v")
theano.function([v], T.exp(v * 2 + 1) * T.nnet.sigmoid(v) - T.tanh(v))(numpy.linspace(-1, 1, 100))
