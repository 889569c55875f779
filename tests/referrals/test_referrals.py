"""Referral use cases on SQLite and PostgreSQL: the FHIR Task transition table, encryption at rest,
codes stored only hashed, e-mail after commit through a real SMTP server, and retention."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from auroranet.db.core import Database, utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.referrals import service as svc
from auroranet.referrals.delivery import deliver_pending
from auroranet.referrals.models import Referral, ReferralOutbox
from auroranet.referrals.statuses import STATUSES, TRANSITIONS, allowed
from tests.referrals.conftest import Mailbox, make_runtime

SERVICE = "svc-1"
ORG = "org-1"
STAFF = svc.Scope(organisations=frozenset({ORG}))


def test_transition_table_is_closed_and_total() -> None:
    assert set(TRANSITIONS) == set(STATUSES)
    for targets in TRANSITIONS.values():
        assert targets <= set(STATUSES)
    for closed in ("completed", "rejected", "cancelled"):
        assert not TRANSITIONS[closed]
    assert allowed("requested", "accepted") and not allowed("completed", "accepted")
    assert not allowed("accepted", "requested")


def test_anonymous_referral_lifecycle(db: Database, tmp_path: Path, smtp: Mailbox) -> None:
    rt = make_runtime(db, tmp_path, smtp_host="127.0.0.1", smtp_port=smtp.port)
    try:
        svc.set_receiver(rt, service_id=SERVICE, organisation_id=ORG)
        created = svc.create_referral(rt, svc.NewReferral(
            service_id=SERVICE, message="Tarvitsen apua opintojen kanssa", attributes={"age": 17},
            email="nuori@example.test", lang="fi"))
        assert created.code
        with db.session() as s:
            row = s.scalars(select(Referral)).one()
            stored = " ".join(str(v) for v in (row.payload_enc, row.code_hash, row.attribute_names))
        # nothing that identifies the person is stored in clear; the code only as its hash
        for secret in ("nuori@example.test", "opintojen", created.code, created.code.replace("-", "")):
            assert secret not in stored
        assert row.attribute_names == ["age"]

        seen = svc.by_code(rt, created.code.lower().replace("-", " "))  # typed loosely still works
        assert seen is not None and seen.status == "requested"
        assert svc.by_code(rt, "AAAA-BBBB-CCCC-DDDD") is None

        svc.transition(rt, created.public_id, "received", actor="staff", scope=STAFF)
        svc.transition(rt, created.public_id, "accepted", actor="staff", scope=STAFF, note="Soitamme tiistaina")
        with pytest.raises(ConflictError):
            svc.transition(rt, created.public_id, "received", actor="staff", scope=STAFF)  # backwards
        with pytest.raises(NotFoundError):  # another organisation's staff
            svc.transition(rt, created.public_id, "completed", actor="staff", scope=svc.Scope(frozenset({"org-2"})))
        with pytest.raises(ConflictError):  # the person may only cancel
            svc.transition(rt, created.public_id, "completed", actor="person", code=created.code)

        # e-mail only for the organisation's changes that matter to the person, sent after commit
        assert smtp.messages == []
        assert deliver_pending(rt) == {"sent": 1, "retry": 0, "failed": 0}
        assert deliver_pending(rt) == {"sent": 0, "retry": 0, "failed": 0}  # idempotent: sent once
        (mail,) = smtp.messages
        assert mail["To"] == "nuori@example.test" and "hyväksytty" in mail["Subject"]
        body = mail.get_content()  # type: ignore[attr-defined]
        assert "Soitamme tiistaina" in body and created.code not in body

        seen = svc.by_code(rt, created.code)
        assert seen is not None and seen.status == "accepted" and seen.note == "Soitamme tiistaina"
        done = svc.transition(rt, created.public_id, "cancelled", actor="person", code=created.code)
        assert done.status == "cancelled"
        with pytest.raises(ConflictError):
            svc.transition(rt, created.public_id, "cancelled", actor="person", code=created.code)
    finally:
        rt.close()


def test_signed_in_referral_and_validation(db: Database, tmp_path: Path) -> None:
    rt = make_runtime(db, tmp_path)
    try:
        with pytest.raises(NotFoundError):
            svc.create_referral(rt, svc.NewReferral(service_id="not-accepting", message="hei"))
        svc.set_receiver(rt, service_id=SERVICE, organisation_id=ORG)
        with pytest.raises(InputError):
            svc.create_referral(rt, svc.NewReferral(service_id=SERVICE, message="   "))
        with pytest.raises(InputError):
            svc.create_referral(rt, svc.NewReferral(service_id=SERVICE, message="x" * 1001))
        created = svc.create_referral(rt, svc.NewReferral(service_id=SERVICE, message="hei", subject="sub-1"))
        assert created.code is None
        assert [r.public_id for r in svc.for_subject(rt, "sub-1")] == [created.public_id]
        assert svc.for_subject(rt, "sub-2") == []
        full = svc.get_in_scope(rt, created.public_id, STAFF)
        assert full.message == "hei" and full.attributes == {}
        with db.session() as s:  # no e-mail address: nothing queued for the person
            assert s.scalars(select(ReferralOutbox)).all() == []
    finally:
        rt.close()


def test_retention_deletes_closed_referrals_only(db: Database, tmp_path: Path) -> None:
    rt = make_runtime(db, tmp_path)
    try:
        svc.set_receiver(rt, service_id=SERVICE, organisation_id=ORG)
        old = svc.create_referral(rt, svc.NewReferral(service_id=SERVICE, message="a"))
        open_ = svc.create_referral(rt, svc.NewReferral(service_id=SERVICE, message="b"))
        svc.transition(rt, old.public_id, "rejected", actor="staff", scope=STAFF)
        assert svc.purge_closed(rt, days=90) == 0  # closed just now
        assert svc.purge_closed(rt, days=90, now=utcnow() + timedelta(days=91)) == 1
        left = [r.public_id for r in svc.for_scope(rt, STAFF)]
        assert left == [open_.public_id]
    finally:
        rt.close()
