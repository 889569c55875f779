"""The wallet's nightly job: expire wallets (unspent money back to the programme), erase contact details
of orders delivered longer ago than the retention, and forget old idempotency records."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, update

from auroranet.db.core import utcnow
from auroranet.runtime import Runtime
from auroranet.wallet.ledger import tx
from auroranet.wallet.models import IdempotencyRecord, Order
from auroranet.wallet.wallets import expire_wallets


def run(rt: Runtime) -> dict[str, int]:
    counts = expire_wallets(rt)
    st, now = rt.settings, utcnow()
    with tx(rt) as s:
        erased = s.execute(update(Order).where(Order.contact_enc.is_not(None), Order.delivered_at.is_not(None),
                                               Order.delivered_at < now - timedelta(days=st.wallet_contact_retention_days))
                           .values(contact_enc=None)).rowcount  # type: ignore[attr-defined]
        forgotten = s.execute(delete(IdempotencyRecord).where(
            IdempotencyRecord.created_at < now - timedelta(days=st.wallet_idempotency_days))).rowcount  # type: ignore[attr-defined]
    return {**counts, "contacts_erased": int(erased or 0), "idempotency_forgotten": int(forgotten or 0)}
