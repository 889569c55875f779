"""The demo's live-chat desk: the demo provider's advice chat, open on weekdays 08:00–16:00 Finnish time
(closed on public holidays), for the whole country in fi/sv/en, with a contact-request service for the
hours when it is closed. ``pekka.provider`` of the test identity provider staffs it."""

from __future__ import annotations

from auroranet.assistant.registry import Hours
from auroranet.livechat import desks
from auroranet.runtime import Runtime

DEMO_DESK = "demo-neuvonta"


def seed_demo(rt: Runtime, *, organisation_id: str, referral_service_id: str | None) -> str:
    desk = desks.DeskIn(
        id=DEMO_DESK, organisation_id=organisation_id,
        names={"fi": "Demo: neuvontachat", "sv": "Demo: rådgivningschatt", "en": "Demo: advice chat"},
        languages=["fi", "sv", "en"], needs=["housing", "finance", "working_studying"],
        opening_hours=[Hours(days=[0, 1, 2, 3, 4], opens="08:00", closes="16:00")],
        phone="+358 9 123 4567", referral_service_id=referral_service_id)
    with rt.writes:
        desks.add(rt.db, desk)
    return DEMO_DESK
