"""Hostile input on the v2 referral API, on SQLite and PostgreSQL: long and forged ids, another case
system's referrals, bad statuses, limits, notes and times, bodies that are too big, not JSON or not
JSON at all. Every answer is a clear 4xx, never a 500, and the referral is unchanged."""

from __future__ import annotations

import base64
from pathlib import Path

from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.db.core import Database
from auroranet.network.clients import add_client
from auroranet.referrals import service as svc
from tests.referrals.conftest import make_runtime

V2 = "/service-recommender/v2/referrals"
LONG = "x" * 10_000


def _basic(client_id: str, secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def test_referral_api_refuses_hostile_input(db: Database, tmp_path: Path) -> None:
    rt = make_runtime(db, tmp_path, require_auth=True)
    try:
        with db.session() as s:
            mine = add_client(s, names="Case system", provider="Org 1")
            other = add_client(s, names="Other case system", provider="Org 2")
        svc.set_receiver(rt, service_id="svc-a", organisation_id="org-1", mode="api", client_id=mine.info.id)
        svc.set_receiver(rt, service_id="svc-b", organisation_id="org-2", mode="api", client_id=other.info.id)
        ref = svc.create_referral(rt, svc.NewReferral(service_id="svc-a", message="Soittakaa"))
        me, them = _basic(mine.info.id, mine.secret), _basic(other.info.id, other.secret)
        url = f"{V2}/{ref.public_id}"
        with TestClient(create_app(runtime=rt)) as http:
            def refused(r: object, *statuses: int) -> None:
                code = getattr(r, "status_code")
                assert code in statuses, (code, getattr(r, "text")[:200])

            refused(http.get(V2), 401)
            refused(http.get(V2, headers=_basic(mine.info.id, "wrong")), 401)
            refused(http.get(V2, headers=_basic(LONG, LONG)), 401)
            for params in ({"status": LONG}, {"status": "done"}, {"limit": "0"}, {"limit": "9" * 40},
                           {"limit": "-1"}, {"limit": LONG}):
                refused(http.get(V2, params=params, headers=me), 400)
            assert http.get(V2, headers=them).json() == {"referrals": []}  # not theirs: not listed
            refused(http.patch(url, json={"status": "accepted"}, headers=them), 404)
            refused(http.patch(f"{V2}/{LONG}", json={"status": "accepted"}, headers=me), 404)
            refused(http.patch(f"{V2}/..%2F..%2Fadmin", json={"status": "accepted"}, headers=me), 404)
            for body in ({"status": LONG}, {"status": "cancelled"}, {"status": "accepted", "note": LONG},
                         {"status": "accepted", "extra": 1}, {"status": "accepted", "scheduled_at": LONG},
                         {"status": "accepted", "scheduled_at": "2027-02-30T10:00:00Z"}, {}, {"note": "x"}):
                refused(http.patch(url, json=body, headers=me), 400, 409)
            refused(http.patch(url, content=b"{nope", headers={**me, "Content-Type": "application/json"}), 400)
            refused(http.patch(url, content=b"\xff\xfe", headers={**me, "Content-Type": "application/json"}), 400)
            refused(http.patch(url, content=b"status=accepted", headers={**me, "Content-Type": "text/plain"}), 415)
            refused(http.patch(url, content=b"[" * 50_000 + b"]" * 50_000,
                               headers={**me, "Content-Type": "application/json"}), 413)
            refused(http.patch(url, json={"status": "accepted", "note": "y" * 100_000}, headers=me), 413)
            assert svc.get_in_scope(rt, ref.public_id, svc.Scope(client_id=mine.info.id)).status == "requested"
            for when in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00"):  # out of range once in UTC
                r = http.patch(url, json={"status": "accepted", "scheduled_at": when}, headers=me)
                refused(r, 400)
            ok = http.patch(url, json={"status": "accepted", "note": "Soitamme"}, headers=me)
            assert ok.status_code == 200 and ok.json()["status"] == "accepted"
            refused(http.patch(url, json={"status": "requested"}, headers=me), 400, 409)
    finally:
        rt.close()
