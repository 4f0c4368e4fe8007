"""Post 004 §4.1-4.3 in CPython: the network of neuron dictionaries, as the slides write it.

After Jason Brownlee's "How to Code a Neural Network with Backpropagation In Python from
Scratch". The one ambiguity of the slides is resolved: the loop that sets each neuron's
delta belongs to every layer, not only to the output layer's `else` branch, or the hidden
layer never gets deltas. Besides the post's printed "error" (a log-likelihood), each epoch
also records Brownlee's own sum of squared errors, which needs no extra random draws.

Used by scripts/make-list-of-neurons-fixtures.py (the test fixture) and by
bench/numpy_bench.py (the CPython side of the list-of-neurons workload).
"""
import gzip
import os
import time
from math import exp, log
from random import random, seed


def initialize_network(n_inputs, n_hidden, n_outputs):
    hidden = [{"weights": [random() for _ in range(n_inputs + 1)]} for _ in range(n_hidden)]
    output = [{"weights": [random() for _ in range(n_hidden + 1)]} for _ in range(n_outputs)]
    return [hidden, output]


def transfer(weights, inputs):
    transferred = weights[-1]
    for i in range(len(weights) - 1):
        transferred += weights[i] * inputs[i]
    return transferred


def activate(transferred):
    return 1.0 / (1.0 + exp(-transferred))


def feedforward(network, row):
    inputs = row
    for layer in network:
        new_inputs = []
        for neuron in layer:
            neuron["output"] = activate(transfer(neuron["weights"], inputs))
            new_inputs.append(neuron["output"])
        inputs = new_inputs
    return inputs


def transfer_derivative(output):
    return output * (1.0 - output)


def backprop_error(network, expected):
    for i in reversed(range(len(network))):
        layer = network[i]
        errors = []
        if i != len(network) - 1:
            for j in range(len(layer)):
                error = 0.0
                for neuron in network[i + 1]:
                    error += neuron["weights"][j] * neuron["delta"]
                errors.append(error)
        else:
            for j in range(len(layer)):
                errors.append(expected[j] - layer[j]["output"])
        for j in range(len(layer)):
            layer[j]["delta"] = errors[j] * transfer_derivative(layer[j]["output"])


def update_weights(network, row, l_rate):
    for i in range(len(network)):
        inputs = row[:-1]
        if i != 0:
            inputs = [neuron["output"] for neuron in network[i - 1]]
        for neuron in network[i]:
            for j in range(len(inputs)):
                neuron["weights"][j] += l_rate * neuron["delta"] * inputs[j]
            neuron["weights"][-1] += l_rate * neuron["delta"]


def train_network(network, train, l_rate, n_epoch, n_outputs, lines=None, history=None):
    for epoch in range(n_epoch):
        sum_error = 0
        sum_squared = 0
        for row in train:
            outputs = feedforward(network, row)
            expected = [0 for _ in range(n_outputs)]
            expected[row[-1]] = 1
            sum_error += sum([(expected[i] * log(outputs[i]) + (1.0 - expected[i]) * log(1.0 - outputs[i]))
                              for i in range(len(expected))])
            sum_squared += sum([(expected[i] - outputs[i]) ** 2 for i in range(len(expected))])
            backprop_error(network, expected)
            update_weights(network, row, l_rate)
        if lines is not None:
            lines.append(">epoch=%d, lrate=%.3f, error=%.3f" % (epoch, l_rate, sum_error))
        if history is not None:
            history.append({"error": sum_error, "squared": sum_squared})
    return sum_error


def predict(network, row):
    outputs = feedforward(network, row)
    return outputs.index(max(outputs))


def load_digits_rows(n_rows):
    """The first n_rows of data/digits.csv.gz as [pixel/16 …, label] rows (standard library only)."""
    path = os.path.join(os.path.dirname(__file__), "..", "data", "digits.csv.gz")
    with gzip.open(path, "rt") as f:
        rows = [line.strip().split(",") for line in f if line.strip()][:n_rows]
    return [[int(v) / 16 for v in r[:-1]] + [int(r[-1])] for r in rows]


def bench_run(task):
    """The bench workload: seed(1), a 64-hidden-10 network trained on digit rows; seconds and the last error."""
    dataset = load_digits_rows(task["rows"])
    seed(1)
    network = initialize_network(64, task["hidden"], 10)
    t0 = time.perf_counter()
    last = train_network(network, dataset, task["lrate"], task["epochs"], 10)
    seconds = time.perf_counter() - t0
    correct = sum(1 for row in dataset if predict(network, row) == row[-1])
    return seconds, {"error": last, "correct": correct}
