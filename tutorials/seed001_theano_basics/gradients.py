# Cells "导数": T.grad of x ** 2, the Jacobian of y = A x + b, and the R-operator (T.Rop).
# The definitions of foo/bar and A/x/b/y are the notebook's earlier cells, repeated.
import numpy as np

import theano
import theano.tensor as T

foo = T.scalar('x')
bar = foo ** 2

A = T.matrix('A')
x = T.vector('x')
b = T.vector('b')
y = T.dot(A, x) + b

bar_grad = T.grad(bar, foo)  # 表示 bar (x^2) 关于 foo (x) 的导数

print(bar_grad.eval({foo: 10}))

y_J = theano.gradient.jacobian(y, x)

print(y_J.eval({A: np.array([[9.0, 8, 7], [4, 5, 6]], dtype=theano.config.floatX), #A
                x: np.array([1.0, 2, 3], dtype=theano.config.floatX),              #x
                b: np.array([4.0, 5], dtype=theano.config.floatX)}))               #b

W = T.dmatrix('W')
V = T.dmatrix('V')
x = T.dvector('x')
y = T.dot(x, W)
JV = T.Rop(y, W, V)
f = theano.function([W, V, x], JV)

print(f([[1, 1], [1, 1]], [[2, 2], [2, 2]], [0,1]))
