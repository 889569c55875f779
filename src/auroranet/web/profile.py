"""The wellbeing profile as the results page shows it: each meter on the questionnaire's own answer
scale (the youth check-in's 1–5 stays 1–5; 3X10D's 0–10 stays 0–10), the need threshold on that scale,
and the needs named in words, so that need is never shown by colour alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from auroranet.recommend.meters import NEED_THRESHOLD
from auroranet.web.questionnaires import Questionnaire


@dataclass(frozen=True)
class ProfileRow:
    key: str
    label: str
    value: float     # on the questionnaire's scale
    percent: float   # 0..100 of the bar
    need: bool


@dataclass(frozen=True)
class Profile:
    rows: list[ProfileRow]
    low: int
    high: int
    threshold: float          # on the questionnaire's scale
    threshold_percent: float

    @property
    def needs(self) -> list[ProfileRow]:
        """Needs, lowest first."""
        return sorted((r for r in self.rows if r.need), key=lambda r: r.value)


def _num(x: float) -> float:
    return round(x, 1)


def build_profile(q: Questionnaire, meters: dict[str, float], name: Callable[[str], str]) -> Profile:
    """``meters`` are on 0..10 (10 = doing well); shown on ``q.scale`` (its min = 0 on the meter)."""
    low, high = q.scale.min, q.scale.max
    span = high - low
    rows = [ProfileRow(key=k, label=name(k)[:1].upper() + name(k)[1:], value=_num(low + v / 10.0 * span),
                       percent=_num(v * 10.0), need=v < NEED_THRESHOLD) for k, v in meters.items()]
    return Profile(rows=rows, low=low, high=high, threshold=_num(low + NEED_THRESHOLD / 10.0 * span),
                   threshold_percent=_num(NEED_THRESHOLD * 10.0))
