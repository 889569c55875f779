"""Opening hours of a desk: weekly spans in Finnish time, Finnish public holidays closed (the holidays
package) unless the desk is open on them, and when a closed desk opens next."""

from __future__ import annotations

from datetime import datetime

import pytest

from auroranet.catalogue.hours import HELSINKI
from auroranet.errors import InputError
from auroranet.assistant import registry
from auroranet.livechat import desks
from auroranet.catalogue.hours import parse_weekly as parse_hours
from tests.livechat.conftest import desk

WEEKDAYS = [{"days": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "16:00"}]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=HELSINKI)


def test_open_inside_weekly_hours() -> None:
    d = desk(opening_hours=WEEKDAYS, open_on_holidays=False)
    st = desks.status(d, at("2026-12-01T10:00"))  # a Tuesday
    assert st.open and st.until == "16:00"
    assert not desks.status(d, at("2026-12-01T16:00")).open
    assert desks.status(d, at("2026-12-01T16:30")).next_open == at("2026-12-02T08:00")


def test_a_desk_open_round_the_clock_is_open_in_the_last_minute_of_the_day() -> None:
    # "24:00" closes at midnight; the fixtures' "00:00"-"23:59" used to close the desk at 23:59 (a CI run
    # that reached the browser tour at 23:59 Helsinki time found no desk and no "Yes")
    d = desk(opening_hours=[{"days": list(range(7)), "opens": "00:00", "closes": "24:00"}])
    assert desks.status(d, at("2026-12-02T23:59:30")).open
    assert desks.status(d, at("2026-12-03T00:00")).open
    assert registry.is_open(d.opening_hours, at("2026-12-02T23:59:30"))
    with pytest.raises(ValueError):
        desk(opening_hours=[{"days": [0], "opens": "24:00", "closes": "24:00"}])


def test_finnish_holidays_are_closed_unless_open_on_them() -> None:
    d = desk(opening_hours=WEEKDAYS, open_on_holidays=False)
    christmas = at("2026-12-25T10:00")  # Friday, Christmas Day
    st = desks.status(d, christmas)
    assert not st.open
    assert st.next_open == at("2026-12-28T08:00")  # Boxing Day and the weekend skipped
    assert desks.status(d, at("2026-12-24T10:00")).next_open is not None  # Christmas Eve: a holiday too
    assert desks.status(desk(opening_hours=WEEKDAYS, open_on_holidays=True), christmas).open


def test_hours_in_utc_are_read_in_helsinki_time() -> None:
    d = desk(opening_hours=WEEKDAYS, open_on_holidays=False)
    assert desks.status(d, datetime.fromisoformat("2026-12-01T06:30+00:00")).open  # 08:30 in Helsinki
    assert not desks.status(d, datetime.fromisoformat("2026-12-01T05:30+00:00")).open


def test_form_hours() -> None:
    assert parse_hours("1-5 08:00-16:00\n6 10:00-14:00\n") == [
        {"days": [0, 1, 2, 3, 4], "opens": "08:00", "closes": "16:00"}, {"days": [5], "opens": "10:00", "closes": "14:00"}]
    for bad in ("8-9 08:00-16:00", "5-1 08:00-16:00", "ma-pe 8-16", "1 8:00-16:00"):
        with pytest.raises(InputError):
            parse_hours(bad)


@pytest.mark.parametrize("field,value", [("names", {"sv": "utan finska"}), ("needs", ["nope"]), ("id", "Bad Id"),
                                         ("phone", "call me"), ("opening_hours", []), ("languages", ["de"])])
def test_bad_desks_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValueError):
        desk(**{field: value})
