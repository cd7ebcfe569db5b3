/**
 * Neural-network ops (theano.tensor.nnet, theano.tensor.signal.pool), one op family per file:
 * {@link org.theanojvm.engine.nnet.AbstractConv} (AbstractConv2d/3d and their gradWeights/gradInputs
 * ops, numerics in {@link org.theanojvm.engine.nnet.Im2Col}: im2col + one GEMM method to swap for BLAS),
 * {@link org.theanojvm.engine.nnet.Pool} (N-D Pool, MaxPoolGrad, AveragePoolGrad,
 * DownsampleFactorMaxGradGrad), {@link org.theanojvm.engine.nnet.Crossentropy} (integer-target
 * cross-entropy ops), {@link org.theanojvm.engine.nnet.NNetScalarOps} (scalar activations),
 * {@link org.theanojvm.engine.nnet.Unique}, and the compositions in
 * {@link org.theanojvm.engine.nnet.BatchNorm}. {@link org.theanojvm.engine.nnet.NNet} is the facade
 * with Theano's function names and argument order.
 */
package org.theanojvm.engine.nnet;
