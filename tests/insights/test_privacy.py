"""Formal privacy: primary and complementary suppression (property tests), differencing attacks over
overlapping queries and areas, the OpenDP noise and its intervals."""

from __future__ import annotations

import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from auroranet.catalogue.reference import packaged
from auroranet.insights import picture
from auroranet.insights.models import Contribution
from auroranet.insights.privacy import K, Constraint, noisy_count, noisy_mean, protect, revealed_by_subtraction


def _table(rows: list[list[int]]) -> tuple[dict[tuple[int, int], int], list[Constraint]]:
    """A table with row totals (column -1), column totals (row -1) and the grand total."""
    cells: dict[tuple[int, int], int] = {}
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            cells[(i, j)] = v
        cells[(i, -1)] = sum(row)
    for j in range(len(rows[0])):
        cells[(-1, j)] = sum(r[j] for r in rows)
    cells[(-1, -1)] = sum(map(sum, rows))
    cons = [Constraint((i, -1), tuple((i, j) for j in range(len(rows[0])))) for i in range(-1, len(rows))]
    cons += [Constraint((-1, j), tuple((i, j) for i in range(len(rows)))) for j in range(-1, len(rows[0]))]
    return cells, cons


def test_one_small_cell_takes_a_second_with_it() -> None:
    cells, cons = _table([[25, 3, 40]])
    hidden = protect(cells, cons)
    assert (0, 1) in hidden and (0, 0) in hidden  # the smallest other cell, so total - visible gives nothing
    assert (0, 2) not in hidden
    assert revealed_by_subtraction(cells, cons, hidden) == {}


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda c: st.lists(st.lists(st.integers(0, 40), min_size=c, max_size=c),
                                                      min_size=1, max_size=4)))
def test_no_constraint_reveals_a_hidden_cell(rows: list[list[int]]) -> None:
    cells, cons = _table(rows)
    hidden = protect(cells, cons)
    assert all(v >= K for c, v in cells.items() if c not in hidden)  # no visible figure under k
    assert revealed_by_subtraction(cells, cons, hidden) == {}
    for con in cons:  # whatever is hidden in a line holds at least k people together (or the total is hidden)
        parts = [p for p in con.parts if p in hidden]
        if parts and con.total not in hidden:
            assert sum(cells[p] for p in parts) >= K


def _row(muni: str, band: str, health: int, lang: str = "fi") -> Contribution:
    return Contribution(id=f"{muni}{band}{health}{lang}{id(object())}", day=None, answers={"health": health},
                        age_band=band, municipality_code=muni, life_event=None, lang=lang, demo=False)


def test_group_minus_one_person_learns_nothing() -> None:
    """An area of 12 in need: 11 aged 25-29 and one aged 65+. The 65+ cell is hidden, and so is another,
    so the total minus the visible bands cannot give the one person's band."""
    ref = packaged()
    rows = [_row("837", "25-29", 2) for _ in range(11)] + [_row("837", "65+", 2)]
    figs = picture.figures(rows, ref, "municipality:837", epsilon=4.0)
    bands = figs["meters"]["health"]["by_band"]
    assert bands["65+"]["value"] is None
    visible = [b for b, f in bands.items() if f["value"] is not None]
    hidden = [b for b, f in bands.items() if f["value"] is None]
    assert len(hidden) >= 2 and "25-29" in hidden  # complementary: the only other non-empty cell
    assert not visible or all(bands[b]["value"] is not None for b in visible)


def test_two_overlapping_areas_cannot_be_subtracted() -> None:
    """County = two municipalities: one with 9 people in need, one with 15. Showing the county and the
    larger municipality would give the smaller one by subtraction; protection hides a second area."""
    ref = packaged()
    county = ref.municipality_areas["837"]["wellbeing_county"]
    other = next(m for m in ref.municipalities_in("wellbeing_county", county) if m != "837")
    rows = [_row("837", "25-29", 2) for _ in range(9)] + [_row(other, "25-29", 2) for _ in range(15)]
    shown = {scope: picture.figures(rows, ref, scope, epsilon=4.0)["meters"]["health"]["below"]["value"]
             for scope in ("municipality:837", f"municipality:{other}", f"county:{county}")}
    assert shown["municipality:837"] is None
    assert shown[f"municipality:{other}"] is None or shown[f"county:{county}"] is None


def test_noise_is_real_and_its_interval_covers_the_truth() -> None:
    draws = [noisy_count(100, epsilon=0.5) for _ in range(400)]
    values = [d.value for d in draws]
    assert len(set(values)) > 5  # noisy, not a constant
    assert abs(statistics.mean(v for v in values if v is not None) - 100) < 2
    covered = sum(1 for d in draws if d.low is not None and d.high is not None and d.low <= 100 <= d.high)
    assert covered / len(draws) >= 0.9
    assert noisy_count(9, epsilon=10).value is None  # under k: suppressed, whatever the budget


def test_bounded_mean_clamps_and_hides_small_groups() -> None:
    m = noisy_mean([5.0] * 200 + [1e9], lower=0, upper=10, epsilon=2.0)
    assert m.value is not None and 4.0 < m.value < 6.0 and m.low is not None and m.low <= m.value
    assert noisy_mean([5.0] * 9, lower=0, upper=10, epsilon=2.0).value is None
