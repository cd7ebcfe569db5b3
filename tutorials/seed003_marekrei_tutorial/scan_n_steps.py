# Section 12 (continued): scan with n_steps and no sequences. With nothing to iterate over, scan
# runs the recurrence from its initial state (outputs_info) for n_steps steps; the step then gets
# only the previous output and the non-sequences.
import numpy
import theano

rng = numpy.random.RandomState(1)
W = theano.shared(rng.uniform(low=-1.0, high=1.0, size=(3, 3)), 'W')
b = theano.shared(numpy.asarray([0.1, -0.2, 0.3]), 'b')

h0 = theano.tensor.dvector('h0')
n = theano.tensor.iscalar('n')

states, _ = theano.scan(
    lambda h_prev, W, b: theano.tensor.tanh(theano.tensor.dot(W, h_prev) + b),
    outputs_info=h0,
    non_sequences=[W, b],
    n_steps=n
)
generate = theano.function([h0, n], states)
print(generate(numpy.asarray([1.0, 0.0, -1.0]), 4))
print(generate(numpy.asarray([1.0, 0.0, -1.0]), 2)[-1])

# the same pattern with a product: A ** k, one multiplication per step
A = theano.tensor.dvector('A')
k = theano.tensor.iscalar('k')
result, updates = theano.scan(fn=lambda prior_result, A: prior_result * A,
                              outputs_info=theano.tensor.ones_like(A),
                              non_sequences=A,
                              n_steps=k)
power = theano.function([A, k], result[-1], updates=updates)
print(power(numpy.arange(5.0), 3))
