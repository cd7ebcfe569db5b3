# Section 16, "Profiling": "Just set profile=True in THEANO_FLAGS, and it will print information about how
# much time is spent on different operations in your code." The training example of section 9, run with
# profiling.flags (THEANO_FLAGS=profile=True): its output is unchanged and Theano's profile report goes to stderr at exit.
import theano
import numpy

x = theano.tensor.fvector('x')
target = theano.tensor.fscalar('target')

W = theano.shared(numpy.asarray([0.2, 0.7]), 'W')
y = (x * W).sum()

cost = (target - y) ** 2
gradients = theano.tensor.grad(cost, [W])
W_updated = W - (0.1 * gradients[0])
updates = [(W, W_updated)]

f = theano.function([x, target], y, updates=updates)

for i in range(10):
    output = f([1.0, 1.0], 20.0)
    print(output)
