"""The wallet's JSON API on SQLite and PostgreSQL: claim → wallet → order → provider confirm/deliver,
by wallet code and by session cookie (with the CSRF header), providers by API client and by staff
session; the attacks: long inputs, negative or huge amounts, forged order ids, other providers' orders,
an idempotency key replayed with another body (409), blocked wallets and codes (clear 4xx, never 500);
and the OpenAPI document lists the routes."""

from __future__ import annotations

import base64
from typing import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from auroranet.app import create_app
from auroranet.identity.principal import Principal, Role
from auroranet.network.clients import add_client
from auroranet.runtime import Runtime
from auroranet.wallet import incidents, wallets
from auroranet.wallet.demo import DEMO_PRICES
from auroranet.wallet.ledger import balance
from auroranet.wallet.models import Order
from tests.signin import sign_in_client
from tests.wallet.conftest import DEMO_ID, DEMO_PROVIDER, SERVICES

API = "/api/wallet/v1"
PROVIDER_STAFF = Principal("staff-p", "staff", "P", (Role("provider_staff", f"organisation:{DEMO_PROVIDER}"),))


@pytest.fixture
def client(wrt: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=wrt), follow_redirects=False) as c:
        yield c


def _claim(client: TestClient, rt: Runtime, key: str = "claim-key-1") -> str:
    _, codes = wallets.issue_codes(rt, DEMO_ID, 1, actor="test")
    r = client.post(f"{API}/claims", json={"code": codes[0], "age": 16, "municipality": "091"},
                    headers={"Idempotency-Key": key})
    assert r.status_code == 201, r.text
    return str(r.json()["wallet_code"])


def _bearer(code: str, key: str | None = None) -> dict[str, str]:
    h = {"Authorization": f"Bearer {code}"}
    return {**h, "Idempotency-Key": key} if key else h


def _basic(cid: str, secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{cid}:{secret}".encode()).decode()}


def _api_client(rt: Runtime, provider: str) -> tuple[str, str]:
    with rt.writes, rt.db.session() as s:
        new = add_client(s, names="Provider case system", provider="Demo")
        cid, secret = new.info.id, new.secret
    p = wallets.providers(rt)[0]
    wallets.register_provider(rt, provider_id=provider, name=p.name, iban=p.iban, bic=p.bic, prices=DEMO_PRICES,
                              actor="test", client_id=cid)
    return cid, secret


def test_person_and_provider_through_the_api(client: TestClient, wrt: Runtime) -> None:
    code = _claim(client, wrt)
    w = client.get(f"{API}/wallet", headers=_bearer(code))
    assert w.status_code == 200
    body = w.json()
    assert body["balance_cents"] == 15000 and body["status"] == "active" and body["history"] == []
    assert {(o["service_id"], o["price_cents"]) for o in body["offers"]} == set(DEMO_PRICES.items())
    r = client.post(f"{API}/wallet/orders", json={"provider_id": DEMO_PROVIDER, "service_id": SERVICES[0],
                                                  "contact": "anna@example.org"}, headers=_bearer(code, "order-1"))
    assert r.status_code == 201 and r.json()["amount_cents"] == DEMO_PRICES[SERVICES[0]]
    order = r.json()["order"]
    again = client.post(f"{API}/wallet/orders", json={"provider_id": DEMO_PROVIDER, "service_id": SERVICES[0],
                                                      "contact": "anna@example.org"}, headers=_bearer(code, "order-1"))
    assert again.status_code == 200 and again.json() == {**r.json(), "replayed": True}
    cid, secret = _api_client(wrt, DEMO_PROVIDER)
    listed = client.get(f"{API}/provider/orders", headers=_basic(cid, secret))
    assert listed.status_code == 200
    mine = [o for o in listed.json()["orders"] if o["order"] == order]
    assert mine and mine[0]["contact"] == "anna@example.org" and code not in listed.text
    for op in ("confirm", "deliver"):
        done = client.post(f"{API}/provider/orders/{order}/{op}", headers={**_basic(cid, secret), "Idempotency-Key": f"p-{op}"})
        assert done.status_code == 200, done.text
    after = client.get(f"{API}/wallet", headers=_bearer(code)).json()
    assert after["balance_cents"] == 15000 - DEMO_PRICES[SERVICES[0]] and after["history"][0]["status"] == "delivered"
    with wrt.db.session() as s:
        assert balance(s, ("provider", DEMO_PROVIDER)) == DEMO_PRICES[SERVICES[0]]
    wrong = client.get(f"{API}/provider/orders", headers=_basic(cid, "not-the-secret"))
    assert wrong.status_code == 401


def test_cookie_sessions_need_the_csrf_header(client: TestClient, wrt: Runtime) -> None:
    sign_in_client(client, wrt, PROVIDER_STAFF)
    code = _claim(client, wrt, "claim-key-2")
    order = client.post(f"{API}/wallet/orders", json={"provider_id": DEMO_PROVIDER, "service_id": SERVICES[1]},
                        headers=_bearer(code, "order-2")).json()["order"]
    listed = client.get(f"{API}/provider/orders?status=ordered")
    assert listed.status_code == 200 and [o["order"] for o in listed.json()["orders"]] == [order]
    url = f"{API}/provider/orders/{order}/confirm"
    assert client.post(url, headers={"Idempotency-Key": "conf-1"}).status_code == 403  # no CSRF header
    token = client.get(f"{API}/session").json()["csrf_token"]
    assert client.post(url, headers={"Idempotency-Key": "conf-1", "X-CSRF-Token": "0" * 64}).status_code == 403
    ok = client.post(url, headers={"Idempotency-Key": "conf-1", "X-CSRF-Token": token})
    assert ok.status_code == 200 and ok.json()["status"] == "confirmed", ok.text
    assert client.get(f"{API}/wallet").status_code == 401  # staff hold no wallet
    assert client.get(f"{API}/provider/orders?provider=someone-else").status_code == 403


def test_attacks_get_clear_4xx(client: TestClient, wrt: Runtime) -> None:
    code = _claim(client, wrt, "claim-key-3")
    h = _bearer(code, "attack-1")
    order = client.post(f"{API}/wallet/orders", json={"provider_id": DEMO_PROVIDER, "service_id": SERVICES[2]},
                        headers=h).json()["order"]
    # the same key with another body
    other = client.post(f"{API}/wallet/orders", json={"provider_id": DEMO_PROVIDER, "service_id": SERVICES[1]}, headers=h)
    assert other.status_code == 409 and "idempotency key" in other.json()["message"]
    # long inputs, negative and huge amounts, unknown fields, wrong types
    for bad in ({"provider_id": "x" * 5000, "service_id": SERVICES[0]}, {"provider_id": DEMO_PROVIDER, "service_id": "s" * 65},
                {"provider_id": DEMO_PROVIDER, "service_id": SERVICES[0], "contact": "c" * 201},
                {"provider_id": DEMO_PROVIDER, "service_id": SERVICES[0], "amount_cents": -500},
                {"provider_id": DEMO_PROVIDER, "service_id": SERVICES[0], "amount_cents": 10**30}, {"provider_id": 7}):
        r = client.post(f"{API}/wallet/orders", json=bad, headers=_bearer(code, "attack-2"))
        assert r.status_code == 400, (bad, r.status_code)
    assert client.post(f"{API}/claims", json={"code": "A" * 41}, headers={"Idempotency-Key": "k-long"}).status_code == 400
    assert client.post(f"{API}/claims", json={"code": "AAAA", "age": -1}, headers={"Idempotency-Key": "k-neg"}).status_code == 400
    assert client.post(f"{API}/claims", json={"code": "AAAA", "age": 10**20}, headers={"Idempotency-Key": "k-huge"}).status_code == 400
    assert client.post(f"{API}/claims", json={"code": "AAAA-BBBB-CCCC"}, headers={"Idempotency-Key": "k-unknown"}).status_code == 404
    assert client.post(f"{API}/claims", json={"code": "AAAA"}).status_code == 400  # no key
    assert client.post(f"{API}/claims", json={"code": "AAAA"}, headers={"Idempotency-Key": "x" * 101}).status_code == 400
    assert client.post(f"{API}/claims", content=b"{", headers={"Idempotency-Key": "k-bad-json",
                                                                "Content-Type": "application/json"}).status_code == 400
    assert client.post(f"{API}/claims", content=b"code=x", headers={"Idempotency-Key": "k-form",
                                                                     "Content-Type": "application/x-www-form-urlencoded"}).status_code == 415
    # forged and unknown order codes, someone else's order, an unknown or long wallet code
    for forged in ("T-AAAAAAAA", "T-' OR 1=1", "x" * 300, order.lower()):
        r = client.post(f"{API}/wallet/orders/{forged}/cancel", headers=_bearer(code, "attack-3"))
        assert r.status_code == 404, forged
    someone = _claim(client, wrt, "claim-key-4")
    assert client.post(f"{API}/wallet/orders/{order}/cancel", headers=_bearer(someone, "attack-4")).status_code == 404
    assert client.get(f"{API}/wallet", headers=_bearer("AAAA-BBBB")).status_code == 401
    assert client.get(f"{API}/wallet", headers=_bearer("A" * 500)).status_code == 401
    assert client.get(f"{API}/wallet", headers={"Authorization": "Basic Zm9vOmJhcg=="}).status_code == 401
    # another provider's orders
    with wrt.writes, wrt.db.session() as s:
        new = add_client(s, names="Another provider", provider="Other")
    p = wallets.providers(wrt)[0]
    wallets.register_provider(wrt, provider_id="another-provider", name="Other Oy", iban=p.iban, bic=p.bic,
                              prices={SERVICES[0]: 1000}, actor="test", client_id=new.info.id)
    other_h = {**_basic(new.info.id, new.secret), "Idempotency-Key": "other-1"}
    assert order not in client.get(f"{API}/provider/orders", headers=other_h).text
    assert client.post(f"{API}/provider/orders/{order}/confirm", headers=other_h).status_code == 404
    assert client.get(f"{API}/provider/orders?provider={DEMO_PROVIDER}", headers=other_h).status_code == 403
    assert client.post(f"{API}/provider/orders/{order}/refund", headers=other_h).status_code == 422  # not an operation
    # a blocked wallet cannot order; a blocked code cannot be claimed
    incidents.block(wrt, "wallet", order, True, actor="test")
    blocked = client.post(f"{API}/wallet/orders", json={"provider_id": DEMO_PROVIDER, "service_id": SERVICES[0]},
                          headers=_bearer(code, "after-block"))
    assert blocked.status_code == 409 and "blocked" in blocked.json()["message"]
    assert client.get(f"{API}/wallet", headers=_bearer(code)).json()["status"] == "blocked"
    _, codes = wallets.issue_codes(wrt, DEMO_ID, 1, actor="test")
    incidents.block(wrt, "code", codes[0], True, actor="test")
    r = client.post(f"{API}/claims", json={"code": codes[0]}, headers={"Idempotency-Key": "claim-blocked"})
    assert r.status_code == 404 and "blocked" in r.json()["message"]
    with wrt.db.session() as s:
        assert s.execute(select(func.count()).select_from(Order)).scalar() == 1


def test_openapi_lists_the_wallet_api(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    assert {f"{API}/claims", f"{API}/wallet", f"{API}/wallet/orders", f"{API}/wallet/orders/{{code}}/cancel",
            f"{API}/provider/orders", f"{API}/provider/orders/{{code}}/{{op}}", f"{API}/wallets"} <= set(paths)
    assert "OrderIn" in doc["components"]["schemas"]
    assert paths[f"{API}/wallet/orders"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/OrderIn")


def test_same_key_other_contact_is_a_conflict(client: TestClient, wrt: Runtime) -> None:
    code = _claim(client, wrt, "claim-key-5")
    body = {"provider_id": DEMO_PROVIDER, "service_id": SERVICES[0], "contact": "anna@example.org"}
    assert client.post(f"{API}/wallet/orders", json=body, headers=_bearer(code, "contact-1")).status_code == 201
    other = client.post(f"{API}/wallet/orders", json={**body, "contact": "eve@example.org"}, headers=_bearer(code, "contact-1"))
    assert other.status_code == 409
    with wrt.db.session() as s:  # the request hash is keyed: the contact is not in the idempotency record
        from auroranet.wallet.models import IdempotencyRecord

        assert "anna" not in repr([(r.request_hash, r.response) for r in s.execute(select(IdempotencyRecord)).scalars()])


def test_a_signed_in_person_opens_a_wallet_through_the_api(client: TestClient, wrt: Runtime) -> None:
    assert client.post(f"{API}/wallets", json={"programme": DEMO_ID, "age": 16},
                       headers={"Idempotency-Key": "open-1"}).status_code == 401
    sign_in_client(client, wrt, Principal("person-api", "person"))
    token = client.get(f"{API}/session").json()["csrf_token"]
    assert client.post(f"{API}/wallets", json={"programme": DEMO_ID, "age": 16},
                       headers={"Idempotency-Key": "open-1"}).status_code == 403  # no CSRF header
    h = {"Idempotency-Key": "open-2", "X-CSRF-Token": token}
    young = client.post(f"{API}/wallets", json={"programme": DEMO_ID, "age": 40}, headers=h)
    assert young.status_code == 400 and "not eligible" in young.json()["message"]
    ok = client.post(f"{API}/wallets", json={"programme": DEMO_ID, "age": 16}, headers={**h, "Idempotency-Key": "open-3"})
    assert ok.status_code == 201 and ok.json()["programme"] == DEMO_ID
    w = client.get(f"{API}/wallet")  # the session cookie now finds the signed-in person's wallet
    assert w.status_code == 200 and w.json()["balance_cents"] == 15000
    assert client.get(f"{API}/session").json()["wallets"] == [DEMO_ID]
    order = client.post(f"{API}/wallet/orders", json={"provider_id": DEMO_PROVIDER, "service_id": SERVICES[1]},
                        headers={"Idempotency-Key": "open-order"})
    assert order.status_code == 403  # a cookie write without the CSRF header
    order = client.post(f"{API}/wallet/orders", json={"provider_id": DEMO_PROVIDER, "service_id": SERVICES[1]},
                        headers={"Idempotency-Key": "open-order", "X-CSRF-Token": token})
    assert order.status_code == 201
    assert client.get(f"{API}/wallet?programme=another").status_code == 404
