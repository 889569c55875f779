"""Property tests of settlement with refunds, reversals and disputes (SQLite and PostgreSQL): random
sequences of delivered orders, monthly settlements, refunds before and after settlement, disputes
(upheld, rejected) and order blocks. After each step the ledger invariants of test_ledger_properties
hold (sums zero, no balance below zero, provider accounts equal their delivered unsettled orders, payouts
equal the settlements, clawbacks equal the reversals less what was netted off), and at the end every
provider was paid exactly what was captured from it less what was refunded after settlement and is
still owed back."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from auroranet.errors import AuroraError
from auroranet.runtime import Runtime
from auroranet.wallet import incidents, orders, refunds, settlement, wallets
from auroranet.wallet.ledger import PAYOUTS, balance
from auroranet.wallet.models import Journal, Posting
from tests.wallet.conftest import DEMO_PROVIDER, SERVICES, load, programme
from tests.wallet.test_ledger_properties import _check_invariants

_ids, _months = itertools.count(), itertools.count(1000)
STEPS = st.lists(st.tuples(st.sampled_from(["deliver", "deliver", "settle", "refund", "dispute", "uphold", "reject",
                                            "block", "unblock"]), st.integers(0, 7)), min_size=1, max_size=20)


def _captured_total(rt: Runtime) -> int:
    with rt.db.session() as s:
        return int(s.execute(select(func.coalesce(func.sum(Posting.amount_cents), 0))
                             .join(Journal, Journal.id == Posting.journal_id)
                             .where(Journal.kind == "capture", Posting.amount_cents > 0)).scalar() or 0)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(steps=STEPS)
def test_settlements_net_off_reversals(wrt: Runtime, steps: list[tuple[str, int]]) -> None:
    granted = 20000
    pid = load(wrt, programme(f"sp-{next(_ids)}", budget=200000, amount=granted, once=False))
    _, codes = wallets.issue_codes(wrt, pid, 1, actor="test")
    wid = int(wallets.claim(wrt, codes[0], age=None, municipality=None, key=f"sp-{codes[0]}")["wallet_id"])
    made: list[str] = []
    for i, (op, target) in enumerate(steps):
        key = f"sp-{pid}-{i}"
        try:
            if op == "deliver":
                code = str(orders.place(wrt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[target % 3],
                                        contact=None, key=key)["order"])
                for step in ("confirm", "deliver"):
                    orders.provider_action(wrt, DEMO_PROVIDER, code, step, actor="staff:p", key=f"{key}-{step}")
                made.append(code)
            elif op == "settle":
                n = next(_months)
                settlement.settle(wrt, f"{2030 + n // 12}-{n % 12 + 1:02d}", actor="test")
            elif made:
                code = made[target % len(made)]
                if op == "refund":
                    refunds.refund(wrt, code, actor="staff:a", key=key)
                elif op == "dispute":
                    refunds.open_dispute(wrt, code, actor="staff:a", key=key)
                elif op in ("uphold", "reject"):
                    refunds.resolve_dispute(wrt, code, "upheld" if op == "uphold" else "rejected", actor="staff:a",
                                            key=key)
                else:
                    incidents.block(wrt, "order", code, op == "block", actor="staff:a")
        except AuroraError:
            pass  # refused (state, funds, no open dispute …): the books must still hold
        _check_invariants(wrt, [wid], granted)
    with wrt.db.session() as s:
        owed_back = -balance(s, refunds.clawback_account(DEMO_PROVIDER))
        reversed_ = int(s.execute(select(func.coalesce(func.sum(Posting.amount_cents), 0))
                                  .join(Journal, Journal.id == Posting.journal_id)
                                  .where(Journal.kind.in_(("refund", "reversal")), Posting.amount_cents > 0)).scalar() or 0)
        paid, still_owed = balance(s, PAYOUTS), balance(s, ("provider", DEMO_PROVIDER))
    assert paid == _captured_total(wrt) - reversed_ - still_owed + owed_back
