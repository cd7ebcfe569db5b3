# Cells "theano 函数": theano.function and eval on the scalar expression, the tensor types,
# a linear function of matrices, and a function with a default input value (theano.Param).
import numpy as np

import theano
import theano.tensor as T

foo = T.scalar('x')
bar = foo ** 2

square = theano.function([foo], bar)

print(square(3))

print(bar.eval({foo: 3}))

x,y,z = T.vectors('x','y','z')
x,y,z = T.vectors(3)

A = T.matrix('A')
x = T.vector('x')
b = T.vector('b')

y = T.dot(A, x) + b

z = T.sum(A**2)

linear_mix = theano.function([A, x, b],
                             [y, z])

print(linear_mix(np.array([[1, 2, 3],
                           [4, 5, 6]], dtype=theano.config.floatX),    #A
                 np.array([1, 2, 3], dtype=theano.config.floatX),      #x
                 np.array([4, 5], dtype=theano.config.floatX)))        #b

linear_mix_default = theano.function([A, x, theano.Param(b, default=np.zeros(2, dtype=theano.config.floatX))],
                                     [y, z])

print(linear_mix_default(np.array([[1, 2, 3],
                           [4, 5, 6]], dtype=theano.config.floatX),    #A
                 np.array([1, 2, 3], dtype=theano.config.floatX)))     #x

print(linear_mix_default(np.array([[1, 2, 3],
                                   [4, 5, 6]], dtype=theano.config.floatX),    #A
                         np.array([1, 2, 3], dtype=theano.config.floatX),      #x
                         np.array([4, 5], dtype=theano.config.floatX)))        #b
