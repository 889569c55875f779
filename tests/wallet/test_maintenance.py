"""The nightly wallet job: contact details are erased after the retention, old idempotency records go,
expired wallets give their money back."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from auroranet.db.core import utcnow
from auroranet.jobs.schedule import default_jobs
from auroranet.runtime import Runtime
from auroranet.wallet import maintenance, orders, wallets
from auroranet.wallet.models import IdempotencyRecord, Order, Wallet
from tests.wallet.conftest import DEMO_ID, DEMO_PROVIDER, SERVICES


def test_retention_and_expiry(wrt: Runtime) -> None:
    rt = wrt
    assert "wallet_maintenance" in {j.name for j in default_jobs(rt)}
    _, codes = wallets.issue_codes(rt, DEMO_ID, 1, actor="test")
    wid = int(wallets.claim(rt, codes[0], age=None, municipality=None, key="m-claim")["wallet_id"])
    code = str(orders.place(rt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact="040 1", key="m-order")["order"])
    orders.provider_action(rt, DEMO_PROVIDER, code, "confirm", actor="staff:p", key="m-confirm")
    orders.provider_action(rt, DEMO_PROVIDER, code, "deliver", actor="staff:p", key="m-deliver")
    assert maintenance.run(rt)["contacts_erased"] == 0
    old = utcnow() - timedelta(days=40)
    with rt.db.session() as s:
        s.execute(update(Order).values(delivered_at=old))
        s.execute(update(IdempotencyRecord).values(created_at=old))
        s.execute(update(Wallet).values(expires_at=old))
    counts = maintenance.run(rt)
    assert counts["contacts_erased"] == 1 and counts["expired"] == 1 and counts["returned_cents"] == 12500
    with rt.db.session() as s:
        assert s.execute(select(func.count()).select_from(IdempotencyRecord)).scalar() == 0
        assert s.execute(select(Order.contact_enc)).scalar() is None
