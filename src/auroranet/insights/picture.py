"""The protected figures of one period: true tables built from the period's contributions, hidden cells
chosen for every area at once (so a county minus its other municipalities, or a total minus its age
bands, reveals nothing), then noise on what is shown for the one area asked.

Figures of an area (``figures`` JSON of a release):
    people                       noisy number of contributors
    meters[key].below            noisy count below the need threshold, ``by_band`` and ``by_lang`` cells
    meters[key].mean             bounded noisy mean of the answers (0-10)
    meters[key].requests/empty   recommendation requests with this need (usage_daily) and those that found
                                 nothing (requests are not people, but they get the same k and noise)
Each figure is ``{"value", "low", "high"}`` (95 % interval) or ``{"value": null}`` when suppressed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from typing import Any, Hashable, Iterable, Sequence

from auroranet.catalogue.reference import ReferenceData
from auroranet.i18n import LANGS
from auroranet.insights import areas
from auroranet.insights.models import Contribution
from auroranet.insights.privacy import Constraint, K, Noisy, SUPPRESSED, noisy_count, noisy_mean, protect
from auroranet.recommend.meters import NEED_THRESHOLD
from auroranet.vocab import AGE_BANDS, METER_KEYS

BANDS: tuple[str, ...] = (*(b for b, _, _ in AGE_BANDS), "unknown")
UNITS_PER_METER = 5  # age-band histogram (totals are its sum), language histogram, mean, requests, empty
Cell = tuple[str, str]  # (area scope, category)


def units() -> int:
    """How many ε shares one release composes sequentially: the people count and three per meter."""
    return 1 + UNITS_PER_METER * len(METER_KEYS)


def _tables(rows: Sequence[Contribution], ref: ReferenceData, meter: str | None
            ) -> tuple[dict[Cell, int], dict[Cell, int]]:
    """True counts by (area, age band) and (area, language) of those below the threshold on ``meter``
    (``None``: everyone), for every area a row counts in."""
    by_band: dict[Cell, int] = defaultdict(int)
    by_lang: dict[Cell, int] = defaultdict(int)
    for r in rows:
        if meter is not None:
            v = r.answers.get(meter)
            if not isinstance(v, (int, float)) or v >= NEED_THRESHOLD:
                continue
        for scope in areas.parent_scopes(ref, r.municipality_code):
            by_band[(scope, r.age_band or "unknown")] += 1
            by_lang[(scope, r.lang if r.lang in LANGS else "fi")] += 1
    return by_band, by_lang


def _constraints(ref: ReferenceData, scopes: Iterable[str], cats: Sequence[str]) -> list[Constraint]:
    """Area-total cells (area, "all") and the constraints: area total = its categories; a county's cell
    = its municipalities' cells; the national cell = the counties' cells plus municipalities without one."""
    cons: list[Constraint] = []
    scopes = sorted(set(scopes))
    for s in scopes:
        cons.append(Constraint((s, "all"), tuple((s, c) for c in cats)))
    lookup = areas.county_lookup(ref)
    children: dict[str, list[str]] = defaultdict(list)
    for s in scopes:
        kind, _, code = s.partition(":")
        if kind == "municipality":
            county = lookup(code)
            children[f"county:{county}" if county else areas.NATIONAL].append(s)
        elif kind == "county":
            children[areas.NATIONAL].append(s)
    for parent, kids in children.items():
        for c in (*cats, "all"):
            cons.append(Constraint((parent, c), tuple((k, c) for k in kids)))
    return cons


def _protected(table: dict[Cell, int], ref: ReferenceData, cats: Sequence[str], scopes: set[str]
               ) -> tuple[dict[Hashable, int], set[Hashable]]:
    """Every cell of every area in ``scopes`` (empty cells are 0) and the cells to hide."""
    full: dict[Hashable, int] = {(s, c): table.get((s, c), 0) for s in scopes for c in cats}
    for s in scopes:
        full[(s, "all")] = sum(full[(s, c)] for c in cats)
    return full, protect(full, _constraints(ref, scopes, cats))


def figure(n: Noisy) -> dict[str, Any]:
    return {k: v for k, v in asdict(n).items() if k != "epsilon"}


def _shown(full: dict[Hashable, int], hidden: set[Hashable], scope: str, cats: Sequence[str], eps: float
           ) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Noisy cells of one area; its total is the sum of its noisy cells (post-processing, no extra ε)."""
    cells: dict[str, Noisy] = {}
    for c in cats:
        cells[c] = SUPPRESSED if (scope, c) in hidden else noisy_count(full[(scope, c)], epsilon=eps, k=0)
    if (scope, "all") in hidden:
        total = SUPPRESSED
    else:
        noisy = [noisy_count(full[(scope, c)], epsilon=eps, k=0) if not cells[c].shown else cells[c] for c in cats]
        # hidden cells get noise of their own for the total: their sum is >= K (protect), and noisy
        value = sum(n.value or 0.0 for n in noisy)
        spread = sum(((n.high or 0.0) - (n.value or 0.0)) ** 2 for n in noisy) ** 0.5
        total = Noisy(value, max(0.0, value - spread), value + spread, eps)
    return figure(total), {c: figure(cells[c]) for c in cats}


def figures(rows: Sequence[Contribution], ref: ReferenceData, scope: str, epsilon: float,
            usage: dict[str, tuple[int, int]] | None = None) -> dict[str, Any]:
    """The protected figures of ``scope`` from the period's ``rows`` (every area's rows are needed) and
    the area's usage counts per need (requests, of which found nothing), which get k and noise too."""
    eps = epsilon / units()
    langs = list(LANGS)
    band_all, _ = _tables(rows, ref, None)
    scopes = {s for s, _ in band_all} | {scope, *areas.parent_scopes(ref, scope.partition(":")[2] or None)}
    scopes = {s for s in scopes if s.startswith(("municipality:", "county:")) or s == areas.NATIONAL}
    full_people, hidden_people = _protected(band_all, ref, BANDS, scopes)
    people, _ = _shown(full_people, hidden_people, scope, BANDS, eps)
    out: dict[str, Any] = {"people": people, "k": K, "epsilon": epsilon, "meters": {}}
    mine = [r for r in rows if scope in areas.parent_scopes(ref, r.municipality_code)]
    for meter in METER_KEYS:
        by_band, by_lang = _tables(rows, ref, meter)
        fb, hb = _protected(by_band, ref, BANDS, scopes)
        fl, hl = _protected(by_lang, ref, langs, scopes)
        below, bands = _shown(fb, hb, scope, BANDS, eps)
        _, lang_cells = _shown(fl, hl, scope, langs, eps)
        values = [float(r.answers[meter]) for r in mine if isinstance(r.answers.get(meter), (int, float))]
        mean = noisy_mean(values, lower=0.0, upper=10.0, epsilon=eps)
        req, empty = (usage or {}).get(meter, (0, 0))
        out["meters"][meter] = {"below": below, "by_band": bands, "by_lang": lang_cells, "mean": figure(mean),
                                "requests": figure(noisy_count(req, epsilon=eps)),
                                "empty": figure(noisy_count(empty, epsilon=eps))}
    return out
