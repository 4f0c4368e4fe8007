"""Post 004's Quest ("Quest: 신경망으로 분류하기") in CPython: animals classified by the list-of-neurons network.

The post gives load_csv, str_to_float, str_to_int and back_propagation; the rest of the quest
(dataset_minmax, normalize_dataset, cross_validation_split, accuracy_metric, evaluate_algorithm)
is Jason Brownlee's, from the tutorial the post follows. The network's functions are the post's,
imported from bench/list_of_neurons.py. Two changes from the slides, both named where they are:
str_to_int numbers the classes in sorted order (the post's set order changes with the hash
seed; str_to_int_set_order keeps it), and back_propagation returns `predictions`, the list (the
post's hint returns `prediction`, the last one; back_propagation_as_posted keeps it).

Used by scripts/make-quest-animals-fixtures.py (the test fixture) and by bench/numpy_bench.py
(the CPython side of the quest's grid workload).
"""
import csv
import os
import time
from random import randrange, seed

from list_of_neurons import backprop_error, feedforward, initialize_network, predict, train_network

ZOO_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "zoo.csv")


# Load a CSV file
def load_csv(filename):
    dataset = list()
    with open(filename, 'r') as file:
        csv_reader = csv.reader(file)
        for row in csv_reader:
            if not row:
                continue
            dataset.append(row)
    return dataset


# Convert string column to float
def str_to_float(dataset, column):
    for row in dataset:
        row[column] = row[column].strip()
        row[column] = float(row[column].strip())


# Convert string column to integer, as the post writes it: in set order, which depends on the hash seed
def str_to_int_set_order(dataset, column):
    class_values = [row[column] for row in dataset]
    unique = set(class_values)
    lookup = dict()
    for i, value in enumerate(unique):
        lookup[value] = i
    for row in dataset:
        row[column] = lookup[row[column]]
    return lookup


# The same in sorted order: the same numbers on every run
def str_to_int(dataset, column):
    class_values = [row[column] for row in dataset]
    unique = sorted(set(class_values))
    lookup = dict()
    for i, value in enumerate(unique):
        lookup[value] = i
    for row in dataset:
        row[column] = lookup[row[column]]
    return lookup


# Find the min and max values for each column
def dataset_minmax(dataset):
    stats = [[min(column), max(column)] for column in zip(*dataset)]
    return stats


# Rescale dataset columns to the range 0-1
def normalize_dataset(dataset, minmax):
    for row in dataset:
        for i in range(len(row) - 1):
            row[i] = (row[i] - minmax[i][0]) / (minmax[i][1] - minmax[i][0])


# Split a dataset into k folds
def cross_validation_split(dataset, n_folds):
    dataset_split = list()
    dataset_copy = list(dataset)
    fold_size = int(len(dataset) / n_folds)
    for i in range(n_folds):
        fold = list()
        while len(fold) < fold_size:
            index = randrange(len(dataset_copy))
            fold.append(dataset_copy.pop(index))
        dataset_split.append(fold)
    return dataset_split


# Calculate accuracy percentage
def accuracy_metric(actual, predicted):
    correct = 0
    for i in range(len(actual)):
        if actual[i] == predicted[i]:
            correct += 1
    return correct / float(len(actual)) * 100.0


# Evaluate an algorithm using a cross validation split; `details`, when given, receives each fold's rows and predictions
def evaluate_algorithm(dataset, algorithm, n_folds, *args, details=None):
    position = {id(row): k for k, row in enumerate(dataset)}  # by identity: some animals have equal rows
    folds = cross_validation_split(dataset, n_folds)
    scores = list()
    for fold in folds:
        train_set = list(folds)
        train_set.remove(fold)
        train_set = sum(train_set, [])
        test_set = list()
        for row in fold:
            row_copy = list(row)
            test_set.append(row_copy)
            row_copy[-1] = None
        predicted = algorithm(train_set, test_set, *args)
        actual = [row[-1] for row in fold]
        accuracy = accuracy_metric(actual, predicted)
        scores.append(accuracy)
        if details is not None:
            details.append({"rows": [position[id(row)] for row in fold], "predicted": list(predicted)})
    return scores


# Backpropagation Algorithm With Stochastic Gradient Descent, as the post's hint writes it
def back_propagation_as_posted(train, test, l_rate, n_epoch, n_hidden):
    n_inputs = len(train[0]) - 1
    n_outputs = len(set([row[-1] for row in train]))
    network = initialize_network(n_inputs, n_hidden, n_outputs)
    train_network(network, train, l_rate, n_epoch, n_outputs)
    predictions = list()
    for row in test:
        prediction = predict(network, row)
        predictions.append(prediction)
    return prediction


# The same, returning the list of predictions
def back_propagation(train, test, l_rate, n_epoch, n_hidden):
    n_inputs = len(train[0]) - 1
    n_outputs = len(set([row[-1] for row in train]))
    network = initialize_network(n_inputs, n_hidden, n_outputs)
    train_network(network, train, l_rate, n_epoch, n_outputs)
    predictions = list()
    for row in test:
        prediction = predict(network, row)
        predictions.append(prediction)
    return predictions


# Step 6: the updates of a batch summed, then applied once (batch_size 1 is train_network)
def train_network_batch(network, train, l_rate, n_epoch, n_outputs, batch_size):
    for epoch in range(n_epoch):
        for start in range(0, len(train), batch_size):
            sums = [[[0.0] * len(neuron["weights"]) for neuron in layer] for layer in network]
            for row in train[start:start + batch_size]:
                feedforward(network, row)
                expected = [0 for _ in range(n_outputs)]
                expected[row[-1]] = 1
                backprop_error(network, expected)
                for i in range(len(network)):
                    inputs = row[:-1]
                    if i != 0:
                        inputs = [neuron["output"] for neuron in network[i - 1]]
                    for n, neuron in enumerate(network[i]):
                        for j in range(len(inputs)):
                            sums[i][n][j] += l_rate * neuron["delta"] * inputs[j]
                        sums[i][n][-1] += l_rate * neuron["delta"]
            for i in range(len(network)):
                for n, neuron in enumerate(network[i]):
                    for j in range(len(neuron["weights"])):
                        neuron["weights"][j] += sums[i][n][j]


def load_zoo():
    """data/zoo.csv the quest's way: header and names taken off, 16 floats, the type numbered in sorted order."""
    dataset = load_csv(ZOO_CSV)
    header = dataset.pop(0)
    names = [row.pop(0) for row in dataset]
    for i in range(len(dataset[0]) - 1):
        str_to_float(dataset, i)
    lookup = str_to_int(dataset, len(dataset[0]) - 1)
    minmax = dataset_minmax(dataset)
    normalize_dataset(dataset, minmax)
    return header, names, dataset, lookup


def grid(dataset, folds, l_rates, epochs, n_hidden=5):
    """Mean accuracy for every (n_folds, l_rate, n_epoch), each from seed(1); returns cells with their fold scores."""
    cells = []
    for n_folds in folds:
        for l_rate in l_rates:
            for n_epoch in epochs:
                seed(1)
                scores = evaluate_algorithm(dataset, back_propagation, n_folds, l_rate, n_epoch, n_hidden)
                cells.append({"nFolds": n_folds, "lRate": l_rate, "nEpoch": n_epoch, "scores": scores,
                              "mean": sum(scores) / float(len(scores))})
    return cells


def bench_run(task):
    """The bench workload: a part of the notebook's grid on the zoo; seconds and each cell's correct count."""
    _, _, dataset, _ = load_zoo()
    t0 = time.perf_counter()
    cells = grid(dataset, task["folds"], task["lrates"], task["epochs"])
    seconds = time.perf_counter() - t0
    return seconds, {"meanOfMeans": sum(c["mean"] for c in cells) / len(cells)}
