# Cells "共享变量": a shared matrix, set_value/get_value, a function of it, and updates.
import numpy as np

import theano
import theano.tensor as T

shared_var = theano.shared(np.array([[1.0, 2.0], [3.0, 4.0]], dtype=theano.config.floatX))

print(shared_var.type)

shared_var.set_value(np.array([[3.0, 4], [2, 1]], dtype=theano.config.floatX))

print(shared_var.get_value())

shared_square = shared_var ** 2

f = theano.function([], shared_square)

print(f())

shared_var.set_value(np.array([[1.0, 2], [3, 4]], dtype=theano.config.floatX))

print(f())

subtract = T.matrix('subtract')

f_update = theano.function([subtract], shared_var, updates={shared_var: shared_var - subtract})

print('before update:')
print(shared_var.get_value())

print('the return value:')
print(f_update(np.array([[1.0, 1], [1, 1]], dtype=theano.config.floatX)))

print('after update:')
print(shared_var.get_value())
