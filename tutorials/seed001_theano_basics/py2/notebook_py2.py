# -*- coding: utf-8 -*-
# The whole code of the notebook "Theano 基础", in its original Python 2 form (print statements),
# every code cell in document order. Two deviations: the IPython magic `%matplotlib inline` and the
# unused `import matplotlib.pyplot as plt` are commented out, and the two lines the document's
# page mangled (`y =, x) + b` and `y =, W)`) are restored as `y = T.dot(A, x) + b` and
# `y = T.dot(x, W)`. Runs with THEANO_FLAGS=floatX=float32 (notebook_py2.flags).
# %matplotlib inline
import numpy as np
# import matplotlib.pyplot as plt

import theano

# 一般都把 `tensor` 子模块导入并命名为 T
import theano.tensor as T

foo = T.scalar('x')

print foo

bar = foo ** 2

print bar

print theano.pp(bar)

print type(foo)
print foo.type

square = theano.function([foo], bar)

print square(3)

print bar.eval({foo: 3})

x,y,z = T.vectors('x','y','z')
x,y,z = T.vectors(3)

A = T.matrix('A')
x = T.vector('x')
b = T.vector('b')

y = T.dot(A, x) + b

z = T.sum(A**2)

linear_mix = theano.function([A, x, b],
                             [y, z])

print linear_mix(np.array([[1, 2, 3],
                           [4, 5, 6]], dtype=theano.config.floatX),    #A
                 np.array([1, 2, 3], dtype=theano.config.floatX),      #x
                 np.array([4, 5], dtype=theano.config.floatX))         #b

linear_mix_default = theano.function([A, x, theano.Param(b, default=np.zeros(2, dtype=theano.config.floatX))],
                                     [y, z])

print linear_mix_default(np.array([[1, 2, 3],
                           [4, 5, 6]], dtype=theano.config.floatX),    #A
                 np.array([1, 2, 3], dtype=theano.config.floatX))      #x

print linear_mix_default(np.array([[1, 2, 3],
                                   [4, 5, 6]], dtype=theano.config.floatX),    #A
                         np.array([1, 2, 3], dtype=theano.config.floatX),      #x
                         np.array([4, 5], dtype=theano.config.floatX))         #b

shared_var = theano.shared(np.array([[1.0, 2.0], [3.0, 4.0]], dtype=theano.config.floatX))

print shared_var.type

shared_var.set_value(np.array([[3.0, 4], [2, 1]], dtype=theano.config.floatX))

print shared_var.get_value()

shared_square = shared_var ** 2

f = theano.function([], shared_square)

print f()

shared_var.set_value(np.array([[1.0, 2], [3, 4]], dtype=theano.config.floatX))

print f()

subtract = T.matrix('subtract')

f_update = theano.function([subtract], shared_var, updates={shared_var: shared_var - subtract})

print 'before update:'
print shared_var.get_value()

print 'the return value:'
print f_update(np.array([[1.0, 1], [1, 1]], dtype=theano.config.floatX))

print 'after update:'
print shared_var.get_value()

bar_grad = T.grad(bar, foo)  # 表示 bar (x^2) 关于 foo (x) 的导数

print bar_grad.eval({foo: 10})

y_J = theano.gradient.jacobian(y, x)

print y_J.eval({A: np.array([[9.0, 8, 7], [4, 5, 6]], dtype=theano.config.floatX), #A
                x: np.array([1.0, 2, 3], dtype=theano.config.floatX),              #x
                b: np.array([4.0, 5], dtype=theano.config.floatX)})                #b

W = T.dmatrix('W')
V = T.dmatrix('V')
x = T.dvector('x')
y = T.dot(x, W)
JV = T.Rop(y, W, V)
f = theano.function([W, V, x], JV)

print f([[1, 1], [1, 1]], [[2, 2], [2, 2]], [0,1])
