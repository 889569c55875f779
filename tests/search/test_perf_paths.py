"""The latency shortcuts must give the same answers as the plain code paths."""

import numpy as np
import pytest

from auroranet.search.analysis import make_analyzer
from auroranet.search.dense import IvfIndex, top_k, top_k_of
from auroranet.search.embed import HashingEmbedder
from auroranet.search.index import build_index
from auroranet.engine.contract import ServiceFilters
from tests.search.test_index import catalogue
from tests.search.helpers import reference


def _vectors(n=4000, dim=32, seed=1):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((25, dim))
    v = centres[rng.integers(0, 25, n)] + 0.3 * rng.standard_normal((n, dim))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def test_ivf_cell_ordered_copy_gives_the_same_hits_as_gathering_rows():
    v = _vectors()
    ivf = IvfIndex.build(v, sample=4000)
    plain = IvfIndex(ivf.centroids, ivf.lists, ivf.nprobe)  # no cell-ordered copy: gathers rows
    mask = np.random.default_rng(2).random(len(v)) < 0.5
    for qi in range(0, 400, 40):
        for m in (None, mask):
            got, ref = ivf.search(v, v[qi], m, 20), plain.search(v, v[qi], m, 20)
            assert got is not None and ref is not None
            # the same documents; scores equal up to float32 summation order in BLAS
            assert [d for d, _ in got] == [d for d, _ in ref]
            assert np.allclose([s for _, s in got], [s for _, s in ref], atol=1e-6)
            if m is not None:
                assert all(m[d] for d, _ in got)


def test_top_k_of_matches_top_k_and_breaks_ties_by_doc():
    scores = np.array([0.5, 0.9, 0.5, 0.1, 0.5], dtype=np.float32)
    docs = np.array([40, 7, 3, 11, 25])
    assert top_k_of(scores, docs, 3) == [(7, float(np.float32(0.9))), (3, 0.5), (25, 0.5)]
    full = np.zeros(50, dtype=np.float32)
    full[docs] = scores
    admitted = np.zeros(50, dtype=bool)
    admitted[docs] = True
    assert top_k_of(scores, docs, 4) == top_k(full, admitted, 4)


@pytest.mark.parametrize("f", [ServiceFilters(), ServiceFilters(municipality_codes=("091",)),
                               ServiceFilters(municipality_codes=("091",), include_national_services=False)])
def test_cached_mask_equals_fresh_mask_and_is_read_only(f):
    idx = build_index(catalogue(), [], reference(), HashingEmbedder(), make_analyzer("simple"))
    first = idx.mask(f)
    assert np.array_equal(first, idx.filters.mask(f))
    assert idx.mask(f) is first  # served from the cache
    with pytest.raises(ValueError):
        first[0] = not first[0]
