#!/usr/bin/python3
"""Write test/fixtures/list-of-neurons.json: post 004's network of neuron dictionaries, run by CPython.

Run with any CPython 3.8-3.11 (standard library only):  python3 scripts/make-list-of-neurons-fixtures.py
test/list-of-neurons.test.ts replays the same runs with the library's port
(lib/src/models/list-of-neurons.ts) on the CPython-compatible random stream.

The post's functions are in bench/list_of_neurons.py (the bench's CPython side runs
the same code).
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from list_of_neurons import initialize_network, predict, seed, train_network  # noqa: E402

DATASET = [[2.7810836, 2.550537003, 0],
           [1.465489372, 2.362125076, 0],
           [3.396561688, 4.400293529, 0],
           [1.38807019, 1.850220317, 0],
           [3.06407232, 3.005305973, 0],
           [7.627531214, 2.759262235, 1],
           [5.332441248, 2.088626775, 1],
           [6.922596716, 1.77106367, 1],
           [8.675418651, -0.242068655, 1],
           [7.673756466, 3.508563011, 1]]


def post_run():
    seed(1)
    n_inputs = len(DATASET[0]) - 1
    n_outputs = len(set([row[-1] for row in DATASET]))
    network = initialize_network(n_inputs, 2, n_outputs)
    initial = [[list(n["weights"]) for n in layer] for layer in network]
    lines, history = [], []
    train_network(network, DATASET, 0.5, 20, n_outputs, lines, history)
    printed = [repr(layer) for layer in network]
    # Before the predictions, which overwrite every neuron's output.
    trained = [[{"weights": list(n["weights"]), "output": n["output"], "delta": n["delta"]} for n in layer]
               for layer in network]
    predictions = []
    for row in DATASET:
        prediction = predict(network, row)
        predictions.append("Expected:%d, Got=%d" % (row[-1], prediction))
    return {
        "initialWeights": initial,
        "epochLines": lines,
        "history": history,
        "printedLayers": printed,
        "trained": trained,
        "predictionLines": predictions,
    }


def seed_study(seeds, epochs):
    """For each seed and epoch count, a fresh run: how many of the ten rows it gets right, and its last error."""
    out = {}
    for n_epoch in epochs:
        rows = []
        for s in seeds:
            seed(s)
            network = initialize_network(2, 2, 2)
            last = train_network(network, DATASET, 0.5, n_epoch, 2)
            correct = sum(1 for row in DATASET if predict(network, row) == row[-1])
            rows.append({"seed": s, "correct": correct, "error": last})
        out[str(n_epoch)] = rows
    return out


def main():
    fixture = {
        "about": "post 004's list-of-neurons network run by CPython; written by scripts/make-list-of-neurons-fixtures.py",
        "dataset": DATASET,
        "post": post_run(),
        "seedStudy": seed_study(range(1, 201), (20, 50, 100)),
    }
    path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "list-of-neurons.json")
    with open(path + ".partial", "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    os.replace(path + ".partial", path)
    print("wrote", os.path.relpath(path))


if __name__ == "__main__":
    main()
