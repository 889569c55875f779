"""Deactivating and reactivating a participating provider (a contract ended, a payee under investigation).

A deactivated provider takes no new orders and cannot confirm or deliver the ones it has (orders.py
refuses with a 409 that says so); it can still reject them, which gives the money back, and the person
can cancel an order of a deactivated provider even once it was confirmed, so no money stays reserved
for a service that will not come. What it delivered before stays: its delivered orders, refunds and
disputes work as before, and settlement pays what it is owed (settlement does not look at ``active``).

The reason is kept on the provider row for staff (an organisation's matter, at most 200 characters); the
audit trail records who, when and the length of the reason only, as for incident notes. Re-registering
a provider (new prices) does not reactivate it: only ``activate`` does.

    change = set_active(rt, "demo-provider", False, actor="cli", reason="contract ended 30.11.")
    change.open_orders          # orders still ordered or confirmed: reject or let the people cancel
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from sqlalchemy import func, select

from auroranet.db.core import utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.runtime import Runtime
from auroranet.wallet.ledger import audit, tx
from auroranet.wallet.models import Order, Provider

MAX_REASON = 200
INACTIVE = "the provider is deactivated"  # every refusal because of it starts so (messages.REFUSALS matches it)


@dataclass(frozen=True)
class StatusChange:
    provider_id: str
    active: bool
    changed: bool  # False: it already was so (the call is idempotent)
    open_orders: int  # its orders still ordered or confirmed


def set_active(rt: Runtime, provider_id: str, active: bool, *, actor: str, reason: str = "",
               scope: Set[str] | None = None) -> StatusChange:
    """Deactivate (a reason is required) or reactivate a provider. ``scope``: the services a programme
    admin's programmes pay for; a provider that also serves other programmes is not theirs to switch off."""
    reason = reason.strip()
    if not active and not reason:
        raise InputError("a reason is required to deactivate a provider")
    if len(reason) > MAX_REASON:
        raise InputError(f"the reason is at most {MAX_REASON} characters")
    with tx(rt) as s:
        p = s.get(Provider, provider_id, with_for_update=True, populate_existing=True)
        if p is None or (scope is not None and not set(p.prices or {}) & scope):
            raise NotFoundError("no such provider")
        if scope is not None and set(p.prices or {}) - scope:
            raise ConflictError("the provider also serves other programmes; ask the administrator of all programmes")
        changed = bool(p.active) != active
        if changed:
            p.active = active
            p.deactivated_at = None if active else utcnow()
            p.deactivation_reason = None if active else reason
            audit(s, actor, "provider_activate" if active else "provider_deactivate", provider_id,
                  reason_chars=len(reason))
        open_orders = int(s.execute(select(func.count()).select_from(Order).where(
            Order.provider_id == provider_id, Order.status.in_(("ordered", "confirmed")))).scalar() or 0)
    return StatusChange(provider_id, active, changed, open_orders)


def check_active(prov: Provider, doing: str) -> None:
    """Refuse ``doing`` (e.g. "take new orders") for a deactivated provider: a 409 that says so (the reason
    stays with staff)."""
    if not prov.active:
        raise ConflictError(f"{INACTIVE} and cannot {doing}")
