"""Schedules: when a job's slots are. A slot is a point in UTC time; every host computes the same slots
from the same clock reading, which is why a slot can be the claim key in ``job_runs``.

    Every(600)                       every 10 minutes, aligned to the Unix epoch
    DailyAt(2, 30)                   daily at 02:30 UTC
    WeeklyAt(6, 3, 30)               weekly on Sunday (Monday = 0) at 03:30 UTC
    parse_schedule("weekly on sun at 03:30 UTC")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Union

from auroranet.errors import InputError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _utc(now: datetime) -> datetime:
    """Naive datetimes are taken as UTC (SQLite hands them back that way)."""
    return now.replace(tzinfo=timezone.utc) if now.tzinfo is None else now.astimezone(timezone.utc)


def slot_key(slot: datetime) -> str:
    """The string stored in ``job_runs.slot``: second precision, UTC, so all hosts agree on it."""
    return _utc(slot).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Every:
    """Every ``seconds`` seconds; slots are multiples of the interval since the epoch (host independent)."""

    seconds: int

    def __post_init__(self) -> None:
        if self.seconds < 1:
            raise InputError(f"interval must be at least 1 second, got {self.seconds}")

    def previous_slot(self, now: datetime) -> datetime:
        """The latest slot at or before ``now``."""
        elapsed = int((_utc(now) - _EPOCH).total_seconds())
        return _EPOCH + timedelta(seconds=elapsed - elapsed % self.seconds)

    def next_slot(self, now: datetime) -> datetime:
        """The first slot strictly after ``now``."""
        return self.previous_slot(now) + timedelta(seconds=self.seconds)

    def describe(self) -> str:
        s = self.seconds
        if s % 3600 == 0:
            return f"every {s // 3600} h"
        return f"every {s // 60} min" if s % 60 == 0 else f"every {s} s"


@dataclass(frozen=True)
class DailyAt:
    """Once a day at ``hour:minute`` UTC."""

    hour: int
    minute: int = 0

    def __post_init__(self) -> None:
        if not (0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise InputError(f"not a time of day: {self.hour:02d}:{self.minute:02d}")

    def previous_slot(self, now: datetime) -> datetime:
        now = _utc(now)
        today = now.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        return today if today <= now else today - timedelta(days=1)

    def next_slot(self, now: datetime) -> datetime:
        return self.previous_slot(now) + timedelta(days=1)

    def describe(self) -> str:
        return f"daily at {self.hour:02d}:{self.minute:02d} UTC"


@dataclass(frozen=True)
class WeeklyAt:
    """Once a week on ``weekday`` (Monday = 0) at ``hour:minute`` UTC."""

    weekday: int
    hour: int
    minute: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise InputError(f"weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}")
        DailyAt(self.hour, self.minute)  # validates the time

    def previous_slot(self, now: datetime) -> datetime:
        now = _utc(now)
        day = now - timedelta(days=(now.weekday() - self.weekday) % 7)
        slot = day.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        return slot if slot <= now else slot - timedelta(days=7)

    def next_slot(self, now: datetime) -> datetime:
        return self.previous_slot(now) + timedelta(days=7)

    def describe(self) -> str:
        return f"weekly on {DAYS[self.weekday].capitalize()} at {self.hour:02d}:{self.minute:02d} UTC"


Schedule = Union[Every, DailyAt, WeeklyAt]

_TIME = r"([01]?\d|2[0-3]):([0-5]\d)"
_DAILY = re.compile(rf"daily at {_TIME}(?: utc)?")
_WEEKLY = re.compile(rf"weekly on (\w+) at {_TIME}(?: utc)?")


def parse_time(text: str) -> tuple[int, int]:
    """``"02:30"`` → ``(2, 30)``; the settings use this form."""
    m = re.fullmatch(_TIME, text.strip())
    if not m:
        raise InputError(f"not a HH:MM time: {text!r}")
    return int(m.group(1)), int(m.group(2))


def parse_weekday(text: str) -> int:
    """``"sun"`` or ``"Sunday"`` → 6."""
    key = text.strip().lower()[:3]
    if key not in DAYS:
        raise InputError(f"not a weekday: {text!r}")
    return DAYS.index(key)


def parse_schedule(text: str | int) -> Schedule:
    """An int (seconds), ``"600"``, ``"daily at HH:MM UTC"`` or ``"weekly on DAY at HH:MM UTC"``."""
    if isinstance(text, int):
        return Every(text)
    t = " ".join(text.strip().lower().split())
    if t.isdigit():
        return Every(int(t))
    if m := _DAILY.fullmatch(t):
        return DailyAt(int(m.group(1)), int(m.group(2)))
    if m := _WEEKLY.fullmatch(t):
        return WeeklyAt(parse_weekday(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise InputError(f"not a schedule: {text!r} (seconds, 'daily at HH:MM UTC' or 'weekly on DAY at HH:MM UTC')")
