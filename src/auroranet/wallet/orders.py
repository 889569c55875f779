"""Orders: a person orders a service from a participating provider; the provider confirms, delivers or
rejects; the person can cancel until it is confirmed; programme staff can refund or flag.

    ordered ──confirm──▶ confirmed ──deliver──▶ delivered ──refund──▶ refunded
       │ cancel (person)     │ reject (provider)
       ▼                     ▼
    cancelled             rejected

Money: ``ordered`` reserves (wallet → reserved), ``delivered`` captures (reserved → provider),
``cancelled``/``rejected`` release (reserved → wallet); refunds and disputes are in refunds.py. A
blocked order (incidents.py) cannot be confirmed or delivered, nor can any order of a deactivated provider
(provider_status.py), whose confirmed orders the person may then cancel. Every call takes an idempotency
key; every change is audited.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auroranet.db.core import as_utc, utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.runtime import Runtime
from auroranet.wallet import codes
from auroranet.wallet.idempotency import Result, once
from auroranet.wallet.ledger import audit, post
from auroranet.wallet.models import Order, Programme, Provider, Wallet
from auroranet.wallet.provider_status import check_active
from auroranet.wallet.wallets import spec_of

OPEN = ("ordered", "confirmed", "delivered")  # statuses that use the service and its category's cap
MAX_CONTACT = 200


@dataclass(frozen=True)
class OrderView:
    code: str
    service_id: str
    category: str
    amount_cents: int
    status: str
    flagged: bool
    blocked: bool
    created_at: datetime
    contact: str | None  # decrypted for the provider only when the person gave it
    cancellable: bool = False  # by the person: not yet confirmed, or its provider was deactivated


def _locked_wallet(s: Session, wallet_id: int) -> Wallet:
    w = s.get(Wallet, wallet_id, with_for_update=True, populate_existing=True)
    if w is None:
        raise NotFoundError("no such wallet")
    return w


def place(rt: Runtime, wallet_id: int, *, provider_id: str, service_id: str, contact: str | None, key: str) -> Result:
    contact = (contact or "").strip() or None
    if contact is not None and len(contact) > MAX_CONTACT:
        raise InputError(f"contact details are at most {MAX_CONTACT} characters")
    secret = rt.session_secret()

    def run(s: Session) -> Result:
        w = _locked_wallet(s, wallet_id)  # serialises this wallet's orders on both backends
        if w.status != "active" or (as_utc(w.expires_at) or utcnow()) < utcnow():
            raise ConflictError("the wallet is not in use (blocked or expired)")
        p = s.get(Programme, w.programme_id)
        prov = s.get(Provider, provider_id, with_for_update={"read": True})  # a deactivation waits for it
        assert p is not None
        spec = spec_of(p)
        category = spec.services.get(service_id)
        if category is None or prov is None or service_id not in prov.prices:
            raise NotFoundError("this provider does not offer this service in the programme")
        check_active(prov, "take new orders")
        price = int(prov.prices[service_id])
        used = s.execute(select(Order.service_id, Order.category, Order.amount_cents)
                         .where(Order.wallet_id == w.id, Order.status.in_(OPEN))).all()
        if spec.once_per_service and any(r[0] == service_id for r in used):
            raise ConflictError("this service was already ordered with this wallet")
        cap = spec.category_caps_cents.get(category)
        if cap is not None and sum(r[2] for r in used if r[1] == category) + price > cap:
            raise ConflictError("the limit for this category would be exceeded")
        code = codes.order_code()
        o = Order(code=code, wallet_id=w.id, provider_id=prov.id, service_id=service_id, category=category,
                  amount_cents=price, status="ordered",
                  contact_enc=codes.seal_contact(contact, secret, code) if contact else None)
        s.add(o)
        s.flush()
        post(s, "reserve", f"person:wallet:{w.id}", [(("wallet", str(w.id)), -price), (("reserved", str(w.id)), price)],
             order_id=o.id)
        audit(s, f"person:wallet:{w.id}", "order_place", o.code, amount_cents=price, provider=prov.id)
        return {"order": code, "amount_cents": price, "status": o.status}

    # The contact text is part of the request (another text under the same key is a 409), as a keyed hash.
    given = hmac.new(secret.encode(), f"wallet-contact\0{contact}".encode(), hashlib.sha256).hexdigest() if contact else None
    return once(rt, f"wallet:{wallet_id}", key,
                {"op": "place", "provider": provider_id, "service": service_id, "contact": given}, run)


def _transition(rt: Runtime, code: str, op: str, *, actor: str, key: str, wallet_id: int | None = None,
                provider_id: str | None = None, note: str = "") -> Result:
    """Move one order on; ``wallet_id``/``provider_id`` restrict it to that person's or provider's orders."""
    allowed = {"cancel": ("ordered",), "confirm": ("ordered",), "reject": ("ordered", "confirmed"),
               "deliver": ("confirmed",)}[op]
    target = {"cancel": "cancelled", "confirm": "confirmed", "reject": "rejected", "deliver": "delivered"}[op]

    def run(s: Session) -> Result:
        o = s.execute(select(Order).where(Order.code == code).with_for_update()
                      .execution_options(populate_existing=True)).scalar()
        if o is None or (wallet_id is not None and o.wallet_id != wallet_id) or \
                (provider_id is not None and o.provider_id != provider_id):
            raise NotFoundError("no such order")
        prov_row = s.get(Provider, o.provider_id, with_for_update={"read": True})
        gone = prov_row is not None and not prov_row.active
        if o.status not in allowed and not (op == "cancel" and o.status == "confirmed" and gone):
            raise ConflictError(f"an order that is {o.status} cannot be changed that way")
        if o.blocked and provider_id is not None and op != "reject":
            raise ConflictError("the order is blocked; ask the programme")
        if op in ("confirm", "deliver") and prov_row is not None:
            check_active(prov_row, f"{op} orders")
        w, r, prov = ("wallet", str(o.wallet_id)), ("reserved", str(o.wallet_id)), ("provider", o.provider_id)
        if op in ("cancel", "reject"):
            post(s, "release", actor, [(r, -o.amount_cents), (w, o.amount_cents)], order_id=o.id)
        elif op == "deliver":
            post(s, "capture", actor, [(r, -o.amount_cents), (prov, o.amount_cents)], order_id=o.id)
            o.delivered_at = utcnow()
        o.status, o.updated_at = target, utcnow()
        if note:
            o.note = note[:200]
        if target in ("cancelled", "rejected"):
            o.contact_enc = None  # nothing left to contact about
        audit(s, actor, f"order_{op}", o.code, amount_cents=o.amount_cents)
        return {"order": o.code, "status": o.status}

    return once(rt, actor, key, {"op": op, "order": code, "note": note}, run)


def cancel(rt: Runtime, wallet_id: int, code: str, *, key: str) -> Result:
    return _transition(rt, code, "cancel", actor=f"person:wallet:{wallet_id}", key=key, wallet_id=wallet_id)


def provider_action(rt: Runtime, provider_id: str, code: str, op: str, *, actor: str, key: str) -> Result:
    if op not in ("confirm", "reject", "deliver"):
        raise InputError("unknown action")
    return _transition(rt, code, op, actor=actor, key=key, provider_id=provider_id)


def _views(rt: Runtime, s: Session, orders: list[Order], *, with_contact: bool) -> list[OrderView]:
    secret = rt.session_secret() if with_contact else ""
    gone = set(s.execute(select(Provider.id).where(Provider.active.is_(False))).scalars())
    return [OrderView(o.code, o.service_id, o.category, o.amount_cents, o.status, o.flagged, o.blocked, o.created_at,
                      codes.open_contact(o.contact_enc, secret, o.code) if with_contact and o.contact_enc else None,
                      o.status == "ordered" or (o.status == "confirmed" and o.provider_id in gone))
            for o in orders]


def of_wallet(rt: Runtime, wallet_id: int) -> list[OrderView]:
    with rt.db.session() as s:
        rows = list(s.execute(select(Order).where(Order.wallet_id == wallet_id).order_by(Order.id.desc())).scalars())
        return _views(rt, s, rows, with_contact=False)


def of_provider(rt: Runtime, provider_id: str, limit: int = 200, status: str | None = None) -> list[OrderView]:
    """What a provider sees: order codes, services, prices and states; contact details only when given."""
    q = select(Order).where(Order.provider_id == provider_id)
    if status is not None:
        q = q.where(Order.status == status)
    with rt.db.session() as s:
        rows = list(s.execute(q.order_by(Order.id.desc()).limit(limit)).scalars())
        return _views(rt, s, rows, with_contact=True)


def count_open(rt: Runtime, wallet_id: int) -> int:
    with rt.db.session() as s:
        return int(s.execute(select(func.count()).select_from(Order)
                             .where(Order.wallet_id == wallet_id, Order.status.in_(("ordered", "confirmed")))).scalar() or 0)
