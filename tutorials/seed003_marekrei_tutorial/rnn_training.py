# Sections 12 and 13: training through the recurrence. The RNN of rnn_scan.py reads a sequence of
# word vectors; a logistic output on its last hidden state predicts a binary label; the gradient of
# the cost flows back through every scan step (backpropagation through time) to W and the output
# weights. Synthetic data stand in for the sentiment treebank the post uses (not in the document).
import numpy
import theano

rng = numpy.random.RandomState(3)
word_vector_size, recurrent_size, length, n_sequences = 3, 4, 5, 8

sequences = rng.uniform(low=-1.0, high=1.0, size=(n_sequences, length, word_vector_size))
labels = (sequences[:, :, 0].sum(axis=1) > 0).astype('float64')

W = theano.shared(rng.uniform(low=-0.5, high=0.5, size=(recurrent_size, word_vector_size + recurrent_size)), 'W')
W_output = theano.shared(rng.uniform(low=-0.5, high=0.5, size=(recurrent_size,)), 'W_output')

input_vectors = theano.tensor.dmatrix('input_vectors')
target = theano.tensor.dscalar('target')


def rnn_step(x, h_prev, W):
    return theano.tensor.tanh(theano.tensor.dot(W, theano.tensor.concatenate([x, h_prev])))


hidden_vector, _ = theano.scan(rnn_step, sequences=input_vectors,
                               outputs_info=theano.tensor.zeros(recurrent_size), non_sequences=W)
context_vector = hidden_vector[-1]
prediction = theano.tensor.nnet.sigmoid(theano.tensor.dot(W_output, context_vector))
cost = -(target * theano.tensor.log(prediction) + (1.0 - target) * theano.tensor.log(1.0 - prediction))

learning_rate = 0.5
gradients = theano.tensor.grad(cost, [W, W_output])
updates = [(p, p - learning_rate * g) for p, g in zip([W, W_output], gradients)]
train = theano.function([input_vectors, target], cost, updates=updates)
predict = theano.function([input_vectors], prediction)

for epoch in range(10):
    total = 0.0
    for i in range(n_sequences):
        total += train(sequences[i], labels[i])
    print("epoch %d cost %.8f" % (epoch, total))
print("predictions", numpy.asarray([predict(s) for s in sequences]))
print("labels     ", labels)
