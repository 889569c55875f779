"""The v2 referral API and the signed webhook end to end on SQLite and PostgreSQL: a case system's
client lists its referrals and changes their status (409 on invalid transitions), and receives a
webhook signed with HMAC-SHA256 over timestamp + body, retried after a failure."""

from __future__ import annotations

import base64
from pathlib import Path

from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.db.core import Database
from auroranet.network.clients import add_client
from auroranet.referrals import service as svc
from auroranet.referrals.delivery import deliver_pending, verify_signature
from tests.referrals.conftest import Hook, make_runtime, payload

V2 = "/service-recommender/v2"


def _basic(client_id: str, secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def test_case_system_api_and_webhook(db: Database, tmp_path: Path, webhook: Hook) -> None:
    rt = make_runtime(db, tmp_path, require_auth=True)
    try:
        with db.session() as s:
            mine = add_client(s, names="Case system", provider="Org 1")
            other = add_client(s, names="Someone else", provider="Org 2")
        secret = "whsec-" + "k" * 32
        svc.set_receiver(rt, service_id="svc-api", organisation_id="org-1", mode="api", client_id=mine.info.id,
                         webhook_url=webhook.url, webhook_secret=secret)
        webhook.fail_first = 1
        created = svc.create_referral(rt, svc.NewReferral(service_id="svc-api", message="Please call me",
                                                          attributes={"municipality_code": "564"}, phone="0401234567"))
        assert deliver_pending(rt) == {"sent": 0, "retry": 1, "failed": 0}  # the receiver answered 500
        with db.session() as s:  # due again now (instead of after the backoff)
            from sqlalchemy import update

            from auroranet.db.core import utcnow
            from auroranet.referrals.models import ReferralOutbox

            s.execute(update(ReferralOutbox).values(next_attempt_at=utcnow()))
        assert deliver_pending(rt) == {"sent": 1, "retry": 0, "failed": 0}
        assert len(webhook.received) == 2
        headers, body = webhook.received[-1]
        assert verify_signature(secret, headers["x-aurora-timestamp"], body, headers["x-aurora-signature"])
        assert not verify_signature("wrong", headers["x-aurora-timestamp"], body, headers["x-aurora-signature"])
        assert not verify_signature(secret, headers["x-aurora-timestamp"], body + b" ", headers["x-aurora-signature"])
        assert headers["x-aurora-delivery"] == webhook.received[0][0]["x-aurora-delivery"]  # same key on retry
        event = payload(body)["referral"]
        assert event["id"] == created.public_id and event["message"] == "Please call me"
        assert event["attributes"] == {"municipality_code": "564"} and event["contact"] == {"phone": "0401234567"}

        with TestClient(create_app(runtime=rt)) as http:
            assert http.get(f"{V2}/referrals").status_code == 401
            listed = http.get(f"{V2}/referrals", headers=_basic(mine.info.id, mine.secret))
            assert listed.status_code == 200
            assert [r["id"] for r in listed.json()["referrals"]] == [created.public_id]
            assert http.get(f"{V2}/referrals", headers=_basic(other.info.id, other.secret)).json() == {"referrals": []}
            assert http.get(f"{V2}/referrals?status=bogus", headers=_basic(mine.info.id, mine.secret)).status_code == 400
            assert http.get(f"{V2}/referrals?limit=0", headers=_basic(mine.info.id, mine.secret)).status_code == 400

            url = f"{V2}/referrals/{created.public_id}"
            r = http.patch(url, json={"status": "accepted", "note": "We'll call"}, headers=_basic(mine.info.id, mine.secret))
            assert r.status_code == 200 and r.json()["status"] == "accepted" and r.json()["note"] == "We'll call"
            r = http.patch(url, json={"status": "requested"}, headers=_basic(mine.info.id, mine.secret))
            assert r.status_code == 409
            r = http.patch(url, json={"status": "received"}, headers=_basic(mine.info.id, mine.secret))
            assert r.status_code == 409
            r = http.patch(url, json={"status": "completed"}, headers=_basic(other.info.id, other.secret))
            assert r.status_code == 404
            r = http.patch(url, json={"status": "nonsense"}, headers=_basic(mine.info.id, mine.secret))
            assert r.status_code == 400
            r = http.patch(url, json={"status": "completed", "note": "x" * 501}, headers=_basic(mine.info.id, mine.secret))
            assert r.status_code == 400
            r = http.patch(url, json={"status": "in-progress", "scheduled_at": "2027-01-05T10:00:00"},
                           headers=_basic(mine.info.id, mine.secret))
            assert r.status_code == 200 and r.json()["scheduled_at"].startswith("2027-01-05T10:00:00")
            doc = http.get("/openapi.json").json()
            assert f"{V2}/referrals" in doc["paths"] and f"{V2}/referrals/{{referral_id}}" in doc["paths"]
            assert f"{V2}/life_events" in doc["paths"] and f"{V2}/life_events/{{event_id}}" in doc["paths"]
        assert svc.by_code(rt, "x") is None
    finally:
        rt.close()
