"""One withdrawal path, on SQLite and PostgreSQL: withdrawing a referral's consent cancels the referral
(FHIR ``cancelled``, unless already closed) and tells the organisation by its signed webhook, with no
client webhook notice; a hand-over's consent keeps its behaviour (the notice to the client); erasing the
account does the same for every consent; and the person can do it from /consents."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from auroranet.app import create_app
from auroranet.consent import service as consent
from auroranet.consent.models import ConsentNotice, ConsentRecord
from auroranet.db.core import Database, utcnow
from auroranet.identity.principal import Principal
from auroranet.referrals import service as svc
from auroranet.referrals.delivery import deliver_pending
from auroranet.referrals.models import Referral, ReferralEvent, ReferralOutbox
from auroranet.runtime import Runtime
from tests.referrals.conftest import Hook, make_runtime, payload
from tests.signin import sign_in_client

SERVICE, ORG, WHO = "svc-w", "org-w", "subject-w"
STAFF = svc.Scope(organisations=frozenset({ORG}))


def _referral(rt: Runtime, message: str = "Please call me") -> tuple[str, str]:
    created = svc.create_referral(rt, svc.NewReferral(service_id=SERVICE, message=message, subject=WHO,
                                                      attributes={"age": 17}))
    with rt.db.session() as s:
        r = s.scalars(select(Referral).where(Referral.public_id == created.public_id)).one()
        assert r.consent_id is not None
        return created.public_id, r.consent_id


def _withdraw(rt: Runtime, receipt_id: str) -> bool:
    with rt.writes, rt.db.session() as s:
        return consent.withdraw(s, subject=WHO, receipt_id=receipt_id, owners=rt.consent_owners)


def _state(rt: Runtime, public_id: str) -> tuple[str, list[str], list[str]]:
    with rt.db.session() as s:
        r = s.scalars(select(Referral).where(Referral.public_id == public_id)).one()
        actors = [e.actor for e in s.scalars(select(ReferralEvent).where(ReferralEvent.referral_id == r.id)
                                              .order_by(ReferralEvent.id))]
        keys = sorted(o.key.split(":", 1)[1] for o in s.scalars(select(ReferralOutbox).where(
            ReferralOutbox.referral_id == r.id)))
        return r.status, actors, keys


def test_withdrawing_a_referral_consent_cancels_it_and_tells_the_organisation(
        db: Database, tmp_path: Path, webhook: Hook) -> None:
    rt = make_runtime(db, tmp_path)
    try:
        svc.set_receiver(rt, service_id=SERVICE, organisation_id=ORG, webhook_url=webhook.url,
                         webhook_secret="whsec-" + "w" * 24)
        open_id, open_consent = _referral(rt)
        svc.transition(rt, open_id, "accepted", actor="staff", scope=STAFF)
        assert deliver_pending(rt)["sent"] == 1  # the "requested" webhook
        assert _withdraw(rt, open_consent)
        status, actors, keys = _state(rt, open_id)
        assert status == "cancelled" and actors == ["person", "staff", "consent"]
        assert keys == ["cancelled:webhook", "requested:webhook"]
        with db.session() as s:
            rec = s.get(ConsentRecord, open_consent)
            assert rec is not None and rec.status == "withdrawn"
            assert s.scalars(select(ConsentNotice).where(ConsentNotice.consent_id == open_consent)).all() == []
            assert s.scalars(select(Referral.closed_at).where(Referral.public_id == open_id)).one() is not None
        assert deliver_pending(rt) == {"sent": 1, "retry": 0, "failed": 0}
        sent = payload(webhook.received[-1][1])
        assert sent["referral"]["id"] == open_id and sent["referral"]["status"] == "cancelled"
        assert [r.status for r in svc.for_scope(rt, STAFF)] == ["cancelled"]  # what the inbox shows
        assert not _withdraw(rt, open_consent)  # once

        closed_id, closed_consent = _referral(rt, "another one")
        svc.transition(rt, closed_id, "rejected", actor="staff", scope=STAFF)
        assert _withdraw(rt, closed_consent)
        status, actors, keys = _state(rt, closed_id)
        assert status == "rejected" and actors == ["person", "staff"] and keys == ["requested:webhook"]
    finally:
        rt.close()


def test_a_hand_over_consent_keeps_its_client_notice_and_erasure_cancels_referrals(
        db: Database, tmp_path: Path) -> None:
    rt = make_runtime(db, tmp_path)
    try:
        svc.set_receiver(rt, service_id=SERVICE, organisation_id=ORG)
        with rt.writes, db.session() as s:
            handover = consent.record_transfer(s, recipient_id="client-1", recipient_name="Client", subject=WHO,
                                               data_categories=["age"], method="web-form", token_hash="h" * 64,
                                               expires_at=utcnow())
        public_id, _ = _referral(rt)
        assert _withdraw(rt, handover)
        with db.session() as s:
            notices = list(s.scalars(select(ConsentNotice).where(ConsentNotice.consent_id == handover)))
            assert [(n.client_id, n.event) for n in notices] == [("client-1", "consent.withdrawn")]
        assert _state(rt, public_id)[0] == "requested"  # another consent: the referral stands
        with rt.writes, db.session() as s:
            from auroranet.profile.service import erase

            erase(s, WHO, owners=rt.consent_owners)
        status, actors, _ = _state(rt, public_id)
        assert status == "cancelled" and actors == ["person", "consent"]
    finally:
        rt.close()


def test_the_person_withdraws_from_the_consents_page(db: Database, tmp_path: Path) -> None:
    rt = make_runtime(db, tmp_path)
    try:
        svc.set_receiver(rt, service_id=SERVICE, organisation_id=ORG)
        public_id, receipt = _referral(rt)
        with TestClient(create_app(runtime=rt), follow_redirects=False) as http:
            sign_in_client(http, rt, Principal(WHO, "person"))
            page = http.get("/consents?lang=en")
            assert page.status_code == 200 and f"/consents/{receipt}/withdraw" in page.text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            assert token is not None
            assert http.post(f"/consents/{receipt}/withdraw", data={"csrf_token": "forged"}).status_code == 403
            assert _state(rt, public_id)[0] == "requested"
            done = http.post(f"/consents/{receipt}/withdraw", data={"csrf_token": token.group(1)})
            assert done.status_code == 303
        assert _state(rt, public_id)[0] == "cancelled"
    finally:
        rt.close()


def test_a_signed_in_persons_requests_are_exported_and_unlinked_by_erasure(db: Database, tmp_path: Path) -> None:
    """The export lists the person's contact requests; erasure cancels the open ones (with their consent)
    and cuts the link to the account, so signing in again finds none."""
    from auroranet.profile import service as profile

    rt = make_runtime(db, tmp_path)
    try:
        svc.set_receiver(rt, service_id="svc-a", organisation_id="org-1")
        made = svc.create_referral(rt, svc.NewReferral(service_id="svc-a", message="Soittakaa", subject="subj-1",
                                                       attributes={"age": 19}))
        with rt.writes, rt.db.session() as s:
            exported = profile.export(s, rt.settings, "subj-1")["contact_requests"]
        assert [(r["service_id"], r["status"], r["attributes_sent"]) for r in exported] == [("svc-a", "requested", ["age"])]
        with rt.writes, rt.db.session() as s:
            counts = profile.erase(s, "subj-1", owners=rt.consent_owners)
        assert counts["contact_requests_unlinked"] == 1
        assert svc.for_subject(rt, "subj-1") == []
        with rt.db.session() as s:
            row = s.scalars(select(Referral).where(Referral.public_id == made.public_id)).one()
            assert row.subject is None and row.status == "cancelled"
    finally:
        rt.close()
