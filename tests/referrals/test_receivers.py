"""Registering many receiving services at once (the demo registers one per demo service): one call, one
transaction, every entry checked before anything is written, and idempotent on a rerun."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from auroranet.db.core import Database
from auroranet.errors import InputError
from auroranet.referrals.models import ReferralReceiver
from auroranet.referrals.service import ReceiverIn, receiver_for, set_receivers, webhook_secret
from tests.referrals.conftest import make_runtime


def _count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(ReferralReceiver)) or 0)


def test_many_receivers_in_one_call(db: Database, tmp_path: Path) -> None:
    rt = make_runtime(db, tmp_path)
    try:
        many = [ReceiverIn(service_id=f"svc-{i}", organisation_id="org-1") for i in range(120)]
        bad = ReceiverIn(service_id="svc-bad", organisation_id="org-1", webhook_url="ftp://x", webhook_secret="s")
        with pytest.raises(InputError, match="webhook URL"):
            set_receivers(rt, [*many, bad])
        assert _count(db) == 0  # nothing of the batch was written
        assert set_receivers(rt, many) == 120 and _count(db) == 120
        hooked = ReceiverIn(service_id="svc-7", organisation_id="org-2", webhook_url="https://case.example/hook",
                            webhook_secret="s3cret")
        assert set_receivers(rt, [*many[:10], hooked]) == 10  # a rerun updates in place; svc-7 twice: the later wins
        assert _count(db) == 120
        row = receiver_for(rt, "svc-7")
        assert row is not None and row.organisation_id == "org-2" and webhook_secret(rt, row) == "s3cret"
        with pytest.raises(InputError):
            set_receivers(rt, [ReceiverIn(service_id="x" * 65, organisation_id="org-1")])
        assert set_receivers(rt, []) == 0
    finally:
        rt.close()


def test_demo_extras_register_every_demo_service(tmp_path: Path, sqlite_db: Database) -> None:
    from auroranet.catalogue import service as catalogue
    from auroranet.usecases.demo import ensure_demo, seed_demo_extras

    assert ensure_demo(sqlite_db) is not None
    rt = make_runtime(sqlite_db, tmp_path)
    try:
        lines = seed_demo_extras(rt)
        with sqlite_db.session() as s:
            ids = catalogue.service_ids(s)
        assert len(ids) > 50 and _count(sqlite_db) == len(ids)
        assert any(f"for {len(ids)} demo services" in line for line in lines)
    finally:
        rt.close()
