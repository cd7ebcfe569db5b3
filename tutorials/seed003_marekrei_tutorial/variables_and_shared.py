# Sections 6 and 7, "Variables" and "Shared variables" (reconstructed from the prose): typed
# variables, a generic vector with a dtype argument, the table of constructors, and reading and
# setting a shared variable's value outside a Theano function.
import theano
import numpy

x = theano.tensor.fvector('x')
print(x.type)

x = theano.tensor.vector('x', dtype='float32')
print(x.type)

for constructor in [theano.tensor.fvector, theano.tensor.ivector, theano.tensor.fscalar,
                    theano.tensor.fmatrix, theano.tensor.ftensor3, theano.tensor.dtensor3]:
    v = constructor()
    print(v.dtype, v.ndim)

W = theano.shared(numpy.asarray([0.2, 0.7]), 'W')
print(W.get_value())
W.set_value([0.1, 0.9])
print(W.get_value())
