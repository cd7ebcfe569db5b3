# Section 10, "Useful operations" (reconstructed from the prose; the page lost its code): each
# operation applied to the square matrix a and printed through eval().
import theano
import numpy

a = theano.shared(numpy.asarray([[1.0, 2.0], [3.0, 4.0]]), 'a')
print(a)
print(a.eval())

# Basic element-wise operations: + - * /
c = ((a + a) / 4.0)
print(c.eval())
c = (a - 1.0) * a
print(c.eval())

# Dot product
c = theano.tensor.dot(a, a)
print(c.eval())

# Activation functions
c = theano.tensor.nnet.sigmoid(a)
print(c.eval())
c = theano.tensor.tanh(a)
print(c.eval())

# Softmax (row-wise)
c = theano.tensor.nnet.softmax(a)
print(c.eval())

# Sum
c = a.sum()
print(c.eval())
c = theano.tensor.sum(a, axis=0)
print(c.eval())
c = theano.tensor.sum(a, axis=1)
print(c.eval())

# Max
c = a.max()
print(c.eval())
c = theano.tensor.max(a, axis=1)
print(c.eval())

# Argmax
c = theano.tensor.argmax(a)
print(c.eval())
c = theano.tensor.argmax(a, axis=1)
print(c.eval())

# Reshape
c = a.reshape((1, 4))
print(c.eval())
c = a.reshape((-1,))
print(c.eval())

# Zeros-like, ones-like
zeros = theano.tensor.zeros_like(a)
print(zeros.eval())
ones = theano.tensor.ones_like(a)
print(ones.eval())

# Reorder the tensor dimensions
c = a.dimshuffle((1, 0))
print(c.eval())
c = a.dimshuffle(('x', 0, 1))
print(c.eval())

# Indexing
b = [1, 1]
c = a[b]
print(c.eval())

# For assignment, we can't do this:
# a[0] = [5.0, 6.0]
# But instead, we can use set_subtensor():
c = theano.tensor.set_subtensor(a[0], [5.0, 6.0])
print(c.eval())
