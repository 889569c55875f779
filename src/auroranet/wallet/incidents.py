"""Incident handling: block and unblock a wallet, a claim code or an order, and flag a suspected fraud
with a note. Every change is audited (actor, action, target, note length only: a note may describe a
person, so it is kept on the order, never in the audit trail).

    block(rt, "wallet", "T-ABCD2345", True, actor="staff:…", note="lost phone")   # the wallet of that order
    block(rt, "code", "ABCD-EFGH-JKLM", True, actor=…)                            # a claim code
    block(rt, "order", "T-ABCD2345", False, actor=…)                              # unblock an order
    flag(rt, "T-ABCD2345", True, actor=…, note="two orders from one device")

A wallet is named by ``wallet:<id>`` (as in the audit trail), by one of its order codes or by the claim
code that opened it. A blocked wallet cannot order: ``orders.place`` and ``block`` both lock the wallet
row first, so a block racing an order is serialised and no order gets through once the block has
committed. A blocked claim code cannot be claimed. A blocked order cannot be confirmed or delivered by
its provider and is held out of settlement (the person may still cancel it, which releases the money).
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from auroranet.db.core import utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.runtime import Runtime
from auroranet.wallet import codes as wcodes
from auroranet.wallet.ledger import audit, tx
from auroranet.wallet.models import ClaimCode, Order, Wallet

Kind = Literal["wallet", "code", "order"]
KINDS: tuple[Kind, ...] = ("wallet", "code", "order")
MAX_TARGET = 60
MAX_NOTE = 200


def _wallet_id(s: Session, target: str) -> int | None:
    """``wallet:<id>``, an order code or a claim code -> the wallet id."""
    if target.startswith("wallet:"):
        raw = target.partition(":")[2]
        return int(raw) if raw.isdigit() and len(raw) <= 9 else None  # within a 32-bit id
    by_order = s.execute(select(Order.wallet_id).where(Order.code == target.upper())).scalar()
    if by_order is not None:
        return int(by_order)
    return s.execute(select(ClaimCode.wallet_id)
                     .where(ClaimCode.code_hash == wcodes.code_hash("claim", target))).scalar()


def programme_of(rt: Runtime, kind: str, target: str) -> str | None:
    """The programme a target belongs to (for the back office's right checks); None when unknown."""
    target = target.strip()[:MAX_TARGET]
    with rt.db.session() as s:
        if kind == "code":
            return s.execute(select(ClaimCode.programme_id)
                             .where(ClaimCode.code_hash == wcodes.code_hash("claim", target))).scalar()
        if kind == "order":
            return s.execute(select(Wallet.programme_id).join(Order, Order.wallet_id == Wallet.id)
                             .where(Order.code == target.upper())).scalar()
        if kind == "wallet":
            wid = _wallet_id(s, target)
            return s.execute(select(Wallet.programme_id).where(Wallet.id == wid)).scalar() if wid else None
    return None


def block(rt: Runtime, kind: str, target: str, blocked: bool, *, actor: str, note: str = "") -> str:
    """Block or unblock; returns the audited target (``wallet:<id>``, ``code:<batch>``, the order code)."""
    if kind not in KINDS:
        raise InputError("kind is wallet, code or order")
    target, note = target.strip()[:MAX_TARGET], note.strip()[:MAX_NOTE]
    if not target:
        raise InputError("name the wallet, code or order")
    action = f"{kind}_{'block' if blocked else 'unblock'}"
    with tx(rt) as s:
        if kind == "wallet":
            wid = _wallet_id(s, target)
            w = s.get(Wallet, wid, with_for_update=True, populate_existing=True) if wid else None
            if w is None:
                raise NotFoundError("no such wallet")
            if w.status == "expired":
                raise ConflictError("the wallet has expired")
            w.status = "blocked" if blocked else "active"
            name = f"wallet:{w.id}"
        elif kind == "code":
            c = s.execute(select(ClaimCode).where(ClaimCode.code_hash == wcodes.code_hash("claim", target))
                          .with_for_update()).scalar()
            if c is None:
                raise NotFoundError("no such code")
            c.blocked = blocked
            name = f"code:{c.batch}"
        else:
            o = _locked_order(s, target)
            o.blocked, o.updated_at = blocked, utcnow()
            if note:
                o.note = note
            name = o.code
        audit(s, actor, action, name, note_chars=len(note))
        return name


def _locked_order(s: Session, code: str) -> Order:
    o = s.execute(select(Order).where(Order.code == code.strip().upper()[:16]).with_for_update()
                  .execution_options(populate_existing=True)).scalar()
    if o is None:
        raise NotFoundError("no such order")
    return o


def flag(rt: Runtime, code: str, flagged: bool, *, actor: str, note: str = "") -> None:
    """Suspected fraud (with a note): a flagged order is held out of settlement until it is cleared."""
    note = note.strip()[:MAX_NOTE]
    with tx(rt) as s:
        o = _locked_order(s, code)
        o.flagged, o.updated_at = flagged, utcnow()
        if note:
            o.note = note
        audit(s, actor, "order_flag" if flagged else "order_unflag", o.code, note_chars=len(note))


def wallet_status(rt: Runtime, wallet_id: int) -> str | None:
    with rt.db.session() as s:
        return s.execute(select(Wallet.status).where(Wallet.id == wallet_id)).scalar()
