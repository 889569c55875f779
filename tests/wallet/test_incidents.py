"""Incident handling on SQLite and PostgreSQL: block and unblock a wallet (by wallet:<id>, an order code or
its claim code), a claim code and an order; flag a suspected fraud with a note; every change audited
without the note's text; a block racing many orders never lets an order through once it has committed;
the CLI commands."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from auroranet.db.core import utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.runtime import Runtime
from auroranet.wallet import incidents, orders, settlement, wallets
from auroranet.wallet.models import AuditEvent, Order
from tests.wallet.conftest import DEMO_ID, DEMO_PROVIDER, SERVICES, load, programme


def _claimed(rt: Runtime, pid: str = DEMO_ID) -> tuple[str, int]:
    _, codes = wallets.issue_codes(rt, pid, 1, actor="test")
    return codes[0], int(wallets.claim(rt, codes[0], age=None, municipality=None, key=f"cl-{codes[0]}")["wallet_id"])


def _order(rt: Runtime, wid: int, i: int, key: str) -> str:
    return str(orders.place(rt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[i], contact=None, key=key)["order"])


def _audit(rt: Runtime) -> list[tuple[str, str, dict[str, object]]]:
    with rt.db.session() as s:
        return [(a.action, a.target, a.detail) for a in s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()]


def test_a_blocked_wallet_cannot_order_by_any_of_its_names(wrt: Runtime) -> None:
    claim, wid = _claimed(wrt)
    first = _order(wrt, wid, 0, "blk-1")
    for name in (f"wallet:{wid}", first, claim):
        assert incidents.block(wrt, "wallet", name, True, actor="staff:a", note="phone stolen") == f"wallet:{wid}"
        with pytest.raises(ConflictError, match="blocked"):
            _order(wrt, wid, 1, f"blk-2-{name}")
        assert incidents.programme_of(wrt, "wallet", name) == DEMO_ID
        incidents.block(wrt, "wallet", name, False, actor="staff:a")
    assert _order(wrt, wid, 1, "blk-3")  # unblocked: it orders again
    events = [e for e in _audit(wrt) if e[0] in ("wallet_block", "wallet_unblock")]
    assert [e[0] for e in events] == ["wallet_block", "wallet_unblock"] * 3
    assert all(e[1] == f"wallet:{wid}" for e in events)
    assert "phone stolen" not in repr(_audit(wrt))  # the note is not copied into the audit trail
    for bad in ("wallet:abc", "wallet:99999999", "wallet:99999999999", "T-NOTHING1", "", "wallet:" + "9" * 40):
        with pytest.raises((NotFoundError, InputError)):
            incidents.block(wrt, "wallet", bad, True, actor="staff:a")
    with pytest.raises(InputError):
        incidents.block(wrt, "person", f"wallet:{wid}", True, actor="staff:a")


def test_claim_codes_block_and_unblock(wrt: Runtime) -> None:
    _, codes = wallets.issue_codes(wrt, DEMO_ID, 1, actor="test")
    assert incidents.block(wrt, "code", codes[0], True, actor="staff:a").startswith("code:")
    with pytest.raises(NotFoundError, match="blocked"):
        wallets.claim(wrt, codes[0], age=None, municipality=None, key="cc-1")
    incidents.block(wrt, "code", codes[0].lower(), False, actor="staff:a")
    assert wallets.claim(wrt, codes[0], age=None, municipality=None, key="cc-2")["wallet_code"]
    with pytest.raises(NotFoundError):
        incidents.block(wrt, "code", "AAAA-BBBB-CCCC", True, actor="staff:a")
    assert [e[0] for e in _audit(wrt) if e[0].startswith("code_")] == ["code_block", "code_unblock"]


def test_a_blocked_order_is_not_confirmed_delivered_or_settled(wrt: Runtime) -> None:
    _, wid = _claimed(wrt)
    code = _order(wrt, wid, 0, "bo-1")
    orders.provider_action(wrt, DEMO_PROVIDER, code, "confirm", actor="staff:p", key="bo-c")
    incidents.block(wrt, "order", code, True, actor="staff:a", note="checking")
    with pytest.raises(ConflictError, match="blocked"):
        orders.provider_action(wrt, DEMO_PROVIDER, code, "deliver", actor="staff:p", key="bo-d")
    incidents.block(wrt, "order", code, False, actor="staff:a")
    orders.provider_action(wrt, DEMO_PROVIDER, code, "deliver", actor="staff:p", key="bo-d2")
    incidents.block(wrt, "order", code, True, actor="staff:a")  # delivered but blocked: held out of settlement
    month = utcnow().strftime("%Y-%m")
    assert settlement.settle(wrt, month, actor="test").lines == []
    incidents.block(wrt, "order", code, False, actor="staff:a")
    next_month = f"{int(month[:4]) + (month[5:] == '12')}-{int(month[5:]) % 12 + 1:02d}"
    assert settlement.settle(wrt, next_month, actor="test").total_cents == 2500
    assert orders.of_provider(wrt, DEMO_PROVIDER)[0].blocked is False


def test_flag_keeps_the_note_on_the_order_only(wrt: Runtime) -> None:
    _, wid = _claimed(wrt)
    code = _order(wrt, wid, 2, "fl-1")
    incidents.flag(wrt, code.lower(), True, actor="staff:a", note="n" * 500)
    with wrt.db.session() as s:
        o = s.execute(select(Order).where(Order.code == code)).scalar_one()
        assert o.flagged and o.note == "n" * 200
    assert ("order_flag", code, {"note_chars": 200}) in _audit(wrt)
    with pytest.raises(NotFoundError):
        incidents.flag(wrt, "T-XXXXXXXX", True, actor="staff:a")


def test_a_block_racing_orders_never_lets_one_through_after_it_commits(wrt: Runtime) -> None:
    """Many threads order against one wallet while another blocks it. Every order that succeeded was
    written before the block (its audit row comes first: both lock the wallet row), and every order
    attempted after the block returned is refused."""
    pid = load(wrt, programme("race", budget=1_000_000, amount=100_000, once=False))
    _, wid = _claimed(wrt, pid)
    blocked = threading.Event()
    start = threading.Barrier(9)
    seen_at_block: list[int] = []

    def order(i: int) -> tuple[bool, bool]:
        start.wait()
        outcomes = []
        for j in range(6):
            after = blocked.is_set()
            try:
                _order(wrt, wid, 0, f"race-{i}-{j}")
                outcomes.append((after, True))
            except ConflictError:
                outcomes.append((after, False))
        return any(a and ok for a, ok in outcomes), any(ok for _, ok in outcomes)

    def block() -> None:
        start.wait()
        incidents.block(wrt, "wallet", f"wallet:{wid}", True, actor="staff:a")
        blocked.set()
        seen_at_block.append(_count(wrt, wid))  # committed orders once the block has committed

    with ThreadPoolExecutor(9) as pool:
        blocker = pool.submit(block)
        results = list(pool.map(order, range(8)))
        blocker.result()
    assert not any(late for late, _ in results)  # nothing got through once the block had committed
    with wrt.db.session() as s:
        rows = s.execute(select(AuditEvent.id, AuditEvent.action).where(
            AuditEvent.action.in_(("order_place", "wallet_block"))).order_by(AuditEvent.id)).all()
    block_at = next(i for i, (_, action) in enumerate(rows) if action == "wallet_block")
    assert all(action == "order_place" for _, action in rows[:block_at]) and len(rows) == block_at + 1
    assert _count(wrt, wid) == seen_at_block[0]  # none committed after the block
    with pytest.raises(ConflictError):
        _order(wrt, wid, 0, "race-after")


def _count(rt: Runtime, wid: int) -> int:
    with rt.db.session() as s:
        return len(s.execute(select(Order.id).where(Order.wallet_id == wid)).all())


def test_cli_block_and_flag(tmp_path: Path) -> None:
    from auroranet.cli import app

    data, runner = tmp_path / "cli-data", CliRunner()
    assert runner.invoke(app, ["--data-dir", str(data), "wallet", "seed-demo"]).exit_code == 0
    issued = runner.invoke(app, ["--data-dir", str(data), "wallet", "codes", "issue", "--programme", DEMO_ID, "--count", "1"])
    code = [x for x in issued.output.splitlines() if not x.startswith("#")][0]
    out = runner.invoke(app, ["--data-dir", str(data), "wallet", "block", "code", code, "--note", "lost"])
    assert out.exit_code == 0 and "blocked" in out.output
    out = runner.invoke(app, ["--data-dir", str(data), "wallet", "block", "code", code, "--unblock"])
    assert out.exit_code == 0 and "unblocked" in out.output
    missing = runner.invoke(app, ["--data-dir", str(data), "wallet", "block", "order", "T-NOTHING1"])
    assert missing.exit_code == 4
    bad = runner.invoke(app, ["--data-dir", str(data), "wallet", "block", "person", "x"])
    assert bad.exit_code == 2
