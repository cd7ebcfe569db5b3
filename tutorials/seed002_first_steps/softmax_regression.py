# Softmax regression with the functions the post lists: T.matrix / T.ivector / T.lscalar,
# shared data with labels cast to int32, T.nnet.softmax, the regularised cost, T.argmax,
# T.grad, and minibatches selected through `givens`; prediction with inputs=[] and givens.
# Synthetic data (3 classes, 5 features, 60 samples); reference_numpy.py computes the output.
import numpy as np
import theano
import theano.tensor as T


def load_data():
    rng = np.random.RandomState(0)
    centers = np.array([[1.0, 1.0, 0.0, -1.0, 0.0],
                        [-1.0, 0.0, 1.0, 1.0, -1.0],
                        [0.0, -1.0, -1.0, 0.0, 1.0]])
    label = np.arange(60) % 3
    data = centers[label] + rng.randn(60, 5)
    return data, label


class SoftmaxRegression(object):
    def __init__(self, n_features, n_classes, landa=0.01, alpha=0.1):
        self.landa = landa
        self.alpha = alpha
        self.theta = theano.shared(np.zeros((n_features, n_classes), dtype=theano.config.floatX),
                                   name='theta')

    def train(self, data, label, batch_size=10, epochs=8):
        n_batches = data.shape[0] // batch_size
        theta = self.theta
        # T.matrix 分配给矩阵(matrix)
        x = T.matrix('x')
        # T.ivector 分配给“int类型(i)的向量(vector)”
        y = T.ivector('y')
        # T.lscalar 分配给“long类型(l)的标量(scalar)”
        index = T.lscalar()
        # theano.shared将数据转化为theano.shared类型, T.cast将数据从float转成int32
        data = theano.shared(np.asarray(data, dtype=theano.config.floatX))
        label = T.cast(theano.shared(np.asarray(label, dtype=theano.config.floatX)), 'int32')

        hx = T.nnet.softmax(T.dot(x, theta))
        # T.mean 获取均值
        cost = -T.mean(T.log(hx)[T.arange(y.shape[0]), y]) + 0.5 * self.landa * T.sum(theta ** 2)
        # T.argmax 获取最大值的序列
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
            print('epoch %d, cost %.4f' % (epoch + 1, np.mean(costs)))


data, label = load_data()
classifier = SoftmaxRegression(5, 3)
classifier.train(data, label)
print('training accuracy: %.4f' % np.mean(classifier.predict_model() == label))
