"""theano.tensor.signal.downsample: the pre-0.9 name of theano.tensor.signal.pool, for old scripts.
max_pool_2d is pool_2d: the old ds/st/padding keywords work (with their deprecation warnings)."""
import warnings

from theano.tensor.signal import pool

warnings.warn("downsample module has been moved to the theano.tensor.signal.pool module.")
max_pool_2d_same_size = pool.max_pool_2d_same_size
max_pool_2d = pool.pool_2d
DownsampleFactorMax = pool.Pool
PoolGrad = pool.PoolGrad
MaxPoolGrad = pool.MaxPoolGrad
AveragePoolGrad = pool.AveragePoolGrad
