"""floatX=float32 from THEANO_FLAGS (one launcher start): constructors, literals and the engine agree."""
import os
import subprocess

PROGRAM = r"""
import numpy as np
import theano
import theano.tensor as T
print(theano.config.floatX)
x = T.scalar('x')
print(x.type)
print((T.vector() * 0.1).dtype)
print(theano.shared(np.zeros(2, dtype=theano.config.floatX)).type)
f = theano.function([x], x * 2.5)
r = f(3)
print(repr(r))
A = T.matrix('A'); v = T.vector('v')
print(theano.function([A, v], [T.dot(A, v), T.sum(A ** 2)])(
    np.array([[1, 2, 3], [4, 5, 6]], dtype='float32'), np.array([1, 2, 3], dtype='float32')))
print(T.grad((x ** 2), x).eval({x: 10}))
print(theano.pp(x ** 2))
"""


LAUNCHER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "bin", "theano-jvm")


def test_floatx_float32_from_flags():
    env = dict(os.environ, THEANO_FLAGS="floatX=float32")
    done = subprocess.run([LAUNCHER, "-c", PROGRAM], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "float32",
        "TensorType(float32, scalar)",
        "float32",
        "TensorType(float32, vector)",
        "array(7.5, dtype=float32)",
        "[array([14., 32.], dtype=float32), array(91., dtype=float32)]",
        "20.0",
        "(x ** TensorConstant{2})",
    ]
