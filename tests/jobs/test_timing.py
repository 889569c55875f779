"""Slots: previous/next for intervals, daily and weekly schedules, around midnight and week ends."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from auroranet.errors import InputError
from auroranet.jobs.timing import DailyAt, Every, WeeklyAt, parse_schedule, slot_key


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_interval_slots_align_to_epoch() -> None:
    s = Every(600)
    assert s.previous_slot(utc(2026, 3, 4, 10, 9, 59)) == utc(2026, 3, 4, 10, 0)
    assert s.previous_slot(utc(2026, 3, 4, 10, 10)) == utc(2026, 3, 4, 10, 10)
    assert s.next_slot(utc(2026, 3, 4, 10, 10)) == utc(2026, 3, 4, 10, 20)
    assert s.previous_slot(utc(2026, 3, 4, 23, 59, 59)) == utc(2026, 3, 4, 23, 50)
    assert s.next_slot(utc(2026, 3, 4, 23, 59, 59)) == utc(2026, 3, 5, 0, 0)


def test_daily_around_midnight() -> None:
    s = DailyAt(0, 15)
    assert s.previous_slot(utc(2026, 3, 4, 0, 14, 59)) == utc(2026, 3, 3, 0, 15)
    assert s.previous_slot(utc(2026, 3, 4, 0, 15)) == utc(2026, 3, 4, 0, 15)
    assert s.next_slot(utc(2026, 3, 4, 0, 15)) == utc(2026, 3, 5, 0, 15)
    late = DailyAt(23, 50)
    assert late.previous_slot(utc(2026, 3, 1, 0, 5)) == utc(2026, 2, 28, 23, 50)  # across a month end
    assert late.next_slot(utc(2026, 12, 31, 23, 55)) == utc(2027, 1, 1, 23, 50)
    assert late.next_slot(utc(2026, 12, 31, 23, 49)) == utc(2026, 12, 31, 23, 50)


def test_daily_converts_other_zones_to_utc() -> None:
    from datetime import timedelta

    helsinki = timezone(timedelta(hours=2))
    # 01:30 in Helsinki is 23:30 UTC the day before
    assert DailyAt(23, 0).previous_slot(datetime(2026, 3, 4, 1, 30, tzinfo=helsinki)) == utc(2026, 3, 3, 23, 0)


def test_weekly() -> None:
    s = WeeklyAt(6, 3, 30)  # Sunday 03:30
    # 2026-03-04 is a Wednesday; the previous Sunday is 03-01
    assert s.previous_slot(utc(2026, 3, 4, 12, 0)) == utc(2026, 3, 1, 3, 30)
    assert s.next_slot(utc(2026, 3, 4, 12, 0)) == utc(2026, 3, 8, 3, 30)
    # Sunday before 03:30 belongs to the week before
    assert s.previous_slot(utc(2026, 3, 8, 3, 29)) == utc(2026, 3, 1, 3, 30)
    assert s.previous_slot(utc(2026, 3, 8, 3, 30)) == utc(2026, 3, 8, 3, 30)
    monday_midnight = WeeklyAt(0, 0, 0)
    assert monday_midnight.previous_slot(utc(2026, 3, 8, 23, 59, 59)) == utc(2026, 3, 2)
    assert monday_midnight.next_slot(utc(2026, 3, 8, 23, 59, 59)) == utc(2026, 3, 9)


def test_parse_and_describe() -> None:
    assert parse_schedule(600) == Every(600)
    assert parse_schedule("daily at 02:30 UTC") == DailyAt(2, 30)
    assert parse_schedule("Weekly on Sunday at 3:05") == WeeklyAt(6, 3, 5)
    assert parse_schedule("weekly on sun at 03:05 UTC").describe() == "weekly on Sun at 03:05 UTC"
    assert Every(600).describe() == "every 10 min" and DailyAt(2, 0).describe() == "daily at 02:00 UTC"
    for bad in ("daily at 25:00", "weekly on funday at 01:00", "sometimes", "0"):
        with pytest.raises(InputError):
            parse_schedule(bad)


def test_slot_key_is_utc_seconds() -> None:
    assert slot_key(utc(2026, 3, 4, 2, 0)) == "2026-03-04T02:00:00Z"
