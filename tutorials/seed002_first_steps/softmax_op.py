# The same softmax regression as softmax_regression.py, with softmax as a user-defined Op:
# perform() is the post's (Theano's own Softmax.perform), grad() the post's, returning a second
# user Op for the softmax gradient. reference_numpy.py computes the output.
import numpy
import theano
import theano.tensor as T


class SoftmaxGrad(theano.Op):
    """Gradient of softmax: dx = (dy - sum(dy * sm, axis=1)) * sm, row by row."""
    __props__ = ()

    def make_node(self, dy, sm):
        dy = T.as_tensor_variable(dy)
        sm = T.as_tensor_variable(sm)
        return theano.Apply(self, [dy, sm], [sm.type()])

    def perform(self, node, input_storage, output_storage):
        dy, sm = input_storage
        dy_times_sm = dy * sm
        dx = dy_times_sm - dy_times_sm.sum(axis=1)[:, None] * sm
        output_storage[0][0] = dx

    def infer_shape(self, node, shapes):
        return [shapes[1]]


softmax_grad = SoftmaxGrad()


class Softmax(theano.Op):
    """Row-wise softmax of a matrix."""
    __props__ = ()

    def make_node(self, x):
        x = T.as_tensor_variable(x)
        return theano.Apply(self, [x], [x.type()])

    def perform(self, node, input_storage, output_storage):
        x, = input_storage
        e_x = numpy.exp(x - x.max(axis=1)[:, None])
        sm = e_x / e_x.sum(axis=1)[:, None]
        output_storage[0][0] = sm

    def grad(self, inp, grads):
        x, = inp
        g_sm, = grads
        sm = softmax_op(x)
        return [softmax_grad(g_sm, sm)]

    def infer_shape(self, node, shapes):
        return [shapes[0]]


softmax_op = Softmax()


def load_data():
    rng = numpy.random.RandomState(0)
    centers = numpy.array([[1.0, 1.0, 0.0, -1.0, 0.0],
                           [-1.0, 0.0, 1.0, 1.0, -1.0],
                           [0.0, -1.0, -1.0, 0.0, 1.0]])
    label = numpy.arange(60) % 3
    data = centers[label] + rng.randn(60, 5)
    return data, label


class SoftmaxRegression(object):
    def __init__(self, n_features, n_classes, landa=0.01, alpha=0.1):
        self.landa = landa
        self.alpha = alpha
        self.theta = theano.shared(numpy.zeros((n_features, n_classes), dtype=theano.config.floatX),
                                   name='theta')

    def train(self, data, label, batch_size=10, epochs=8):
        n_batches = data.shape[0] // batch_size
        theta = self.theta
        x = T.matrix('x')
        y = T.ivector('y')
        index = T.lscalar()
        data = theano.shared(numpy.asarray(data, dtype=theano.config.floatX))
        label = T.cast(theano.shared(numpy.asarray(label, dtype=theano.config.floatX)), 'int32')

        hx = softmax_op(T.dot(x, theta))
        cost = -T.mean(T.log(hx)[T.arange(y.shape[0]), y]) + 0.5 * self.landa * T.sum(theta ** 2)
        predict = T.argmax(hx, axis=1)
        g_theta = T.grad(cost, theta)

        train_model = theano.function(
            inputs=[index],
            outputs=cost,
            updates=[(theta, theta - self.alpha * g_theta)],
            givens={x: data[index * batch_size:(index + 1) * batch_size],
                    y: label[index * batch_size:(index + 1) * batch_size]})
        self.predict_model = theano.function(inputs=[], outputs=predict, givens={x: data})

        for epoch in range(epochs):
            costs = [train_model(i) for i in range(n_batches)]
            print('epoch %d, cost %.4f' % (epoch + 1, numpy.mean(costs)))


data, label = load_data()
classifier = SoftmaxRegression(5, 3)
classifier.train(data, label)
print('training accuracy: %.4f' % numpy.mean(classifier.predict_model() == label))
