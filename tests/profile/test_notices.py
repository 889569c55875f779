"""The retention notice by e-mail: an optional address for notices (sealed in the profile), the notice
queued in the shared outbox by the retention rule and sent by the outbox's SMTP sender to a local
aiosmtpd server, on SQLite and PostgreSQL; without an address nothing is sent and the notice waits on the
profile page. The address form: CSRF, validation, long input, removal."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from auroranet.app import create_app
from auroranet.config import Settings
from auroranet.db.core import Database, utcnow
from auroranet.identity.principal import Principal
from auroranet.profile import service
from auroranet.profile.models import Profile
from auroranet.referrals.delivery import deliver_pending
from auroranet.referrals.models import ReferralOutbox
from auroranet.runtime import Runtime
from tests.referrals.conftest import Mailbox, smtp  # noqa: F401  (fixture)
from tests.signin import sign_in_client

SUBJECT = "d" * 64
OTHER = "c" * 64


@pytest.fixture
def rt(db: Database, tmp_path: Path, smtp: Mailbox) -> Iterator[Runtime]:  # noqa: F811
    st = Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple", session_secret="n" * 40,
                  subject_key="k" * 40, jobs_enabled=False, web_warm_on_start=False, smtp_host="127.0.0.1",
                  smtp_port=smtp.port, smtp_from="aurora@test.invalid", public_base_url="https://aurora.example")
    runtime = Runtime.create(st, db=db)
    yield runtime
    runtime.close()


def _idle(rt: Runtime) -> None:
    with rt.db.session() as s:
        for p in s.scalars(select(Profile)):
            p.last_seen_at = utcnow() - timedelta(days=30 * (rt.settings.profile_retention_months + 1))


def test_the_notice_is_mailed_to_the_address_left_for_it(rt: Runtime, smtp: Mailbox) -> None:  # noqa: F811
    st = rt.settings
    with rt.db.session() as s:
        assert service.set_notice_email(s, st, SUBJECT, "maija@example.fi")
        service.touch(s, OTHER, action="view")  # no address left
    with rt.db.session() as s:
        sealed = s.get(Profile, SUBJECT).notice_email_enc  # type: ignore[union-attr]
        assert sealed and "maija" not in sealed  # stored encrypted
    _idle(rt)
    with rt.db.session() as s:
        assert service.apply_retention(s, months=st.profile_retention_months, notice_days=st.profile_notice_days,
                                owners=rt.consent_owners) == {
            "noticed": 2, "erased": 0}
    with rt.db.session() as s:
        rows = list(s.scalars(select(ReferralOutbox)))
        assert [(r.kind, r.subject, r.referral_id) for r in rows] == [("notice", SUBJECT, None)]
    assert deliver_pending(rt) == {"sent": 1, "retry": 0, "failed": 0}
    assert len(smtp.messages) == 1
    msg = smtp.messages[0]
    assert msg["To"] == "maija@example.fi" and msg["From"] == "aurora@test.invalid"
    body = msg.get_body().get_content()  # type: ignore[union-attr]
    assert "https://aurora.example/profile" in body
    assert str(st.profile_retention_months) in body and str(st.profile_notice_days) in body
    assert "deleted soon" in body and "poistetaan pian" in body and "raderas snart" in body
    assert deliver_pending(rt) == {"sent": 0, "retry": 0, "failed": 0}  # sent once
    # the same day's rule again queues nothing new
    with rt.db.session() as s:
        service.apply_retention(s, months=st.profile_retention_months, notice_days=st.profile_notice_days,
                                owners=rt.consent_owners)
        assert len(list(s.scalars(select(ReferralOutbox)))) == 1


def test_nothing_is_sent_when_the_profile_was_used_or_erased_before_sending(rt: Runtime, smtp: Mailbox) -> None:  # noqa: F811
    st = rt.settings
    with rt.db.session() as s:
        service.set_notice_email(s, st, SUBJECT, "maija@example.fi")
        service.set_notice_email(s, st, OTHER, "matti@example.fi")
    _idle(rt)
    with rt.db.session() as s:
        service.apply_retention(s, months=st.profile_retention_months, notice_days=st.profile_notice_days,
                                owners=rt.consent_owners)
    with rt.db.session() as s:
        service.touch(s, SUBJECT, action="view")  # used again: the notice lapses
    with rt.writes, rt.db.session() as s:
        service.erase(s, OTHER, owners=rt.consent_owners)  # erased: its queued notice goes too
        assert s.scalars(select(ReferralOutbox.subject)).all() == [SUBJECT]
    assert deliver_pending(rt)["sent"] == 1  # done, but nothing to say
    assert smtp.messages == []


def test_the_address_form(rt: Runtime) -> None:
    app = create_app(runtime=rt)
    with TestClient(app) as client:
        sign_in_client(client, rt, Principal(subject=SUBJECT, kind="person"))
        page = client.get("/profile?lang=en")
        assert "the notice is shown here the next time you sign in" in page.text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        assert client.post("/profile/notice-email", data={"email": "a@example.fi"}).status_code == 403
        for bad in ("not an address", "a@b", "x" * 300 + "@example.fi", "a@example.fi\nBcc: b@example.fi"):
            r = client.post("/profile/notice-email", data={"csrf_token": token, "email": bad}, follow_redirects=False)
            assert r.status_code == 303 and "email=bad" in r.headers["location"]
        assert 'aria-invalid="true"' in client.get("/profile?email=bad&lang=en").text
        r = client.post("/profile/notice-email", data={"csrf_token": token, "email": " a@example.fi "},
                        follow_redirects=False)
        assert r.status_code == 303 and "email=bad" not in r.headers["location"]
        assert 'value="a@example.fi"' in client.get("/profile").text
        with rt.db.session() as s:
            assert service.export(s, rt.settings, SUBJECT)["notice_email"] == "a@example.fi"
        client.post("/profile/notice-email", data={"csrf_token": token, "action": "remove"})
        with rt.db.session() as s:
            assert s.get(Profile, SUBJECT).notice_email_enc is None  # type: ignore[union-attr]
