# The document's table of constructors (fvector float32 1, ivector int32 1, fscalar float32 0,
# fmatrix float32 2, ftensor3 float32 3, dtensor3 float64 3), printed through the variables' types.
import theano
for constructor in (theano.tensor.fvector, theano.tensor.ivector, theano.tensor.fscalar,
                    theano.tensor.fmatrix, theano.tensor.ftensor3, theano.tensor.dtensor3):
    v = constructor('x')
    print(v.dtype, v.ndim, v.type)
v = theano.tensor.vector('x', dtype='int32')
print(v.dtype, v.ndim, v.type)
