"""Payer reports: groups of fewer than k = 10 wallets are never shown; the impact follow-up is opt-in,
due only some weeks after a delivery, and reported only over at least k wallets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from auroranet.db.core import utcnow
from auroranet.errors import ConflictError
from auroranet.runtime import Runtime
from auroranet.wallet import orders, reports, wallets
from auroranet.wallet.models import Order
from tests.wallet.conftest import DEMO_ID, DEMO_PROVIDER, SERVICES


def _spend(rt: Runtime, n: int, municipality: str, age: int, service: int, tag: str) -> list[int]:
    _, codes = wallets.issue_codes(rt, DEMO_ID, n, actor="test")
    wids = []
    for i, c in enumerate(codes):
        wid = int(wallets.claim(rt, c, age=age, municipality=municipality, key=f"{tag}-c{i}")["wallet_id"])
        code = str(orders.place(rt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[service], contact=None,
                                key=f"{tag}-o{i}")["order"])
        orders.provider_action(rt, DEMO_PROVIDER, code, "confirm", actor="staff:p", key=f"{tag}-f{i}")
        orders.provider_action(rt, DEMO_PROVIDER, code, "deliver", actor="staff:p", key=f"{tag}-d{i}")
        wids.append(wid)
    return wids


def test_small_groups_are_suppressed(wrt: Runtime) -> None:
    _spend(wrt, 10, "091", 17, 0, "a")
    _spend(wrt, 3, "564", 22, 1, "b")
    area = reports.spending(wrt, "area")
    assert [(g.key, g.wallets, g.amount_cents) for g in area.groups] == [("091", 10, 25000)] and area.suppressed == 1
    age = reports.spending(wrt, "age_band")
    assert [g.key for g in age.groups] == ["16-17"] and age.suppressed == 1
    cat = reports.spending(wrt, "category")
    assert [g.key for g in cat.groups] == ["peer_support"]


def test_impact_follow_up(wrt: Runtime) -> None:
    wids = _spend(wrt, 10, "091", 17, 0, "i")
    with pytest.raises(ConflictError):  # not chosen: nothing kept
        reports.record(wrt, wids[0], "before", {"family": 3})
    for wid in wids:
        reports.opt_in(wrt, wid, True)
        reports.record(wrt, wid, "before", {"family": 3, "friends": 4})
    with pytest.raises(ConflictError, match="not due"):
        reports.record(wrt, wids[0], "after", {"family": 6})
    with wrt.db.session() as s:
        s.execute(update(Order).values(delivered_at=utcnow() - timedelta(weeks=7)))
    for wid in wids[:9]:
        reports.record(wrt, wid, "after", {"family": 6, "friends": 4})
    assert not reports.impact(wrt).shown  # 9 < k
    reports.record(wrt, wids[9], "after", {"family": 5, "friends": 4})
    result = reports.impact(wrt)
    assert result.shown and result.wallets == 10
    assert dict((m, (b, a)) for m, b, a in result.meters) == {"family": (3.0, 5.9), "friends": (4.0, 4.0)}
    reports.opt_in(wrt, wids[0], False)  # withdrawing deletes the answers
    assert reports.phases(wrt, wids[0]) == set() and not reports.impact(wrt).shown
