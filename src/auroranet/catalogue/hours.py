"""Is a channel open now, and until when? From PTV service hours: exceptional hours for the day win,
then a Finnish public holiday (the ``holidays`` package) counts as closed unless the channel is always
open, then the weekly hours. Times are Europe/Helsinki wall-clock. A span that runs over midnight (22–02) belongs to the day it
starts on: at 01:00 it is still open if the day before had it, whatever today's own hours say.

    status = open_status(channel.service_hours, now)   # OpenStatus("open", until="16:00")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

from auroranet.catalogue.models import OpeningHour, ServiceHours
from auroranet.errors import InputError

HELSINKI = ZoneInfo("Europe/Helsinki")  # the wall clock of every opening time in auroranet
WEEKLY = re.compile(r"^\s*([1-7])(?:\s*-\s*([1-7]))?\s+([0-2]\d:[0-5]\d)\s*-\s*([0-2]\d:[0-5]\d)\s*$")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
State = Literal["always", "open", "opens_later", "closed_today", "holiday"]


@dataclass(frozen=True)
class OpenStatus:
    state: State
    until: str = ""   # "open": closing time today
    opens: str = ""   # "opens_later": opening time today


@lru_cache(maxsize=8)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("FI", years=year)


def is_holiday(day: date) -> bool:
    return day in _holidays(day.year)


def _covers(oh: OpeningHour, weekday: int) -> bool:
    start = DAYS.index(oh.day_from) if oh.day_from in DAYS else -1
    end = DAYS.index(oh.day_to) if oh.day_to in DAYS else start
    if start < 0:
        return False
    return start <= weekday <= end if start <= end else weekday >= start or weekday <= end


def _parse(t: str | None) -> time | None:
    try:
        return time.fromisoformat((t or "")[:5]) if t else None
    except ValueError:
        return None


def _valid_on(sh: ServiceHours, day: date) -> bool:
    start = (sh.valid_from or "")[:10]
    end = (sh.valid_to or sh.valid_from or "")[:10]
    iso = day.isoformat()
    return (not start or start <= iso) and (not end or iso <= end)


def _overnight(oh: OpeningHour) -> tuple[time, time] | None:
    t_from, t_to = _parse(oh.time_from), _parse(oh.time_to)
    return (t_from, t_to) if t_from is not None and t_to is not None and t_to <= t_from else None


def _from_spans(spans: list[OpeningHour], now: datetime) -> OpenStatus:
    weekday, clock = now.weekday(), now.time()
    later: list[time] = []
    for oh in spans:
        if not _covers(oh, weekday):
            continue
        t_from, t_to = _parse(oh.time_from), _parse(oh.time_to)
        if t_from is None or t_to is None:
            continue
        if t_from <= clock < t_to or (t_to <= t_from and clock >= t_from):  # the latter runs over midnight
            return OpenStatus("open", until=t_to.strftime("%H:%M"))
        if clock < t_from:
            later.append(t_from)
    if later:
        return OpenStatus("opens_later", opens=min(later).strftime("%H:%M"))
    return OpenStatus("closed_today")


def _day_spans(hours: list[ServiceHours], day: date) -> tuple[State | None, list[OpeningHour]]:
    """What the hours say about one calendar day: a whole-day state (closed by exception, always open,
    holiday) or the spans that start on it. Exceptional hours for the day win over everything else."""
    exceptions = [sh for sh in hours if sh.type == "Exception" and _valid_on(sh, day)]
    if exceptions:
        spans = [oh for sh in exceptions for oh in sh.opening_hours]
        if any(sh.is_closed for sh in exceptions) or not spans:
            return "closed_today", []
        return None, spans
    regular = [sh for sh in hours if sh.type != "Exception" and _valid_on(sh, day)]
    if any(sh.always_open for sh in regular):
        return "always", []
    if is_holiday(day):
        return "holiday", []
    return None, [oh for sh in regular for oh in sh.opening_hours]


def _carried_over(hours: list[ServiceHours], now: datetime) -> OpenStatus | None:
    """Open now because a span that started the day before runs past midnight (Fri 22–02 at Sat 01:00).
    The span belongs to the day it started on, so that day's exceptions and holidays decide it."""
    yesterday = now.date() - timedelta(days=1)
    state, spans = _day_spans(hours, yesterday)
    if state is not None:
        return None
    clock = now.time()
    for oh in spans:
        night = _overnight(oh)
        if night is not None and _covers(oh, yesterday.weekday()) and clock < night[1]:
            return OpenStatus("open", until=night[1].strftime("%H:%M"))
    return None


def open_status(hours: list[ServiceHours], now: datetime | None = None) -> OpenStatus | None:
    """The status at ``now`` (default: the current time in Helsinki); None when no hours are given."""
    if not hours:
        return None
    now = (now or datetime.now(HELSINKI)).astimezone(HELSINKI)
    state, spans = _day_spans(hours, now.date())
    if state == "always":
        return OpenStatus("always")
    carried = _carried_over(hours, now)
    if carried is not None:
        return carried
    if state is not None:
        return OpenStatus(state)
    return _from_spans(spans, now) if spans else None


def parse_weekly(text: str) -> list[dict[str, object]]:
    """Weekly hours typed as "1-5 08:00-16:00", one span a line (ISO weekdays, Monday = 1), into the
    registries' form ``{"days": [0..6], "opens", "closes"}`` (Monday = 0). A bad line is an ``InputError``."""
    out: list[dict[str, object]] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        m = WEEKLY.match(raw)
        if m is None:
            raise InputError(f"opening hours: {raw.strip()[:40]!r}")
        first, last = int(m[1]), int(m[2] or m[1])
        if last < first:
            raise InputError(f"opening hours: {raw.strip()[:40]!r}")
        out.append({"days": list(range(first - 1, last)), "opens": m[3], "closes": m[4]})
    return out
