"""Open now / open today until: weekly hours, over midnight, exceptional hours, Finnish public holidays."""

from __future__ import annotations

from datetime import datetime

import pytest

from auroranet.catalogue.hours import HELSINKI, OpenStatus, is_holiday, open_status
from auroranet.catalogue.models import OpeningHour, ServiceHours

WEEKDAYS = ServiceHours(opening_hours=[OpeningHour(day_from="Monday", day_to="Friday", time_from="08:00:00",
                                                   time_to="16:00:00")])


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


@pytest.mark.parametrize(("when", "expected"), [
    ("2026-12-02T10:00", OpenStatus("open", until="16:00")),       # Wednesday
    ("2026-12-02T07:30", OpenStatus("opens_later", opens="08:00")),
    ("2026-12-02T16:00", OpenStatus("closed_today")),              # closing time is closed
    ("2026-12-05T10:00", OpenStatus("closed_today")),              # Saturday
    ("2026-12-24T10:00", OpenStatus("holiday")),                   # Christmas Eve, a Thursday
    ("2026-12-06T10:00", OpenStatus("holiday")),                   # Independence Day (a Sunday)
])
def test_weekly_hours_and_holidays(when: str, expected: OpenStatus) -> None:
    assert open_status([WEEKDAYS], at(when)) == expected


def test_exceptional_hours_win_and_closed_days() -> None:
    short = ServiceHours(type="Exception", valid_from="2026-12-02", valid_to="2026-12-02",
                         opening_hours=[OpeningHour(day_from="Wednesday", time_from="09:00", time_to="12:00")])
    closed = ServiceHours(type="Exception", is_closed=True, valid_from="2026-12-03T00:00:00")
    hours = [WEEKDAYS, short, closed]
    assert open_status(hours, at("2026-12-02T13:00")) == OpenStatus("closed_today")
    assert open_status(hours, at("2026-12-02T10:00")) == OpenStatus("open", until="12:00")
    assert open_status(hours, at("2026-12-03T10:00")) == OpenStatus("closed_today")
    assert open_status(hours, at("2026-12-04T10:00")) == OpenStatus("open", until="16:00")


def test_always_open_over_midnight_and_unknown() -> None:
    assert open_status([ServiceHours(always_open=True)], at("2026-12-24T03:00")) == OpenStatus("always")
    night = ServiceHours(opening_hours=[OpeningHour(day_from="Monday", day_to="Sunday", time_from="22:00",
                                                    time_to="02:00")])
    assert open_status([night], at("2026-12-02T23:00")) == OpenStatus("open", until="02:00")
    assert open_status([], at("2026-12-02T10:00")) is None
    assert is_holiday(datetime(2026, 5, 1).date()) and not is_holiday(datetime(2026, 5, 4).date())


NIGHTS = ServiceHours(opening_hours=[OpeningHour(day_from="Friday", day_to="Saturday", time_from="22:00",
                                                 time_to="03:00")])


@pytest.mark.parametrize(("when", "expected"), [
    ("2026-12-05T01:00", OpenStatus("open", until="03:00")),         # Saturday night, from Friday
    ("2026-12-05T03:00", OpenStatus("opens_later", opens="22:00")),  # closing time is closed
    ("2026-12-06T02:00", OpenStatus("open", until="03:00")),         # Sunday 6.12 is a holiday: Saturday's span
    ("2026-12-07T01:00", OpenStatus("closed_today")),                # Monday: Sunday has no span
    ("2026-12-04T01:00", OpenStatus("opens_later", opens="22:00")),  # Friday 01:00: Thursday has none
    ("2026-12-04T23:30", OpenStatus("open", until="03:00")),
])
def test_span_over_midnight_from_the_day_before(when: str, expected: OpenStatus) -> None:
    assert open_status([NIGHTS], at(when)) == expected


def test_every_night_span_is_open_after_midnight() -> None:
    night = ServiceHours(opening_hours=[OpeningHour(day_from="Monday", day_to="Sunday", time_from="22:00",
                                                    time_to="02:00")])
    assert open_status([night], at("2026-12-02T01:00")) == OpenStatus("open", until="02:00")
    assert open_status([night], at("2026-12-02T02:30")) == OpenStatus("opens_later", opens="22:00")


def test_the_day_before_decides_its_own_span() -> None:
    # Friday 25.12 (Christmas Day) has no evening span, so Saturday 26.12 (a holiday) at 01:00 is not open
    assert open_status([NIGHTS], at("2026-12-26T01:00")) == OpenStatus("holiday")
    # Friday 4.12 closed by exception: nothing carries into Saturday
    closed_friday = ServiceHours(type="Exception", is_closed=True, valid_from="2026-12-04")
    assert open_status([NIGHTS, closed_friday], at("2026-12-05T01:00")) == OpenStatus("opens_later",
                                                                                        opens="22:00")
    # Exceptional late hours on Wednesday 2.12 carry into Thursday morning
    late = ServiceHours(type="Exception", valid_from="2026-12-02", valid_to="2026-12-02",
                        opening_hours=[OpeningHour(day_from="Wednesday", time_from="20:00", time_to="01:30")])
    assert open_status([WEEKDAYS, late], at("2026-12-03T01:00")) == OpenStatus("open", until="01:30")
    assert open_status([WEEKDAYS, late], at("2026-12-03T02:00")) == OpenStatus("opens_later", opens="08:00")
    # A span from the day before also wins over today's holiday (Saturday 5.12 night into 6.12)
    assert open_status([NIGHTS, WEEKDAYS], at("2026-12-06T01:00")) == OpenStatus("open", until="03:00")
