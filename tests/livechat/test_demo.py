"""The demo's desk: the demo provider's, weekdays 08–16 Finnish time, closed on holidays, with a
contact-request service."""

from __future__ import annotations

from datetime import datetime

from auroranet.catalogue.hours import HELSINKI
from auroranet.livechat import desks
from auroranet.livechat.demo import DEMO_DESK, seed_demo
from auroranet.runtime import Runtime


def test_demo_desk(lrt: Runtime) -> None:
    assert seed_demo(lrt, organisation_id="demo-palveluntuottaja", referral_service_id="s1") == DEMO_DESK
    d = desks.get(lrt.db, DEMO_DESK)
    assert d is not None and d.organisation_id == "demo-palveluntuottaja" and d.referral_service_id == "s1"
    assert desks.status(d, datetime(2026, 12, 1, 9, 0, tzinfo=HELSINKI)).open  # a Tuesday
    assert not desks.status(d, datetime(2026, 12, 25, 9, 0, tzinfo=HELSINKI)).open  # Christmas Day
    assert not desks.status(d, datetime(2026, 12, 5, 9, 0, tzinfo=HELSINKI)).open  # a Saturday
