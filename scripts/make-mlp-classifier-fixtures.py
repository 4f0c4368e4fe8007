#!/usr/bin/python3
"""Write test/fixtures/mlp-classifier-digits.json and test/fixtures/mlp-classifier-small.json:
post 004 §4.4's MLPClassifier run in scikit-learn 1.2.1.

Usage (Debian's interpreter, which has numpy and scikit-learn 1.2.1):
    /usr/bin/python3 scripts/make-mlp-classifier-fixtures.py [fixtures folder]
test/mlp-classifier.test.ts replays every case with the library's MLPClassifier and
trainTestSplit. The data is load_digits() / 16; its CSV is the project's data/digits.csv.gz.

mlp-classifier-digits.json: the post's settings on the split of train_test_split(...,
test_size=0.1, random_state=0) (the post gives no random_state; 0 pins one), with the
split's indices, the initial weights as scikit-learn drew them, every 100th value of
loss_curve_ and the last, and the scores; then the test score for split seeds 0-9.
mlp-classifier-small.json: tiny configurations whose every weight after one to three
epochs is recorded, to check the first steps, the shuffle and the optimizer exactly.
"""
import json
import os
import re
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

# The post's MLPClassifier(...) call, in scikit-learn's names.
POST = dict(solver='sgd', learning_rate_init=0.1, alpha=0, batch_size=1617, activation='logistic',
            random_state=10, max_iter=2000, hidden_layer_sizes=100, momentum=0)


class RecordedMLP(MLPClassifier):
    """MLPClassifier keeping each layer's weights as _init_coef drew them (the same class
    otherwise: fit, the stream and everything after are scikit-learn's own)."""

    def _init_coef(self, fan_in, fan_out, dtype):
        coef, intercept = super()._init_coef(fan_in, fan_out, dtype)
        if not hasattr(self, 'initial_'):
            self.initial_ = []
        self.initial_.append((coef.copy(), intercept.copy()))
        return coef, intercept


def fit(options, X, y):
    """Fit, timing it and keeping the warnings scikit-learn gives (it does not raise)."""
    mlp = RecordedMLP(**options)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        start = time.perf_counter()
        mlp.fit(X, y)
        seconds = time.perf_counter() - start
    return mlp, [str(w.message) for w in caught], seconds


def floats(a):
    return [float(v) for v in np.ravel(a)]


def initial_summary(mlp):
    """First values and sums of each layer's initial coef and intercept."""
    return [{'coef_shape': list(c.shape), 'coef_first': floats(c.ravel()[:6]), 'coef_last': float(c.ravel()[-1]),
             'coef_sum': float(np.sum(c)), 'intercept_first': floats(i[:4]), 'intercept_sum': float(np.sum(i))}
            for c, i in mlp.initial_]


def post_case(X, y):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.1, random_state=0)
    # train_test_split's indices: ShuffleSplit's permutation of RandomState(0), test first.
    perm = np.random.RandomState(0).permutation(len(X))
    n_test = int(np.ceil(0.1 * len(X)))
    assert np.array_equal(X_test, X[perm[:n_test]]) and np.array_equal(X_train, X[perm[n_test:]])
    mlp, caught, seconds = fit(POST, X_train, y_train)
    curve = mlp.loss_curve_
    every = list(range(0, len(curve), 100))
    if every[-1] != len(curve) - 1:
        every.append(len(curve) - 1)
    print('post, split seed 0: n_iter_ %d, loss_ %r, train %r, test %r, %.2f s' % (
        mlp.n_iter_, mlp.loss_, mlp.score(X_train, y_train), mlp.score(X_test, y_test), seconds))
    return {
        'split': {'random_state': 0, 'test_size': 0.1, 'n_train': len(X_train), 'n_test': len(X_test),
                  'train_index_first': [int(i) for i in perm[n_test:n_test + 20]],
                  'test_index_first': [int(i) for i in perm[:20]],
                  'test_index': [int(i) for i in perm[:n_test]]},
        'options': POST,
        'initial': initial_summary(mlp),
        'n_iter': mlp.n_iter_,
        'loss_curve_at': [{'epoch': i + 1, 'loss': float(curve[i])} for i in every],
        'loss': float(mlp.loss_),
        'best_loss': float(mlp.best_loss_),
        'warnings': caught,
        'train_score': float(mlp.score(X_train, y_train)),
        'test_score': float(mlp.score(X_test, y_test)),
        'test_proba_first_row': floats(mlp.predict_proba(X_test[:1])),
        'test_predict_first': [int(v) for v in mlp.predict(X_test[:20])],
    }


def seed_scores(X, y):
    out = []
    for seed in range(10):
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.1, random_state=seed)
        mlp, caught, seconds = fit(POST, X_train, y_train)
        out.append({'split_seed': seed, 'n_iter': mlp.n_iter_, 'loss': float(mlp.loss_),
                    'test_score': float(mlp.score(X_test, y_test))})
        print('split seed %d: n_iter_ %d, test %r, %.2f s' % (seed, mlp.n_iter_, out[-1]['test_score'], seconds))
    return out


# Tiny configurations: rows of the seed-0 training set, every weight recorded after fit.
SMALL = [
    {'name': 'the first step of the post: its settings, max_iter=1', 'rows': 1617, 'classes': None, 'full_weights': False,
     'options': dict(POST, max_iter=1)},
    {'name': 'logistic, 3 batches a epoch (25, 25, 10), nesterov momentum 0.9, alpha 1e-3, 3 epochs', 'rows': 60, 'classes': None,
     'full_weights': True,
     'options': dict(solver='sgd', hidden_layer_sizes=(5,), activation='logistic', alpha=1e-3, batch_size=25,
                     learning_rate_init=0.1, max_iter=3, momentum=0.9, nesterovs_momentum=True, random_state=3)},
    {'name': 'relu, two hidden layers, plain momentum 0.5, batch_size above n (clipped), 3 epochs', 'rows': 40, 'classes': None,
     'full_weights': True,
     'options': dict(solver='sgd', hidden_layer_sizes=(6, 4), activation='relu', alpha=0.0, batch_size=100,
                     learning_rate_init=0.05, max_iter=3, momentum=0.5, nesterovs_momentum=False, random_state=7)},
    {'name': 'tanh, no shuffle, batches of 16, 2 epochs', 'rows': 50, 'classes': None, 'full_weights': True,
     'options': dict(solver='sgd', hidden_layer_sizes=(4,), activation='tanh', alpha=1e-2, batch_size=16,
                     learning_rate_init=0.2, max_iter=2, momentum=0.0, shuffle=False, random_state=0)},
    {'name': 'identity, two classes (3 and 8: one logistic output), 4 epochs', 'rows': 300, 'classes': [3, 8], 'full_weights': True,
     'options': dict(solver='sgd', hidden_layer_sizes=(3,), activation='identity', alpha=1e-4, batch_size=20,
                     learning_rate_init=0.05, max_iter=4, momentum=0.9, random_state=1)},
    {'name': 'the no-improvement rule: tol 0.05, n_iter_no_change 2, stops early', 'rows': 200, 'classes': None, 'full_weights': False,
     'options': dict(solver='sgd', hidden_layer_sizes=(8,), activation='logistic', alpha=1e-4, batch_size=50,
                     learning_rate_init=0.5, max_iter=200, momentum=0.9, tol=0.05, n_iter_no_change=2, random_state=2)},
]


def small_cases(X, y):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.1, random_state=0)
    out = []
    for case in SMALL:
        if case['classes'] is not None:
            keep = np.isin(y_train, case['classes'])
            Xs, ys = X_train[keep][:case['rows']], y_train[keep][:case['rows']]
            Xt = X_test[np.isin(y_test, case['classes'])][:5]
        else:
            Xs, ys, Xt = X_train[:case['rows']], y_train[:case['rows']], X_test[:5]
        mlp, caught, _ = fit(case['options'], Xs, ys)
        record = {
            'name': case['name'], 'rows': len(Xs), 'classes': case['classes'], 'options': case['options'],
            'initial': initial_summary(mlp),
            'n_iter': mlp.n_iter_, 'loss_curve': floats(mlp.loss_curve_), 'loss': float(mlp.loss_),
            'best_loss': float(mlp.best_loss_), 'warnings': caught,
            'train_score': float(mlp.score(Xs, ys)),
            'proba': [floats(p) for p in mlp.predict_proba(Xt)],
            'predict': [int(v) for v in mlp.predict(Xt)],
        }
        if case['full_weights']:
            record['coefs'] = [floats(c) for c in mlp.coefs_]
            record['intercepts'] = [floats(i) for i in mlp.intercepts_]
        else:
            record['coef_sums'] = [float(np.sum(c)) for c in mlp.coefs_]
            record['coef_first'] = [floats(c.ravel()[:6]) for c in mlp.coefs_]
            record['intercept_sums'] = [float(np.sum(i)) for i in mlp.intercepts_]
        print('%s: n_iter_ %d, loss_curve_ %r, warnings %r' % (case['name'], mlp.n_iter_, mlp.loss_curve_[:4], caught))
        out.append(record)
    return out


def write(path, fixture):
    """JSON with one value per line, but lists of numbers kept on one line each."""
    text = json.dumps(fixture, indent=1)
    text = re.sub(r'\[\s+([-0-9.e,\s]+?)\s+\]', lambda m: '[' + re.sub(r',\s+', ', ', m.group(1)) + ']', text)
    # Written beside it, then renamed over it: a killed run leaves the committed fixture whole.
    with open(path + '.partial', 'w') as f:
        f.write(text + '\n')
    os.replace(path + '.partial', path)


def main():
    folder = sys.argv[1] if len(sys.argv) == 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures')
    digits = load_digits()
    X, y = digits.data / 16, digits.target
    about = {'source': 'scripts/make-mlp-classifier-fixtures.py: sklearn.neural_network.MLPClassifier',
             'data': 'load_digits().data / 16, load_digits().target', 'sklearn': sklearn.__version__, 'numpy': np.__version__}
    write(os.path.join(folder, 'mlp-classifier-small.json'), dict(about, cases=small_cases(X, y)))
    write(os.path.join(folder, 'mlp-classifier-digits.json'), dict(about, post=post_case(X, y), seeds=seed_scores(X, y)))


if __name__ == '__main__':
    main()
