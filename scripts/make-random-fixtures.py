#!/usr/bin/python3
"""Write test/fixtures/numpy-random.json: reference draws from numpy's legacy RandomState.

Run with Debian's interpreter, which has numpy:  /usr/bin/python3 scripts/make-random-fixtures.py
test/random.test.ts replays every case with Rng.numpy(seed) and compares exactly.

Each case is a seed plus a list of steps run in order on ONE generator, so a case with
several steps also checks that the stream stays aligned between calls.
Step ops (args as in numpy): normal(loc, scale, size), uniform(low, high, size),
random_sample(size), randn(size), randint(low, high, size), permutation(n) [optional
"take": keep only the first values], choice(n, size, replace).
"""
import json
import os

import numpy as np

CASES = [
    ("normal(0, 0.01, 3), the course's first weights", 1, [("normal", [0, 0.01, 3])]),
    *[(f"random_sample(5), seed {s}", s, [("random_sample", [5])]) for s in (0, 1, 42, 2**32 - 1)],
    # Odd count: the 7th value leaves a cached normal behind; random_sample must not see it.
    ("randn(7) then random_sample(2)", 3, [("randn", [7]), ("random_sample", [2])]),
    ("randint(0, 10, 20)", 0, [("randint", [0, 10, 20])]),
    ("randint(0, 60000, 10), a mini-batch", 42, [("randint", [0, 60000, 10])]),
    ("randint(-5, 5, 10)", 5, [("randint", [-5, 5, 10])]),
    ("randint(0, 2**32, 3), full 32-bit range", 6, [("randint", [0, 2**32, 3])]),
    ("randint(0, 1, 3) draws nothing", 8, [("randint", [0, 1, 3]), ("random_sample", [1])]),
    ("permutation(10)", 0, [("permutation", [10])]),
    ("permutation(1000), first 20", 1, [("permutation", [1000], 20)]),
    ("choice(60000, 10)", 2, [("choice", [60000, 10, True])]),
    ("choice(10, 5, replace=False)", 3, [("choice", [10, 5, False])]),
    ("mixed sequence stays aligned", 7, [
        ("normal", [0, 1, 3]),
        ("randint", [0, 100, 4]),
        ("permutation", [8]),
        ("normal", [2, 0.5, 3]),
    ]),
    ("uniform(-1, 1, 5)", 4, [("uniform", [-1, 1, 5])]),
    # Many normals: checks the polar method (log, sqrt) matches numpy bit for bit.
    ("randn(1000)", 11, [("randn", [1000])]),
]


def run(rs, op, args):
    if op == "normal":
        return rs.normal(*args)
    if op == "uniform":
        return rs.uniform(*args)
    if op == "random_sample":
        return rs.random_sample(*args)
    if op == "randn":
        return rs.randn(*args)
    if op == "randint":
        return rs.randint(*args, dtype=np.int64)
    if op == "permutation":
        return rs.permutation(*args)
    if op == "choice":
        n, size, replace = args
        return rs.choice(n, size, replace=replace)
    raise ValueError(op)


def main():
    cases = []
    for name, seed, steps in CASES:
        rs = np.random.RandomState(seed)
        out = []
        for step in steps:
            op, args = step[0], step[1]
            values = run(rs, op, args).tolist()  # Python floats/ints: json writes floats with repr precision
            entry = {"op": op, "args": args, "values": values}
            if len(step) > 2:
                entry["take"] = step[2]
                entry["values"] = values[: step[2]]
            out.append(entry)
        cases.append({"name": name, "seed": seed, "steps": out})

    # np.random.seed(s) and RandomState(s) must be the same stream.
    np.random.seed(1)
    assert np.random.normal(0, 0.01, 3).tolist() == cases[0]["steps"][0]["values"]
    assert cases[0]["steps"][0]["values"] == [0.01624345363663242, -0.006117564136500754, -0.005281717522634557]

    doc = {"generator": f"scripts/make-random-fixtures.py, numpy {np.__version__} legacy RandomState", "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "numpy-random.json")
    # One case per line: readable diffs without a 2000-line file.
    lines = [f' "generator": {json.dumps(doc["generator"])},', ' "cases": [']
    lines += ["  " + json.dumps(c) + ("," if i < len(cases) - 1 else "") for i, c in enumerate(cases)]
    lines += [" ]", "}"]
    with open(path, "w") as f:
        f.write("{\n" + "\n".join(lines) + "\n")
    print(f"wrote {os.path.normpath(path)}: {len(cases)} cases")


if __name__ == "__main__":
    main()
