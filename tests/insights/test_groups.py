"""Reference groups: found in demo-like data, only groups of at least k, noisy figures, nothing for too
few contributions."""

from __future__ import annotations

import random

from auroranet.insights.groups import reference_groups
from auroranet.insights.models import Contribution
from auroranet.insights.privacy import K
from auroranet.vocab import METER_KEYS


def _rows(n: int, low: tuple[str, ...], seed: int) -> list[Contribution]:
    rng = random.Random(seed)
    return [Contribution(id=f"{seed}-{i}", answers={m: (rng.randint(0, 3) if m in low else rng.randint(7, 10))
                                                     for m in METER_KEYS}, lang="fi", demo=True) for i in range(n)]


def test_groups_follow_the_profiles_and_respect_k() -> None:
    rows = _rows(120, ("housing", "finance"), 1) + _rows(120, ("health", "friends"), 2) + _rows(4, ("family",), 3)
    groups = reference_groups(rows, epsilon=200.0)  # little noise: this test is about the grouping
    assert 2 <= len(groups) <= 5
    assert all(g["size"]["value"] is not None and g["size"]["value"] >= K - 2 for g in groups)
    lows = [{m for m, f in g["means"].items() if f["value"] is not None and f["value"] < 5} for g in groups]
    assert any({"housing", "finance"} <= s for s in lows) and any({"health", "friends"} <= s for s in lows)
    assert not any("family" in s for s in lows)  # the four odd people form no group of their own


def test_too_few_contributions_give_no_groups() -> None:
    assert reference_groups(_rows(2 * K - 1, ("health",), 4), epsilon=4.0) == []
