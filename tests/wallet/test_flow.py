"""The wallet's use cases end to end on SQLite and PostgreSQL: codes, claims, orders through every state,
category caps, once-per-service, refunds, flags, expiry and idempotency."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from auroranet.lifeevents.model import builtin_life_events
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.runtime import Runtime
from auroranet.wallet import incidents, orders, refunds, wallets
from auroranet.wallet.ledger import balance
from auroranet.wallet.models import Account, AuditEvent, ClaimCode, Order, Posting
from tests.wallet.conftest import DEMO_ID, DEMO_PROVIDER, SERVICES, load, programme


def _wallet(rt: Runtime, pid: str = DEMO_ID) -> int:
    _, codes = wallets.issue_codes(rt, pid, 1, actor="test")
    return int(wallets.claim(rt, codes[0], age=17, municipality="091", key=f"claim-{codes[0]}")["wallet_id"])


def _bal(rt: Runtime, kind: str, ref: str) -> int:
    with rt.db.session() as s:
        return balance(s, (kind, ref))


def test_codes_are_single_use_and_stored_only_as_hashes(wrt: Runtime) -> None:
    batch, codes = wallets.issue_codes(wrt, DEMO_ID, 3, actor="test")
    with wrt.db.session() as s:
        stored = list(s.execute(select(ClaimCode.code_hash).where(ClaimCode.batch == batch)).scalars())
    assert len(stored) == 3 and not set(codes) & set(stored)
    first = wallets.claim(wrt, codes[0].lower().replace("-", " "), age=None, municipality=None, key="k-claim-1")
    assert first["wallet_code"] and _bal(wrt, "wallet", str(first["wallet_id"])) == 15000
    again = wallets.claim(wrt, codes[0], age=None, municipality=None, key="k-claim-1")
    assert again["wallet_id"] == first["wallet_id"] and "wallet_code" not in again  # a retry; no second secret
    with pytest.raises(NotFoundError):
        wallets.claim(wrt, codes[0], age=None, municipality=None, key="k-claim-2")
    assert wallets.wallet_by_code(wrt, first["wallet_code"]) == first["wallet_id"]
    assert wallets.wallet_by_code(wrt, "AAAA-BBBB-CCCC-DDDD-EEEE") is None
    assert incidents.block(wrt, "code", codes[1], True, actor="test")
    with pytest.raises(NotFoundError):
        wallets.claim(wrt, codes[1], age=None, municipality=None, key="k-claim-3")


def test_order_lifecycle_moves_money_and_audits(wrt: Runtime) -> None:
    wid = _wallet(wrt)
    svc, price = SERVICES[0], 2500
    o = orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=svc, contact="050 123 4567", key="order-1")
    assert (_bal(wrt, "wallet", str(wid)), _bal(wrt, "reserved", str(wid))) == (15000 - price, price)
    with wrt.db.session() as s:
        enc = s.execute(select(Order.contact_enc).where(Order.code == o["order"])).scalar()
    assert enc and "050" not in enc
    assert orders.of_provider(wrt, DEMO_PROVIDER)[0].contact == "050 123 4567"
    with pytest.raises(ConflictError):  # deliver needs a confirmation first
        orders.provider_action(wrt, DEMO_PROVIDER, o["order"], "deliver", actor="staff:x", key="deliver-0")
    with pytest.raises(NotFoundError):  # another provider cannot touch it
        orders.provider_action(wrt, "someone-else", o["order"], "confirm", actor="staff:y", key="confirm-y")
    orders.provider_action(wrt, DEMO_PROVIDER, o["order"], "confirm", actor="staff:x", key="confirm-1")
    with pytest.raises(ConflictError):  # too late to cancel
        orders.cancel(wrt, wid, o["order"], key="cancel-1")
    orders.provider_action(wrt, DEMO_PROVIDER, o["order"], "deliver", actor="staff:x", key="deliver-1")
    assert (_bal(wrt, "reserved", str(wid)), _bal(wrt, "provider", DEMO_PROVIDER)) == (0, price)
    refunds.refund(wrt, o["order"], actor="staff:admin", key="refund-1", note="not delivered after all")
    assert (_bal(wrt, "wallet", str(wid)), _bal(wrt, "provider", DEMO_PROVIDER)) == (15000, 0)
    with wrt.db.session() as s:
        actions = list(s.execute(select(AuditEvent.action).where(AuditEvent.target == o["order"])
                                 .order_by(AuditEvent.id)).scalars())
        assert s.execute(select(Order.contact_enc).where(Order.code == o["order"])).scalar() is None
    assert actions == ["order_place", "order_confirm", "order_deliver", "order_refund"]


def test_cancel_and_reject_release(wrt: Runtime) -> None:
    wid = _wallet(wrt)
    a = orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="order-a")
    b = orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[1], contact=None, key="order-b")
    orders.cancel(wrt, wid, a["order"], key="cancel-a")
    orders.provider_action(wrt, DEMO_PROVIDER, b["order"], "reject", actor="staff:x", key="reject-b")
    assert _bal(wrt, "wallet", str(wid)) == 15000 and _bal(wrt, "reserved", str(wid)) == 0
    # once a service was cancelled it can be ordered again
    orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="order-a2")


def test_once_per_service_caps_and_balance(wrt: Runtime) -> None:
    pid = load(wrt, programme("small", budget=100_000, amount=6000, caps={"peer_support": 4000}, once=False))
    wid = _wallet(wrt, pid)
    orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="cap-1")
    with pytest.raises(ConflictError, match="limit"):  # 2 × 2500 > 4000 cap
        orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="cap-2")
    with pytest.raises(ConflictError, match="not enough"):  # 2500 + 4900 > 6000
        orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[1], contact=None, key="cap-3")
    demo = _wallet(wrt)
    orders.place(wrt, demo, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="once-1")
    with pytest.raises(ConflictError, match="already ordered"):
        orders.place(wrt, demo, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="once-2")
    with pytest.raises(NotFoundError):
        orders.place(wrt, demo, provider_id=DEMO_PROVIDER, service_id="not-in-programme", contact=None, key="once-3")


def test_idempotency_same_key_same_result_other_request_409(wrt: Runtime) -> None:
    wid = _wallet(wrt)
    a = orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="same-key-1")
    b = orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="same-key-1")
    assert b["order"] == a["order"] and b["replayed"]
    with pytest.raises(ConflictError, match="idempotency"):
        orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[1], contact=None, key="same-key-1")
    with pytest.raises(InputError):
        orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[1], contact=None, key="x")
    with wrt.db.session() as s:
        assert s.execute(select(func.count()).select_from(Order)).scalar() == 1


def test_budget_runs_out_and_blocked_wallet_cannot_order(wrt: Runtime) -> None:
    pid = load(wrt, programme("tiny", budget=20000, amount=15000))
    _, codes = wallets.issue_codes(wrt, pid, 2, actor="test")
    wid = wallets.claim(wrt, codes[0], age=None, municipality=None, key="tiny-1")["wallet_id"]
    with pytest.raises(ConflictError):
        wallets.claim(wrt, codes[1], age=None, municipality=None, key="tiny-2")
    incidents.block(wrt, "wallet", f"wallet:{wid}", True, actor="staff:admin")
    with pytest.raises(ConflictError):
        orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="blocked-1")


def test_signed_in_person_needs_eligibility(wrt: Runtime) -> None:
    with pytest.raises(InputError, match="age"):
        wallets.open_for_person(wrt, "subj-1", DEMO_ID, wallets.Facts(age=40), key="person-1")
    first = wallets.open_for_person(wrt, "subj-1", DEMO_ID, wallets.Facts(age=16), key="person-2")
    second = wallets.open_for_person(wrt, "subj-1", DEMO_ID, wallets.Facts(age=16), key="person-3")
    assert second["wallet_id"] == first["wallet_id"] and second["existing"]
    assert wallets.wallets_of_person(wrt, "subj-1") == {DEMO_ID: first["wallet_id"]}


def test_expiry_returns_unspent_money(wrt: Runtime) -> None:
    from datetime import timedelta

    from auroranet.db.core import utcnow

    wid = _wallet(wrt)
    orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="exp-1")
    before = _bal(wrt, "programme", DEMO_ID)
    counts = wallets.expire_wallets(wrt, now=utcnow() + timedelta(days=4000))
    assert counts["expired"] == 1 and counts["returned_cents"] == 12500
    assert _bal(wrt, "programme", DEMO_ID) == before + 12500 and _bal(wrt, "reserved", str(wid)) == 2500


def test_every_journal_entry_sums_to_zero(wrt: Runtime) -> None:
    wid = _wallet(wrt)
    orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="sum-1")
    with wrt.db.session() as s:
        sums = s.execute(select(Posting.journal_id, func.sum(Posting.amount_cents), func.count())
                         .group_by(Posting.journal_id)).all()
        total = s.execute(select(func.sum(Account.balance))).scalar()
    assert sums and all(r[1] == 0 and r[2] >= 2 for r in sums) and total == 0


def test_programme_files_are_validated(tmp_path: Path) -> None:
    import json

    from auroranet.errors import ImportFormatError
    from auroranet.wallet.programmes import DEMO_PROGRAMME, eligible, read_dir, read_file

    good = json.loads(DEMO_PROGRAMME.read_text())
    (tmp_path / "a.json").write_text(json.dumps({**good, "id": "other-one"}))
    assert [s.id for s in read_dir(tmp_path, life_events=builtin_life_events())] == ["nuoret-omaishoitajat", "other-one"]
    for bad, field in (({**good, "surprise": 1}, "surprise"), ({**good, "valid_until": "2025-01-01"}, "valid_until"),
                       ({**good, "eligibility": {"life_events": ["nope"]}}, "life events")):
        (tmp_path / "b.json").write_text(json.dumps(bad))
        with pytest.raises(ImportFormatError, match=field):
            read_file(tmp_path / "b.json", life_events=builtin_life_events())
    spec = read_file(DEMO_PROGRAMME, life_events=builtin_life_events())
    assert eligible(spec, age=14, municipality=None, life_event=None, meters={}) == []
    assert eligible(spec, age=26, municipality=None, life_event=None, meters={}) == ["age"]
    assert eligible(spec, age=None, municipality=None, life_event=None, meters={}) == ["age"]
