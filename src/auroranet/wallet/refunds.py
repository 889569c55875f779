"""Refunds and disputes of delivered orders, by programme staff.

A refund gives the order's price back to the wallet (to the programme when the wallet has expired):

* not yet settled: ``refund`` journal, provider → wallet (the provider was never paid);
* already settled: ``reversal`` journal, ``external:clawback:<provider>`` → wallet. The clawback account
  goes negative by what the provider owes back; the provider's next settlement nets it off (settlement.py:
  its payout is what was captured minus the clawback, and the clawback account comes back towards zero).

A dispute (one per order) is ``open`` → ``upheld`` (the order is refunded in the same transaction) or
``rejected``. An open dispute holds the order out of settlement. Every call is idempotent and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auroranet.db.core import utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.runtime import Runtime
from auroranet.wallet.idempotency import Result, once
from auroranet.wallet.incidents import MAX_NOTE
from auroranet.wallet.ledger import AccountRef, audit, ensure, post
from auroranet.wallet.models import Dispute, Order, Wallet

OUTCOMES = ("upheld", "rejected")


def clawback_account(provider_id: str) -> AccountRef:
    return ("external", f"clawback:{provider_id}")


def _order(s: Session, code: str) -> Order:
    o = s.execute(select(Order).where(Order.code == code.strip().upper()[:16]).with_for_update()
                  .execution_options(populate_existing=True)).scalar()
    if o is None:
        raise NotFoundError("no such order")
    return o


def _refund(s: Session, o: Order, actor: str, note: str) -> None:
    if o.status != "delivered":
        raise ConflictError(f"an order that is {o.status} cannot be changed that way")
    w = s.get(Wallet, o.wallet_id, with_for_update=True, populate_existing=True)
    assert w is not None
    to: AccountRef = ("programme", w.programme_id) if w.status == "expired" else ("wallet", str(w.id))
    if o.settlement_id is None:
        post(s, "refund", actor, [(("provider", o.provider_id), -o.amount_cents), (to, o.amount_cents)], order_id=o.id)
    else:
        ensure(s, clawback_account(o.provider_id))
        post(s, "reversal", actor, [(clawback_account(o.provider_id), -o.amount_cents), (to, o.amount_cents)],
             order_id=o.id)
    o.status, o.updated_at, o.contact_enc = "refunded", utcnow(), None
    if note:
        o.note = note
    audit(s, actor, "order_refund", o.code, amount_cents=o.amount_cents, settled=o.settlement_id is not None,
          to=to[0])


def refund(rt: Runtime, code: str, *, actor: str, key: str, note: str = "") -> Result:
    note = note.strip()[:MAX_NOTE]

    def run(s: Session) -> Result:
        o = _order(s, code)
        _refund(s, o, actor, note)
        return {"order": o.code, "status": o.status}

    return once(rt, actor, key, {"op": "refund", "order": code, "note": note}, run)


def open_dispute(rt: Runtime, code: str, *, actor: str, key: str, note: str = "") -> Result:
    """Open a dispute about a delivered order (held out of settlement while it is open)."""
    note = note.strip()[:MAX_NOTE]

    def run(s: Session) -> Result:
        o = _order(s, code)
        if o.status != "delivered":
            raise ConflictError(f"an order that is {o.status} cannot be changed that way")
        if s.execute(select(Dispute.id).where(Dispute.order_id == o.id)).first() is not None:
            raise ConflictError("a dispute was already opened for this order")
        s.add(Dispute(order_id=o.id, status="open", note=note, opened_by=actor[:100]))
        try:
            s.flush()
        except IntegrityError:
            raise ConflictError("a dispute was already opened for this order") from None
        audit(s, actor, "dispute_open", o.code, settled=o.settlement_id is not None, note_chars=len(note))
        return {"order": o.code, "dispute": "open"}

    return once(rt, actor, key, {"op": "dispute", "order": code, "note": note}, run)


def resolve_dispute(rt: Runtime, code: str, outcome: str, *, actor: str, key: str, note: str = "") -> Result:
    """``upheld``: refund the order (a reversal when settled); ``rejected``: the order may be settled."""
    if outcome not in OUTCOMES:
        raise InputError("the outcome is upheld or rejected")
    note = note.strip()[:MAX_NOTE]

    def run(s: Session) -> Result:
        o = _order(s, code)
        d = s.execute(select(Dispute).where(Dispute.order_id == o.id).with_for_update()).scalar()
        if d is None or d.status != "open":
            raise ConflictError("there is no open dispute about this order")
        if outcome == "upheld":
            _refund(s, o, actor, note)
        d.status, d.resolved_at = outcome, utcnow()
        if note:
            d.note = note
        audit(s, actor, f"dispute_{outcome}", o.code, note_chars=len(note))
        return {"order": o.code, "dispute": outcome, "status": o.status}

    return once(rt, actor, key, {"op": "resolve", "order": code, "outcome": outcome, "note": note}, run)


@dataclass(frozen=True)
class DisputeView:
    order: str
    provider_id: str
    amount_cents: int
    status: str
    settled: bool
    note: str
    created_at: datetime


def disputes(rt: Runtime, programmes: list[str], status: str | None = None, limit: int = 200) -> list[DisputeView]:
    q = (select(Dispute, Order).join(Order, Order.id == Dispute.order_id).join(Wallet, Wallet.id == Order.wallet_id)
         .where(Wallet.programme_id.in_(programmes)))
    if status is not None:
        q = q.where(Dispute.status == status)
    with rt.db.session() as s:
        return [DisputeView(o.code, o.provider_id, o.amount_cents, d.status, o.settlement_id is not None, d.note,
                            d.created_at)
                for d, o in s.execute(q.order_by(Dispute.id.desc()).limit(limit))]
