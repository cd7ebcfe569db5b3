"""theano.tensor.signal over PyTensor (benchmark only): pool_2d, which PyTensor 3 dropped."""
