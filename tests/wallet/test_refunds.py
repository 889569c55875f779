"""Refunds and disputes on SQLite and PostgreSQL: a refund after settlement is a ledger reversal that the
provider's next settlement nets off (CSV column, pain.001 amount), a clawback larger than a month's
captures carries over, a refund to an expired wallet goes back to the programme; disputes hold an order
out of settlement, upheld refunds it, rejected lets it settle; all idempotent and audited."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as etree
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from auroranet.db.core import utcnow
from auroranet.errors import ConflictError, InputError
from auroranet.runtime import Runtime
from auroranet.wallet import orders, refunds, settlement, wallets
from auroranet.wallet.ledger import PAYOUTS, balance
from auroranet.wallet.models import AuditEvent, Journal, Order, Posting, Wallet
from tests.wallet.conftest import DEMO_ID, DEMO_PROVIDER, SERVICES

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
PRICES = [2500, 4900, 3500]
CLAWBACK = refunds.clawback_account(DEMO_PROVIDER)


def _delivered(rt: Runtime, n: int, tag: str) -> list[tuple[int, str]]:
    _, codes = wallets.issue_codes(rt, DEMO_ID, n, actor="test")
    out = []
    for i, c in enumerate(codes):
        wid = int(wallets.claim(rt, c, age=None, municipality=None, key=f"{tag}-{c}")["wallet_id"])
        code = str(orders.place(rt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[i % 3], contact=None,
                                key=f"{tag}-o-{i}")["order"])
        for op in ("confirm", "deliver"):
            orders.provider_action(rt, DEMO_PROVIDER, code, op, actor="staff:p", key=f"{tag}-{op}-{i}")
        out.append((wid, code))
    return out


def _bal(rt: Runtime, ref: tuple[str, str]) -> int:
    with rt.db.session() as s:
        return balance(s, ref)


def _months() -> tuple[str, str]:
    """Last month and this month: orders are back-dated into last month to settle them there."""
    return (utcnow() - timedelta(days=40)).strftime("%Y-%m"), utcnow().strftime("%Y-%m")


def _backdate(rt: Runtime, codes: list[str]) -> None:
    with rt.writes, rt.db.session() as s:
        s.execute(update(Order).where(Order.code.in_(codes)).values(delivered_at=utcnow() - timedelta(days=40)))


def test_a_refund_after_settlement_is_netted_off_the_next_batch(wrt: Runtime) -> None:
    first = _delivered(wrt, 2, "a")  # 2500 + 4900
    _backdate(wrt, [c for _, c in first])
    last, this = _months()
    assert settlement.settle(wrt, last, actor="test").total_cents == 7400
    wid, code = first[1]
    before = _bal(wrt, ("wallet", str(wid)))
    result = refunds.refund(wrt, code, actor="staff:a", key="late-1", note="never came")
    assert result == {"order": code, "status": "refunded"}
    assert refunds.refund(wrt, code, actor="staff:a", key="late-1", note="never came")["replayed"]
    assert _bal(wrt, ("wallet", str(wid))) == before + 4900 and _bal(wrt, CLAWBACK) == -4900
    with wrt.db.session() as s:
        kinds = list(s.execute(select(Journal.kind).join(Order, Order.id == Journal.order_id)
                               .where(Order.code == code).order_by(Journal.id)).scalars())
    assert kinds == ["reserve", "capture", "reversal"]
    more = _delivered(wrt, 3, "b")  # 2500 + 4900 + 3500 this month
    batch = settlement.settle(wrt, this, actor="test")
    [line] = batch.lines
    assert (line.orders, line.clawback_cents, line.amount_cents) == (3, 4900, 10900 - 4900)
    assert _bal(wrt, CLAWBACK) == 0 and _bal(wrt, ("provider", DEMO_PROVIDER)) == 0
    assert _bal(wrt, PAYOUTS) == 7400 + 6000
    row = next(csv.DictReader(io.StringIO(settlement.to_csv(batch))))
    assert (row["clawback_cents"], row["amount_cents"]) == ("4900", "6000")
    doc = etree.fromstring(settlement.to_pain001(wrt, batch))
    assert doc.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS) == "60.00"
    assert len(more) == 3
    with pytest.raises(ConflictError):  # refunded already
        refunds.refund(wrt, code, actor="staff:a", key="late-2")


def test_a_clawback_larger_than_the_captures_carries_over(wrt: Runtime) -> None:
    first = _delivered(wrt, 2, "c")
    _backdate(wrt, [c for _, c in first])
    last, this = _months()
    settlement.settle(wrt, last, actor="test")
    for i, (_, code) in enumerate(first):
        refunds.refund(wrt, code, actor="staff:a", key=f"c-r-{i}")
    assert _bal(wrt, CLAWBACK) == -7400
    _delivered(wrt, 1, "d")  # 2500
    batch = settlement.settle(wrt, this, actor="test")
    assert [(x.clawback_cents, x.amount_cents) for x in batch.lines] == [(2500, 0)]
    assert batch.payable == [] and _bal(wrt, CLAWBACK) == -4900  # the rest waits for the next batch
    with pytest.raises(InputError, match="nothing to pay"):
        settlement.to_pain001(wrt, batch)


def test_a_refund_to_an_expired_wallet_goes_back_to_the_programme(wrt: Runtime) -> None:
    [(wid, code)] = _delivered(wrt, 1, "e")
    with wrt.writes, wrt.db.session() as s:
        s.execute(update(Wallet).where(Wallet.id == wid).values(expires_at=utcnow() - timedelta(days=1)))
    wallets.expire_wallets(wrt)
    programme = _bal(wrt, ("programme", DEMO_ID))
    refunds.refund(wrt, code, actor="staff:a", key="e-ref")
    assert _bal(wrt, ("wallet", str(wid))) == 0 and _bal(wrt, ("programme", DEMO_ID)) == programme + 2500


def test_disputes_hold_uphold_and_reject(wrt: Runtime) -> None:
    pairs = _delivered(wrt, 3, "f")
    codes = [c for _, c in pairs]
    for i, code in enumerate(codes[:2]):
        assert refunds.open_dispute(wrt, code, actor="staff:a", key=f"f-d-{i}", note="not as described")["dispute"] == "open"
    with pytest.raises(ConflictError, match="already"):
        refunds.open_dispute(wrt, codes[0], actor="staff:a", key="f-d-again")
    this = utcnow().strftime("%Y-%m")
    batch = settlement.settle(wrt, this, actor="test")
    assert [(x.orders, x.amount_cents) for x in batch.lines] == [(1, 3500)]  # both disputed ones held back
    assert [d.order for d in refunds.disputes(wrt, [DEMO_ID], "open")] == list(reversed(codes[:2]))
    with pytest.raises(InputError):
        refunds.resolve_dispute(wrt, codes[0], "maybe", actor="staff:a", key="f-xx")
    up = refunds.resolve_dispute(wrt, codes[0], "upheld", actor="staff:a", key="f-up")
    assert (up["dispute"], up["status"]) == ("upheld", "refunded")
    assert refunds.resolve_dispute(wrt, codes[0], "upheld", actor="staff:a", key="f-up")["replayed"]
    with pytest.raises(ConflictError, match="no open dispute"):
        refunds.resolve_dispute(wrt, codes[0], "rejected", actor="staff:a", key="f-r0")
    assert refunds.resolve_dispute(wrt, codes[1], "rejected", actor="staff:a", key="f-rej")["status"] == "delivered"
    nxt = (utcnow() + timedelta(days=32)).strftime("%Y-%m")
    assert [(x.orders, x.amount_cents) for x in settlement.settle(wrt, nxt, actor="test").lines] == [(1, 4900)]
    assert _bal(wrt, ("wallet", str(pairs[0][0]))) == 15000
    with pytest.raises(ConflictError):  # only delivered orders are disputed
        refunds.open_dispute(wrt, codes[0], actor="staff:a", key="f-d-refunded")
    with wrt.db.session() as s:
        actions = list(s.execute(select(AuditEvent.action).where(AuditEvent.action.like("dispute_%"))).scalars())
        assert sorted(actions) == ["dispute_open", "dispute_open", "dispute_rejected", "dispute_upheld"]
        for total in s.execute(select(func.sum(Posting.amount_cents)).group_by(Posting.journal_id)).scalars():
            assert total == 0


def test_cli_dispute_and_refund(tmp_path: Path) -> None:
    from auroranet.cli import app
    from auroranet.cliutil import runtime_for

    data, runner = tmp_path / "cli-data", CliRunner()
    assert runner.invoke(app, ["--data-dir", str(data), "wallet", "seed-demo"]).exit_code == 0
    rt = runtime_for(data)
    try:
        [(_, code), (_, other)] = _delivered(rt, 2, "cli")
    finally:
        rt.writes.close()
    out = runner.invoke(app, ["--data-dir", str(data), "wallet", "orders", "dispute", code, "--note", "late"])
    assert out.exit_code == 0 and f"{code}: dispute open" in out.output
    out = runner.invoke(app, ["--data-dir", str(data), "wallet", "orders", "dispute", code, "--resolve", "upheld"])
    assert out.exit_code == 0 and "dispute upheld" in out.output
    again = runner.invoke(app, ["--data-dir", str(data), "wallet", "orders", "refund", code])
    assert again.exit_code == 5  # refunded already: a conflict
    bad = runner.invoke(app, ["--data-dir", str(data), "wallet", "orders", "dispute", other, "--resolve", "maybe"])
    assert bad.exit_code == 2
    out = runner.invoke(app, ["--data-dir", str(data), "wallet", "orders", "refund", other])
    assert out.exit_code == 0 and "refunded" in out.output
