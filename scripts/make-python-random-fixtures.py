#!/usr/bin/python3
"""Write test/fixtures/python-random.json: reference draws from CPython's own `random` module.

Run with CPython 3.11 (standard library only):  /usr/bin/python3 scripts/make-python-random-fixtures.py
test/python-random.test.ts replays every case with PythonRandom and compares exactly.

Each case is a seed plus a list of steps run in order on ONE generator, so a case with
several steps also checks that the stream stays aligned between calls. Seeds are strings
(JSON numbers cannot carry 12345678901234567). A step is {"op", "args", "values"} plus
"count" when the call is repeated; ops, with args as in Python:
  random(), randrange(start[, stop[, step]]), randint(a, b), getrandbits(k) [values as
  decimal strings when k > 53], shuffle(n) [shuffles list(range(n))], choice(seq),
  sample(n, k) [from range(n)], uniform(a, b), gauss(mu, sigma), normalvariate(mu, sigma),
  seed(s) [reseeds mid-case; no values].

gauss calls glibc's cos, sin and log, which round correctly in all but ~0.1% of arguments;
the library's are correctly rounded everywhere. Where the two differ, a gauss step also has
"correctlyRounded": {index: value}, the value CPython's formula gives with correctly rounded
cos, sin and log (computed here with decimal), and the test expects that value there.
"""
import json
import math
import os
import random
import sys
from decimal import Decimal, localcontext

TWOPI = 2.0 * math.pi
SEEDS = [0, 1, 42, 2**32 - 1, 2**32, 2**40 + 7, 12345678901234567]
RANDRANGE_NS = [2, 3, 10, 100, 1000, 2**31 + 1, 2**32]
LETTERS = "abcdefghij"


def per_seed_cases(s):
    return [
        (f"seed {s}: random() x1000, then randrange(n) x1000 for n in {RANDRANGE_NS}", s,
         [("random", [], 1000)] + [("randrange", [n], 1000) for n in RANDRANGE_NS]),
        (f"seed {s}: randint, shuffle, choice, uniform, sample", s, [
            ("randint", [1, 6], 200),
            ("randint", [-1000, 1000], 100),
            ("shuffle", [20]),
            ("choice", [LETTERS], 100),
            ("choice", [[2.5, -1, 7, 1000]], 20),
            ("uniform", [-2.5, 7.0], 100),
            ("sample", [100, 10]),
            ("sample", [20, 5]),
        ]),
        # An odd count leaves a cached partner; random() must not consume it, the next gauss must.
        (f"seed {s}: gauss x201, random() x2, gauss x3", s,
         [("gauss", [0.0, 1.0], 201), ("random", [], 2), ("gauss", [2.5, 0.5], 3)]),
        (f"seed {s}: normalvariate x300, random() x2", s,
         [("normalvariate", [0.0, 1.0], 300), ("random", [], 2)]),
    ]


CASES = [case for s in SEEDS for case in per_seed_cases(s)] + [
    ("randrange with start, stop and step", 2024, [
        ("randrange", [5, 15], 50),
        ("randrange", [-10, 10, 3], 50),
        ("randrange", [10, -10, -3], 50),
        ("randrange", [0, 2**32, 7], 50),
        ("randrange", [-(2**52), 2**52 - 1], 20),
        ("randrange", [2**53 - 1], 50),
        ("randrange", [-(2**53 - 1), 2**53 - 1, 3], 20),
        ("randrange", [1], 5),
        ("randrange", [7, 8], 3),
        ("randrange", [0, 100, 200], 3),
        ("randrange", [2**40], 20),
    ]),
    ("randint edges", 99, [
        ("randint", [5, 5], 3),
        ("randint", [0, 2**32], 20),
        ("randint", [-(2**31), 2**31 - 1], 20),
        ("randint", [0, 1], 30),
    ]),
    ("getrandbits for k from 0 to 128", 3, [("getrandbits", [k], 10) for k in (0, 1, 7, 31, 32, 33, 52, 53, 64, 100, 128)]),
    # random.py keeps a pool when n <= setsize (21, plus 4^ceil(log4(3k)) for k > 5), else a set.
    ("sample, both strategies", 11, [
        ("sample", [10, 10]),
        ("sample", [21, 3]),
        ("sample", [22, 3]),
        ("sample", [27, 6]),
        ("sample", [200, 60]),
        ("sample", [1000, 50]),
        ("sample", [5, 0]),
    ]),
    ("interleaved methods on one generator, reseeded midway", 7, [
        ("random", [], 3),
        ("randrange", [100], 5),
        ("gauss", [0.0, 1.0], 1),
        ("shuffle", [10]),
        ("choice", [LETTERS], 3),
        ("randint", [1, 6], 4),
        ("gauss", [0.0, 1.0], 1),
        ("normalvariate", [0.0, 1.0], 2),
        ("uniform", [0.0, 10.0], 2),
        ("getrandbits", [40], 2),
        ("gauss", [0.0, 1.0], 1),
        # seed() drops the cached gauss partner, so this gauss starts a new pair.
        ("seed", ["7"]),
        ("gauss", [0.0, 1.0], 2),
        ("sample", [50, 5]),
        ("getrandbits", [70], 1),
        ("random", [], 2),
    ]),
    ("negative seed -5 is seed 5", -5, [("random", [], 5)]),
    ("negative seed -(2**40 + 7)", -(2**40 + 7), [("random", [], 5)]),
    ("seed 2**64 + 1, three words", 2**64 + 1, [("random", [], 10)]),
    ("seed 2**100 + 12345, four words", 2**100 + 12345, [("random", [], 10)]),
]


# ---- correctly rounded cos, sin, log with decimal, to tell glibc's rare misroundings apart ----

def cr_sin_cos(x):
    """sin(x), cos(x) for 0 <= x < 2*pi: Taylor series at 60 digits, then float() rounds correctly."""
    with localcontext() as ctx:
        ctx.prec = 60
        d = Decimal(x)
        t = d * d
        tiny = Decimal(10) ** -65
        s = term = d
        k = 1
        while abs(term) > tiny:
            term = -term * t / ((2 * k) * (2 * k + 1))
            s += term
            k += 1
        c = term = Decimal(1)
        k = 1
        while abs(term) > tiny:
            term = -term * t / ((2 * k - 1) * (2 * k))
            c += term
            k += 1
        return float(s), float(c)


def cr_log(x):
    with localcontext() as ctx:
        ctx.prec = 60
        return float(Decimal(x).ln())


class Tracked:
    """A random.Random plus, for gauss, the pair CPython's formula gives with correctly rounded cos, sin and log."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.pending = None  # the correctly rounded partner of a cached gauss value

    def gauss(self, mu, sigma):
        r = self.r
        if r.gauss_next is None:
            # Peek at the two uniforms this gauss call will draw.
            state = r.getstate()
            u1, u2 = r.random(), r.random()
            r.setstate(state)
            x2pi = u1 * TWOPI
            sin_cr, cos_cr = cr_sin_cos(x2pi)
            g2rad_cr = math.sqrt(-2.0 * cr_log(1.0 - u2))
            z_cr, self.pending = cos_cr * g2rad_cr, sin_cr * g2rad_cr
            value = r.gauss(mu, sigma)
            # The formula replayed with glibc's functions must be CPython's gauss exactly.
            g2rad = math.sqrt(-2.0 * math.log(1.0 - u2))
            assert value == mu + math.cos(x2pi) * g2rad * sigma and r.gauss_next == math.sin(x2pi) * g2rad
        else:
            z_cr, self.pending = self.pending, None
            value = r.gauss(mu, sigma)
        return value, mu + z_cr * sigma

    def normalvariate(self, mu, sigma):
        # Replay the rejection loop on a copy: a misrounded log must not flip any accept/reject.
        copy = random.Random()
        copy.setstate(self.r.getstate())
        while True:
            u1 = copy.random()
            u2 = 1.0 - copy.random()
            z = random.NV_MAGICCONST * (u1 - 0.5) / u2
            zz = z * z / 4.0
            accept = zz <= -math.log(u2)
            assert accept == (zz <= -cr_log(u2)), "a misrounded log changed normalvariate's choice"
            if accept:
                break
        value = self.r.normalvariate(mu, sigma)
        assert value == mu + z * sigma
        return value

    def reseed(self, seed):
        self.r.seed(seed)
        self.pending = None


def run(g, op, args, count):
    r = g.r
    if op == "random":
        return [r.random() for _ in range(count)], None
    if op == "randrange":
        return [r.randrange(*args) for _ in range(count)], None
    if op == "randint":
        return [r.randint(*args) for _ in range(count)], None
    if op == "getrandbits":
        values = [r.getrandbits(*args) for _ in range(count)]
        return (values if args[0] <= 53 else [str(v) for v in values]), None
    if op == "shuffle":
        x = list(range(args[0]))
        r.shuffle(x)
        return x, None
    if op == "choice":
        return [r.choice(args[0]) for _ in range(count)], None
    if op == "sample":
        return r.sample(range(args[0]), args[1]), None
    if op == "uniform":
        return [r.uniform(*args) for _ in range(count)], None
    if op == "normalvariate":
        return [g.normalvariate(*args) for _ in range(count)], None
    if op == "gauss":
        pairs = [g.gauss(*args) for _ in range(count)]
        values = [v for v, _ in pairs]
        fixes = {str(i): cr for i, (v, cr) in enumerate(pairs) if cr != v}
        return values, fixes
    raise ValueError(op)


def main():
    cases = []
    misrounded = total_gauss = 0
    for name, seed, steps in CASES:
        g = Tracked(seed)
        out = []
        for step in steps:
            op, args = step[0], step[1]
            if op == "seed":
                g.reseed(int(args[0]))
                out.append({"op": op, "args": args})
                continue
            count = step[2] if len(step) > 2 else None
            values, fixes = run(g, op, args, count or 1)
            entry = {"op": op, "args": args}
            if count is not None:
                entry["count"] = count
            entry["values"] = values
            if op == "gauss":
                total_gauss += len(values)
                misrounded += len(fixes)
                if fixes:
                    entry["correctlyRounded"] = fixes
            out.append(entry)
        cases.append({"name": name, "seed": str(seed), "steps": out})

    # The module-level functions are one Random instance: random.seed(1) is Random(1).
    random.seed(1)
    assert [random.random() for _ in range(3)] == [0.13436424411240122, 0.8474337369372327, 0.763774618976614]
    assert random.Random(-5).random() == random.Random(5).random()

    version = "CPython " + sys.version.split()[0]
    doc = {"generator": f"scripts/make-python-random-fixtures.py, {version} random.Random", "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "python-random.json")
    # One case per line: readable diffs without a 20000-line file.
    lines = [f' "generator": {json.dumps(doc["generator"])},', ' "cases": [']
    lines += ["  " + json.dumps(c) + ("," if i < len(cases) - 1 else "") for i, c in enumerate(cases)]
    lines += [" ]", "}"]
    # Written beside it, then renamed over it: a killed run leaves the committed fixture whole.
    with open(path + ".partial", "w") as f:
        f.write("{\n" + "\n".join(lines) + "\n")
    os.replace(path + ".partial", path)
    print(f"wrote {os.path.normpath(os.path.relpath(path))}: {len(cases)} cases, {os.path.getsize(path)} bytes; "
          f"glibc misrounds {misrounded} of {total_gauss} gauss values")


if __name__ == "__main__":
    main()
