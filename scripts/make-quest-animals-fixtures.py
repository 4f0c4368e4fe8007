#!/usr/bin/python3
"""Write test/fixtures/quest-animals.json: post 004's Quest (animals, data/zoo.csv), run by CPython.

Run with CPython 3.11 (standard library only):  /usr/bin/python3 scripts/make-quest-animals-fixtures.py
It takes a few minutes (the grid of chapter 13 is about 7 million row updates in pure Python).
test/quest-animals.test.ts and notebooks/13_quest_animals.ipynb replay the same runs with the
library's port (lib/src/models/quest-animals.ts) on the CPython-compatible random stream.

The quest's functions are in bench/quest_animals.py, the network's in bench/list_of_neurons.py
(the bench's CPython side runs the same code). What is recorded:
- the class numbering of the post's str_to_int (set order) under several PYTHONHASHSEED values,
  and the post's configuration's fold scores under three of them;
- the post's configuration (seed(1), 5 folds, l_rate 0.3, 500 epochs, 5 hidden) with the sorted
  numbering: its printed lines, fold scores, the rows of each fold and the predictions;
- what the hint's `return prediction` does: the exception evaluate_algorithm stops with;
- the grid of step 5 (full and ci profiles) and step 6's mini-batch training on the first fold.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "bench"))
import quest_animals as q  # noqa: E402
from list_of_neurons import initialize_network, predict, seed  # noqa: E402

N_FOLDS, L_RATE, N_EPOCH, N_HIDDEN = 5, 0.3, 500, 5
# The notebook's grid (profile full) and its short version (profile ci).
GRID = {"full": ([3, 5, 10], [0.1, 0.3, 1.0], [100, 500, 1000]), "ci": ([3, 5, 10], [0.1, 0.3, 1.0], [10, 20, 50])}
HASH_SEEDS = [0, 1, 2, 3, 4, 5]
SCORED_HASH_SEEDS = [0, 1, 2]

# Run in a fresh interpreter with the given hash seed: the post's str_to_int numbering, and optionally its scores.
CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import quest_animals as q
from random import seed
dataset = q.load_csv(q.ZOO_CSV)
dataset.pop(0)
for row in dataset:
    row.pop(0)
for i in range(len(dataset[0]) - 1):
    q.str_to_float(dataset, i)
lookup = q.str_to_int_set_order(dataset, len(dataset[0]) - 1)
out = {"lookup": list(lookup.items())}
if sys.argv[2] == "score":
    q.normalize_dataset(dataset, q.dataset_minmax(dataset))
    seed(1)
    out["scores"] = q.evaluate_algorithm(dataset, q.back_propagation, %d, %r, %d, %d)
print(json.dumps(out))
""" % (N_FOLDS, L_RATE, N_EPOCH, N_HIDDEN)


def set_order(hash_seed, score):
    env = dict(os.environ, PYTHONHASHSEED=str(hash_seed))
    out = subprocess.run([sys.executable, "-c", CHILD, os.path.join(HERE, "..", "bench"), "score" if score else "lookup"],
                         env=env, check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    result["hashSeed"] = hash_seed
    return result


def post_run(dataset):
    seed(1)
    details = []
    scores = q.evaluate_algorithm(dataset, q.back_propagation, N_FOLDS, L_RATE, N_EPOCH, N_HIDDEN, details=details)
    mean = sum(scores) / float(len(scores))
    return {
        "nFolds": N_FOLDS, "lRate": L_RATE, "nEpoch": N_EPOCH, "nHidden": N_HIDDEN,
        "scores": scores, "mean": mean,
        "lines": ["Scores: %s" % scores, "Mean Accuracy: %.3f%%" % mean],
        "folds": details,
    }


def as_posted(dataset):
    seed(1)
    try:
        q.evaluate_algorithm(dataset, q.back_propagation_as_posted, N_FOLDS, L_RATE, N_EPOCH, N_HIDDEN)
    except Exception as e:  # the fixture records what the post's code stops with
        return "%s: %s" % (type(e).__name__, e)
    return None


def batch_runs(dataset, n_epoch=100):
    """The first fold of seed(1)'s 5-fold split as test, the rest as train; one initial network, three batch sizes."""
    seed(1)
    folds = q.cross_validation_split(dataset, N_FOLDS)
    train = sum(folds[1:], [])
    test = folds[0]
    n_outputs = len(set(row[-1] for row in train))
    initial = initialize_network(len(train[0]) - 1, N_HIDDEN, n_outputs)
    runs = []
    for batch_size in (1, 10, len(train)):
        network = [[{"weights": list(n["weights"])} for n in layer] for layer in initial]
        q.train_network_batch(network, train, L_RATE, n_epoch, n_outputs, batch_size)
        runs.append({
            "batchSize": batch_size,
            "weights": [[n["weights"] for n in layer] for layer in network],
            "predicted": [predict(network, row) for row in test],
        })
    return {"nEpoch": n_epoch, "lRate": L_RATE, "nHidden": N_HIDDEN, "runs": runs}


def main():
    header, names, dataset, lookup = q.load_zoo()
    fixture = {
        "about": "post 004's Quest on data/zoo.csv run by CPython; written by scripts/make-quest-animals-fixtures.py",
        "python": sys.version.split()[0],
        "lookup": list(lookup.items()),
        "setOrder": [set_order(h, h in SCORED_HASH_SEEDS) for h in HASH_SEEDS],
        "post": post_run(dataset),
        "asPosted": as_posted(dataset),
        "batch": batch_runs(dataset),
        "grid": {name: q.grid(dataset, *axes, n_hidden=N_HIDDEN) for name, axes in GRID.items()},
    }
    path = os.path.join(HERE, "..", "test", "fixtures", "quest-animals.json")
    with open(path + ".partial", "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    os.replace(path + ".partial", path)
    print("wrote", os.path.relpath(path))


if __name__ == "__main__":
    main()
