"""Profile and consent storage on SQLite and PostgreSQL: encrypted assessments, history, saved services,
export, erasure (sessions, roles, anonymised receipts), retention, hand-over receipts and withdrawal."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import select

from auroranet.config import Settings
from auroranet.consent import service as consent
from auroranet.consent.models import ConsentNotice, ConsentRecord
from auroranet.db.core import Database, utcnow
from auroranet.identity import service as identity
from auroranet.network.clients import add_client
from auroranet.network.models import SessionAttributes
from auroranet.profile import service
from auroranet.profile.models import Profile, SavedAssessment
from auroranet.runtime import Runtime
from auroranet.usecases.handover import hand_over_with_receipt
from auroranet.web.models import WebSessionRow

SUBJECT = "a" * 64
CHANNEL = "5b0e6c1e-1f2a-4c3d-9e8f-0a1b2c3d4e5f"


@pytest.fixture
def rt(db: Database, tmp_path: Path) -> Iterator[Runtime]:
    st = Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple", session_secret="q" * 40,
                  subject_key="k" * 40, jobs_enabled=False)
    runtime = Runtime.create(st, db=db)
    yield runtime
    runtime.close()


def _client(rt: Runtime, channel: str = CHANNEL) -> str:
    with rt.db.session() as s:
        new = add_client(s, names={"fi": "Palvelu", "sv": "Tjänst", "en": "Service"}, provider=None, type="EChannel",
                         channel_ids=[channel], receivable_attributes=["age", "life_situation_meters"],
                         allowed_origins=[], rate_limit_per_minute=None, privacy_notice_url=None,
                         server_side_reads_only=False)
    return new.info.id


def test_assessments_are_encrypted_and_make_a_history(rt: Runtime) -> None:
    with rt.db.session() as s:
        service.save_assessment(s, rt.settings, SUBJECT, "3x10d", {"health": 3.0, "housing": 7.5, "bogus": 1.0})
        service.save_assessment(s, rt.settings, SUBJECT, "3x10d", {"health": 5.0})
    with rt.db.session() as s:
        payloads = list(s.scalars(select(SavedAssessment.payload)))
        assert payloads and all("health" not in p and "7.5" not in p for p in payloads)
        hist = service.history(service.assessments(s, rt.settings, SUBJECT))
    assert [v for _, v in hist["health"]] == [3.0, 5.0]
    assert [v for _, v in hist["housing"]] == [7.5] and "bogus" not in hist


def test_export_holds_everything_and_erase_leaves_only_anonymous_receipts(rt: Runtime) -> None:
    cid = _client(rt)
    issued, rid = hand_over_with_receipt(rt, channel_id=CHANNEL, attributes={"age": 30}, subject=SUBJECT,
                                         method="web-form")
    assert issued.token and rid
    with rt.db.session() as s:
        service.save_assessment(s, rt.settings, SUBJECT, "3x10d", {"health": 4.0})
        service.save_service(s, SUBJECT, "svc-1")
        identity.grant(s, subject=SUBJECT, role="analyst", scope="county:19")
        identity.record_sign_in(s, subject=SUBJECT, session_hash="f" * 64)
        s.add(WebSessionRow(id_hash="f" * 64, payload="x", expires_at=utcnow() + timedelta(hours=1)))
    with rt.db.session() as s:
        data = service.export(s, rt.settings, SUBJECT)
    assert data["assessments"][0]["meters"] == {"health": 4.0}
    assert data["saved_services"][0]["service_id"] == "svc-1"
    assert data["consents"][0]["receipt_id"] == rid and data["consents"][0]["recipient"]["id"] == cid
    assert data["staff_roles"] == [["analyst", "county:19"]]
    assert "export" in [a["action"] for a in data["access_log"]]
    with rt.db.session() as s:
        counts = service.erase(s, SUBJECT, owners=())
    assert counts["profiles"] == 1 and counts["sessions"] == 1 and counts["staff_roles"] == 1
    with rt.db.session() as s:
        assert s.get(Profile, SUBJECT) is None and s.get(WebSessionRow, "f" * 64) is None
        rec = s.get(ConsentRecord, rid)
        assert rec is not None and rec.subject is None and rec.token_hash is None and rec.status == "withdrawn"
        assert s.scalar(select(SessionAttributes).where(SessionAttributes.client_id == cid)) is None
        notice = s.scalar(select(ConsentNotice).where(ConsentNotice.consent_id == rid))
        assert notice is not None and notice.event == "consent.erased" and notice.token_hash
        assert service.export(s, rt.settings, SUBJECT)["assessments"] == []


def test_anonymous_hand_over_gets_a_one_off_receipt(rt: Runtime) -> None:
    _client(rt)
    issued, rid = hand_over_with_receipt(rt, channel_id=CHANNEL, attributes={"age": 30, "municipality_code": "091",
                                         "life_situation_meters": {"health": [3]}}, subject=None, method="web-form")
    with rt.db.session() as s:
        rec = consent.get(s, rid or "")
        assert rec is not None and rec.subject is None
        assert rec.data_categories == ["age", "life_situation_meters:health"]  # municipality not receivable
        ttl = timedelta(seconds=rt.settings.session_token_ttl_seconds + 5)
        assert rec.expires_at.replace(tzinfo=None) <= utcnow().replace(tzinfo=None) + ttl
    no_share, none_rid = hand_over_with_receipt(rt, channel_id=CHANNEL, attributes={"municipality_code": "091"},
                                                subject=None, method="web-form")
    assert no_share.token is None and none_rid is None


def test_withdrawal_stops_the_transfer_and_only_the_owner_can(rt: Runtime) -> None:
    _client(rt)
    _, rid = hand_over_with_receipt(rt, channel_id=CHANNEL, attributes={"age": 30}, subject=SUBJECT, method="web-form")
    with rt.db.session() as s:
        assert not consent.withdraw(s, subject="b" * 64, receipt_id=rid or "", owners=())
        assert consent.withdraw(s, subject=SUBJECT, receipt_id=rid or "", owners=())
        assert not consent.withdraw(s, subject=SUBJECT, receipt_id=rid or "", owners=())  # once
    with rt.db.session() as s:
        assert s.scalar(select(SessionAttributes)) is None  # the unread hand-over is gone
        assert s.scalar(select(ConsentNotice.event)) == "consent.withdrawn"


def test_retention_notices_then_erases_unless_used_again(rt: Runtime) -> None:
    with rt.db.session() as s:
        service.touch(s, SUBJECT, action="view")
        service.touch(s, "c" * 64, action="view")
        for p in s.scalars(select(Profile)):
            p.last_seen_at = utcnow() - timedelta(days=30 * 25)
    with rt.db.session() as s:
        assert service.apply_retention(s, months=24, notice_days=30, owners=()) == {"noticed": 2, "erased": 0}
    later = utcnow() + timedelta(days=31)
    with rt.db.session() as s:
        service.touch(s, "c" * 64, action="view")  # used again after the notice: kept
    with rt.db.session() as s:
        assert service.apply_retention(s, months=24, notice_days=30, owners=(), now=later) == {"noticed": 0, "erased": 1}
    with rt.db.session() as s:
        assert s.get(Profile, SUBJECT) is None and s.get(Profile, "c" * 64) is not None
