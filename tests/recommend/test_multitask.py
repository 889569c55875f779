import numpy as np

from auroranet.evaluation.metrics import auc
from auroranet.recommend.multitask import multitask_logreg
from auroranet.recommend.relevance import _logreg


def _tasks(seed=0, n=300, d=12):
    """Three tasks whose positives lie along one shared direction plus a task-specific one."""
    rng = np.random.default_rng(seed)
    shared, own = rng.normal(size=d), rng.normal(size=(3, d))
    X = rng.normal(size=(n, d))
    Y = np.zeros((n, 3), bool)
    for t in range(3):
        Y[:, t] = X @ (shared + 0.5 * own[t]) + rng.normal(size=n) > 1.5
    return X.astype(np.float32), Y, shared


def test_each_task_ranks_its_positives():
    X, Y, _ = _tasks()
    W, b = multitask_logreg(X, Y)
    assert W.shape == (3, X.shape[1]) and b.shape == (3,)
    for t in range(3):
        assert auc(X @ W[t] + b[t], Y[:, t]) > 0.9


def test_without_a_shared_part_it_is_one_regression_per_task():
    X, Y, _ = _tasks(1)
    W, b = multitask_logreg(X, Y, shared_l2=1e7, own_l2=10.0)
    for t in range(3):
        w, b1 = _logreg(X, Y[:, t], l2=10.0)
        assert np.abs(W[t] - w).max() < 0.02 * np.linalg.norm(w) and abs(b[t] - b1) < 0.03


def test_a_task_with_few_positives_borrows_the_shared_direction():
    X, Y, shared = _tasks(2)
    few = Y.copy()
    few[np.flatnonzero(few[:, 2])[3:], 2] = False  # task 2 keeps three positives
    cos = lambda w: float(w @ shared / np.linalg.norm(w) / np.linalg.norm(shared))
    joint, _ = multitask_logreg(X, few)
    alone, _ = _logreg(X, few[:, 2], l2=3.0)
    assert cos(joint[2]) > cos(alone) + 0.05
