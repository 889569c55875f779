"""The double-entry ledger: every movement of money is one journal entry with two or more postings
that sum to zero, written in the caller's transaction together with the balances it changes.

    post(s, "reserve", actor, [(("wallet", "7"), -1500), (("reserved", "7"), 1500)], order_id=3)

Accounts are locked in id order (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the caller holds the
write lock ``rt.writes``), the new balances are checked (only ``external`` accounts may go below zero)
and a database check constraint backs that up. Account kinds and what their ref names:

    external:funding   where budgets come from (goes negative by what was granted to programmes)
    external:payouts   what left to providers' bank accounts in settlement batches
    programme:<id>     unallocated budget        wallet:<id>    what a person can spend
    reserved:<id>      a wallet's open orders    provider:<id>  captured, owed to the provider
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from contextlib import contextmanager
from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from auroranet.errors import ConflictError
from auroranet.runtime import Runtime
from auroranet.wallet.models import Account, AuditEvent, Journal, Posting

AccountRef = tuple[str, str]
Leg = tuple[AccountRef, int]
KINDS = ("external", "programme", "wallet", "reserved", "provider")
FUNDING: AccountRef = ("external", "funding")
PAYOUTS: AccountRef = ("external", "payouts")


class InsufficientFunds(ConflictError):
    pass


@contextmanager
def tx(rt: Runtime) -> Iterator[Session]:
    """One write transaction under the SQLite write lock (a no-op on PostgreSQL, where rows are locked)."""
    with rt.writes, rt.db.session() as s:
        yield s


def ensure(s: Session, *refs: AccountRef) -> None:
    """Create the accounts that do not exist yet (balance 0)."""
    for kind, ref in refs:
        assert kind in KINDS, kind
        if s.execute(select(Account.id).where(Account.kind == kind, Account.ref == ref)).first() is None:
            s.add(Account(kind=kind, ref=ref, balance=0))
    s.flush()


def post(s: Session, kind: str, actor: str, legs: Sequence[Leg], *, order_id: int | None = None) -> Journal:
    """Write one balanced journal entry; raises ``InsufficientFunds`` when an account would go below zero."""
    if len(legs) < 2 or sum(a for _, a in legs) != 0 or any(a == 0 for _, a in legs):
        raise ValueError(f"unbalanced journal entry: {legs}")
    refs = sorted({r for r, _ in legs})
    accounts = s.execute(select(Account).where(tuple_(Account.kind, Account.ref).in_(refs)).order_by(Account.id)
                         .with_for_update().execution_options(populate_existing=True)).scalars().all()
    by_ref = {(a.kind, a.ref): a for a in accounts}
    if len(by_ref) != len(refs):
        raise ValueError(f"missing accounts: {set(refs) - set(by_ref)}")
    delta: dict[AccountRef, int] = {}
    for ref, amount in legs:
        delta[ref] = delta.get(ref, 0) + amount
    for ref, d in delta.items():
        if ref[0] != "external" and by_ref[ref].balance + d < 0:
            raise InsufficientFunds(f"not enough money on {ref[0]} account")
    journal = Journal(kind=kind, actor=actor, order_id=order_id)
    s.add(journal)
    s.flush()
    for ref, amount in legs:
        s.add(Posting(journal_id=journal.id, account_id=by_ref[ref].id, amount_cents=amount))
    for ref, d in delta.items():
        by_ref[ref].balance += d
    s.flush()
    return journal


def balance(s: Session, ref: AccountRef) -> int:
    value = s.execute(select(Account.balance).where(Account.kind == ref[0], Account.ref == ref[1])).scalar()
    return int(value or 0)


def audit(s: Session, actor: str, action: str, target: str, **detail: Any) -> None:
    """One audit row: ids, amounts and states only, never personal data."""
    s.add(AuditEvent(actor=actor[:100], action=action, target=target[:100], detail=detail))
