# Section 12, "Recurrent functions with scan" (reconstructed from the prose; the page lost its code):
# a simple RNN over the word vectors in input_vectors. scan calls rnn_step on each row (the current
# item), with the previous hidden state (outputs_info gives the first one) and the non-sequence W,
# and returns the hidden state of every step; [-1] takes the last one.
import numpy
import theano

rng = numpy.random.RandomState(0)


def create_parameter_matrix(name, size):
    """The post's helper (its definition is not shown there): small random weights, shared."""
    return theano.shared(numpy.asarray(rng.uniform(low=-0.5, high=0.5, size=size)), name)


def rnn_step(x, h_prev, W):
    return theano.tensor.tanh(theano.tensor.dot(W, theano.tensor.concatenate([x, h_prev])))


word_vector_size = 3
recurrent_size = 4

input_vectors = theano.tensor.dmatrix('input_vectors')
initial_hidden_vector = theano.tensor.zeros(recurrent_size)
W = create_parameter_matrix('W', (recurrent_size, word_vector_size + recurrent_size))

hidden_vector, _ = theano.scan(
    rnn_step,
    sequences=input_vectors,
    outputs_info=initial_hidden_vector,
    non_sequences=W
)
context_vector = hidden_vector[-1]

all_states = theano.function([input_vectors], hidden_vector)
last_state = theano.function([input_vectors], context_vector)

words = rng.uniform(low=-1.0, high=1.0, size=(5, word_vector_size))
print(all_states(words))
print(last_state(words))
