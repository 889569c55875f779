"""Formal privacy for published figures: k-anonymity with complementary suppression, then differential
privacy (OpenDP) on what is shown. Pure functions; the budget ledger is in ``budget.py``.

    hidden = protect(cells, constraints)             # never a figure about fewer than K people
    shown = noisy_count(true_count, epsilon=0.05)    # discrete Laplace, with a 95 % interval

Suppression works on *additive constraints*: a published total and the parts that sum to it (an area and
its age bands, a county and its municipalities, the country and its counties). A part under K is hidden
(primary suppression). A constraint with exactly one unknown would give it away by subtraction (the total
minus the visible parts, or a county minus its other municipalities), so a second cell is hidden
(complementary suppression), and more until the hidden parts of a constraint together describe at least
K people, so the subtraction teaches an attacker only "these hidden cells hold at least K people". The
loop runs until no constraint changes, so overlapping constraints (rows and columns, area levels) are
protected together. The noise is the second layer: even two published figures that differ by one person
are both noisy, so their difference says little about that person (ε per figure, see docs/insights.md).
"""

from __future__ import annotations

import math
from functools import lru_cache
from types import ModuleType
from dataclasses import dataclass
from typing import Any, Hashable, Iterable, Mapping, Sequence

K = 10
ALPHA = 0.05  # intervals are 95 %

Cell = Hashable


@dataclass(frozen=True)
class Constraint:
    """``total`` equals the sum of ``parts`` (every key a cell of the table)."""

    total: Hashable
    parts: tuple[Hashable, ...]


def protect(cells: Mapping[Cell, int], constraints: Iterable[Constraint], k: int = K) -> set[Cell]:
    """The cells to hide: every cell under ``k`` and enough others that no constraint reveals one."""
    hidden: set[Cell] = {c for c, v in cells.items() if v < k}
    cons = [c for c in constraints if c.total in cells and all(p in cells for p in c.parts)]
    changed = True
    while changed:
        changed = False
        for con in cons:
            unknown = [c for c in (con.total, *con.parts) if c in hidden]
            if not unknown:
                continue
            hidden_parts = [p for p in con.parts if p in hidden]
            if len(unknown) >= 2 and (con.total in hidden or sum(cells[p] for p in hidden_parts) >= k):
                continue
            visible = sorted((p for p in con.parts if p not in hidden), key=lambda p: (cells[p], str(p)))
            if visible:
                hidden.add(visible[0])
            elif con.total not in hidden:
                hidden.add(con.total)
            else:
                continue
            changed = True
    return hidden


def revealed_by_subtraction(cells: Mapping[Cell, int], constraints: Iterable[Constraint],
                            hidden: set[Cell]) -> dict[Cell, int]:
    """An attacker's view: the hidden cells that one constraint pins down (total minus visible parts, or
    the sum of visible parts as a hidden total). Used by tests and the ethics report as an audit."""
    out: dict[Cell, int] = {}
    for con in constraints:
        keys = (con.total, *con.parts)
        unknown = [c for c in keys if c in hidden]
        if len(unknown) != 1:
            continue
        u = unknown[0]
        if u == con.total:
            out[u] = sum(cells[p] for p in con.parts)
        else:
            out[u] = cells[con.total] - sum(cells[p] for p in con.parts if p != u)
    return out


@dataclass(frozen=True)
class Noisy:
    """A published figure: the noisy value and its 95 % interval; ``None`` when suppressed."""

    value: float | None
    low: float | None = None
    high: float | None = None
    epsilon: float = 0.0

    @property
    def shown(self) -> bool:
        return self.value is not None


SUPPRESSED = Noisy(None)


def _dp() -> ModuleType:
    import opendp.prelude as dp

    dp.enable_features("contrib")
    return dp


@lru_cache(maxsize=64)
def _int_laplace(scale: float) -> Any:
    """OpenDP's discrete Laplace measurement at ``scale`` (built once per scale: building is the slow part)."""
    dp = _dp()
    meas = dp.m.make_laplace(dp.atom_domain(T=int), dp.absolute_distance(T=int), scale=scale)
    assert meas.map(1) <= 1.0 / scale + 1e-12  # OpenDP's own privacy map: ε = 1/scale for a count
    return meas


@lru_cache(maxsize=64)
def _accuracy(scale: float, *, discrete: bool) -> float:
    """Half-width of the 95 % interval of Laplace noise at ``scale`` (OpenDP's accuracy functions)."""
    from opendp.accuracy import discrete_laplacian_scale_to_accuracy, laplacian_scale_to_accuracy

    f = discrete_laplacian_scale_to_accuracy if discrete else laplacian_scale_to_accuracy
    return float(f(scale, ALPHA))


@lru_cache(maxsize=64)
def _float_laplace(scale: float) -> Any:
    dp = _dp()
    return dp.m.make_laplace(dp.atom_domain(T=float, nan=False), dp.absolute_distance(T=float), scale=scale)


def count_scale(epsilon: float) -> float:
    """Discrete Laplace scale for a count (one person changes it by at most 1)."""
    if not epsilon > 0:
        raise ValueError("epsilon must be positive")
    return 1.0 / epsilon


def noisy_count(true: int, *, epsilon: float, k: int = K) -> Noisy:
    """A count with discrete Laplace noise (OpenDP ``make_laplace`` over integers); under ``k``: hidden."""
    if true < k:
        return SUPPRESSED
    scale = count_scale(epsilon)
    meas = _int_laplace(scale)
    value = max(0, int(meas(int(true))))
    acc = _accuracy(scale, discrete=True)
    return Noisy(float(value), max(0.0, value - acc), value + acc, epsilon)


def noisy_mean(values: Sequence[float], *, lower: float, upper: float, epsilon: float, k: int = K) -> Noisy:
    """A bounded mean: values clamped to [lower, upper], half the budget on a Laplace sum and half on a
    discrete Laplace count; the interval combines both 95 % accuracies. Under ``k`` values: hidden."""
    if len(values) < k:
        return SUPPRESSED
    half = epsilon / 2
    bound = max(abs(lower), abs(upper))
    s_scale = bound / half
    clamped = [min(upper, max(lower, float(v))) for v in values]
    sum_meas = _float_laplace(s_scale)
    assert sum_meas.map(bound) <= half + 1e-9
    noisy_sum = float(sum_meas(math.fsum(clamped)))
    c_scale = 1.0 / half
    cnt = _int_laplace(c_scale)
    noisy_n = max(1, int(cnt(len(clamped))))
    a_s = _accuracy(s_scale, discrete=False)
    a_c = _accuracy(c_scale, discrete=True)
    mean = min(upper, max(lower, noisy_sum / noisy_n))
    lo = min(upper, max(lower, (noisy_sum - a_s) / (noisy_n + a_c)))
    hi = min(upper, max(lower, (noisy_sum + a_s) / max(1.0, noisy_n - a_c)))
    return Noisy(round(mean, 2), round(min(lo, mean), 2), round(max(hi, mean), 2), epsilon)
