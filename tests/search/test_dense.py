import numpy as np

from auroranet.search.dense import IvfIndex, exact_masked, top_k


def _vectors(n=3000, dim=32, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((20, dim))
    v = centres[rng.integers(0, 20, n)] + 0.3 * rng.standard_normal((n, dim))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def test_top_k_masks_orders_and_breaks_ties_by_index():
    s = np.array([0.5, 0.75, 0.5, 0.25], dtype=np.float32)
    assert top_k(s, None, 3) == [(1, 0.75), (0, 0.5), (2, 0.5)]
    assert top_k(s, np.array([True, False, True, True]), 10) == [(0, 0.5), (2, 0.5), (3, 0.25)]
    assert top_k(s, np.zeros(4, dtype=bool), 3) == []


def test_exact_masked_equals_full_scan():
    v = _vectors()
    q = v[17]
    mask = np.zeros(len(v), dtype=bool)
    mask[::50] = True  # narrow: scored on the admitted rows only
    full = top_k(v @ q, mask, 10)
    assert exact_masked(v, q, mask, 10) == full


def test_ivf_recall_close_to_exact_and_respects_mask():
    v = _vectors()
    ivf = IvfIndex.build(v, sample=3000)
    recalls = []
    mask = np.ones(len(v), dtype=bool)
    mask[::3] = False
    for qi in range(0, 300, 10):
        exact = {d for d, _ in top_k(v @ v[qi], mask, 10)}
        got = ivf.search(v, v[qi], mask, 10)
        assert got is not None and all(mask[d] for d, _ in got)
        recalls.append(len(exact & {d for d, _ in got}) / 10)
    assert np.mean(recalls) >= 0.9
    narrow = np.zeros(len(v), dtype=bool)
    narrow[:5] = True
    assert ivf.search(v, v[0], narrow, 10) is None  # narrow filter → caller scans exactly
