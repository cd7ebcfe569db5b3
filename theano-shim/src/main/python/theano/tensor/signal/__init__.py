"""theano.tensor.signal: pooling (pool) and the old downsample module."""
from theano.tensor.signal import pool  # noqa: F401  (T.signal.pool.pool_2d)
