"""theano.tensor.nnet: neural-network functions."""
from theano.tensor.nnet.nnet import (binary_crossentropy, categorical_crossentropy, elu, h_softmax, logsoftmax,
                                     relu, selu, softmax, softmax_graph, softmax_op)
from theano.tensor.nnet.sigm import hard_sigmoid, scalar_sigmoid, sigmoid, softplus, ultra_fast_sigmoid
