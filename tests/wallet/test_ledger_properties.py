"""Property tests of the ledger through the real use cases (SQLite and PostgreSQL): random sequences of
orders, cancellations, confirmations, deliveries, rejections, refunds (before and after settlement),
disputes, blocks and settlements, with idempotency keys drawn from a small pool so that retries and key
clashes happen. After each step: every journal entry has at least two postings summing to zero, all
balances sum to zero and equal their postings, no account but the external ones is below zero, a wallet
never spends more than it was granted, no order is captured twice, a provider's account holds exactly
its delivered unsettled orders, payouts are the settlements' amounts, and a clawback account is what
was refunded after settlement less what settlements netted off. Replaying every successful request
changes nothing."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from auroranet.errors import AuroraError
from auroranet.runtime import Runtime
from auroranet.wallet import incidents, orders, refunds, settlement, wallets
from auroranet.wallet.ledger import PAYOUTS, balance
from auroranet.wallet.models import Account, Journal, Order, Posting, Settlement
from auroranet.wallet.refunds import clawback_account
from tests.wallet.conftest import DEMO_PROVIDER, SERVICES, load, programme

_ids = itertools.count()
_months = itertools.count()
OPS = st.tuples(st.sampled_from(["place", "cancel", "confirm", "reject", "deliver", "refund", "settle", "dispute",
                                 "uphold", "reject_dispute", "block"]),
                st.integers(0, 2), st.integers(0, 5), st.integers(0, 3))


def _snapshot(rt: Runtime) -> tuple[int, list[tuple[str, str, int]]]:
    with rt.db.session() as s:
        n = int(s.execute(select(func.count()).select_from(Posting)).scalar() or 0)
        accounts = [(a.kind, a.ref, a.balance) for a in s.execute(select(Account).order_by(Account.id)).scalars()]
    return n, accounts


def _check_invariants(rt: Runtime, wallet_ids: list[int], granted: int) -> None:
    with rt.db.session() as s:
        for jid, total, n in s.execute(select(Posting.journal_id, func.sum(Posting.amount_cents), func.count())
                                       .group_by(Posting.journal_id)):
            assert total == 0 and n >= 2, (jid, total, n)
        for acc in s.execute(select(Account)).scalars():
            posted = s.execute(select(func.coalesce(func.sum(Posting.amount_cents), 0))
                               .where(Posting.account_id == acc.id)).scalar()
            assert acc.balance == posted, (acc.kind, acc.ref)
            assert acc.kind == "external" or acc.balance >= 0
        assert sum(a.balance for a in s.execute(select(Account)).scalars()) == 0
        owed = s.execute(select(func.coalesce(func.sum(Order.amount_cents), 0)).where(
            Order.provider_id == DEMO_PROVIDER, Order.status == "delivered", Order.settlement_id.is_(None))).scalar()
        assert balance(s, ("provider", DEMO_PROVIDER)) == owed
        assert balance(s, PAYOUTS) == s.execute(select(func.coalesce(func.sum(Settlement.amount_cents), 0))).scalar()
        reversed_ = s.execute(select(func.coalesce(func.sum(Order.amount_cents), 0)).where(
            Order.provider_id == DEMO_PROVIDER, Order.status == "refunded", Order.settlement_id.is_not(None))).scalar()
        netted = s.execute(select(func.coalesce(func.sum(Settlement.clawback_cents), 0))
                           .where(Settlement.provider_id == DEMO_PROVIDER)).scalar()
        assert balance(s, clawback_account(DEMO_PROVIDER)) == netted - reversed_
        captures = s.execute(select(Journal.order_id, func.count()).where(Journal.kind == "capture")
                             .group_by(Journal.order_id)).all()
        assert all(n == 1 for _, n in captures)
        for wid in wallet_ids:
            os_ = list(s.execute(select(Order).where(Order.wallet_id == wid)).scalars())
            spent = sum(o.amount_cents for o in os_ if o.status == "delivered")
            held = sum(o.amount_cents for o in os_ if o.status in ("ordered", "confirmed"))
            bal = {a.kind: a.balance for a in s.execute(select(Account).where(Account.ref == str(wid))).scalars()}
            assert bal["reserved"] == held
            assert bal["wallet"] + held + spent == granted and spent + held <= granted


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(ops=st.lists(OPS, min_size=1, max_size=18))
def test_random_sequences_keep_the_books(wrt: Runtime, ops: list[tuple[str, int, int, int]]) -> None:
    granted = 9000
    pid = load(wrt, programme(f"prop-{next(_ids)}", budget=30000, amount=granted, once=False,
                              caps={"wellbeing": 9000}))
    _, codes = wallets.issue_codes(wrt, pid, 2, actor="test")
    wids = [int(wallets.claim(wrt, c, age=None, municipality=None, key=f"cl-{c}")["wallet_id"]) for c in codes]
    placed: list[tuple[int, str]] = []
    done: list[tuple[str, tuple[object, ...], dict[str, object]]] = []
    for op, w, target, key in ops:
        wid = wids[w % 2]
        k = f"key-{op}-{key}"
        try:
            if op == "place":
                args: tuple[object, ...] = (wrt, wid)
                kw: dict[str, object] = dict(provider_id=DEMO_PROVIDER, service_id=SERVICES[target % 3], contact=None,
                                             key=f"{k}-{target % 3}")
                res = orders.place(*args, **kw)  # type: ignore[arg-type]
                if not res.get("replayed"):
                    placed.append((wid, str(res["order"])))
                done.append(("place", args, kw))
                continue
            if op == "settle":
                n = next(_months)
                month = f"{2030 + n // 12}-{n % 12 + 1:02d}"
                if settlement.settle(wrt, month, actor="test").lines:  # a month with nothing settled stays open
                    done.append(("settle", (wrt, month), dict(actor="test")))
                _check_invariants(wrt, wids, granted)
                continue
            if not placed:
                continue
            owner, code = placed[target % len(placed)]
            if op == "block":
                incidents.block(wrt, "order", code, key % 2 == 0, actor="staff:admin")
            elif op == "dispute":
                refunds.open_dispute(wrt, code, actor="staff:admin", key=k)
                done.append(("open_dispute", (wrt, code), dict(actor="staff:admin", key=k)))
            elif op in ("uphold", "reject_dispute"):
                outcome = "upheld" if op == "uphold" else "rejected"
                refunds.resolve_dispute(wrt, code, outcome, actor="staff:admin", key=k)
                done.append(("resolve_dispute", (wrt, code, outcome), dict(actor="staff:admin", key=k)))
            elif op == "cancel":
                orders.cancel(wrt, owner, code, key=k)
                done.append(("cancel", (wrt, owner, code), dict(key=k)))
            elif op == "refund":
                refunds.refund(wrt, code, actor="staff:admin", key=k)
                done.append(("refund", (wrt, code), dict(actor="staff:admin", key=k)))
            else:
                orders.provider_action(wrt, DEMO_PROVIDER, code, op, actor="staff:p", key=k)
                done.append(("provider_action", (wrt, DEMO_PROVIDER, code, op), dict(actor="staff:p", key=k)))
        except AuroraError:
            pass  # refused (state, funds, cap or a key reused for another request): the books must still hold
        _check_invariants(wrt, wids, granted)
    before = _snapshot(wrt)
    for name, args, kw in done:  # every successful request, retried with its key: nothing changes
        module = refunds if name in ("refund", "open_dispute", "resolve_dispute") else \
            settlement if name == "settle" else orders
        getattr(module, name)(*args, **kw)
    assert _snapshot(wrt) == before
