"""The incident and provider pages of the back office (TestClient, SQLite and PostgreSQL): rights per role and scope, CSRF,
a blocked wallet refused at the order form, disputes resolved from the page, provider onboarding with
euro prices kept as integer cents, schwifty-checked IBANs, and refusals as clear 4xx."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from auroranet.app import create_app
from auroranet.identity.principal import Principal, Role
from auroranet.runtime import Runtime
from auroranet.wallet import orders, wallets
from auroranet.wallet.demo import DEMO_PRICES, DEMO_PROVIDER
from auroranet.wallet.models import AuditEvent, Provider
from auroranet.wallet.providers_views import cents
from tests.signin import sign_in_client

DEMO_ID = "nuoret-omaishoitajat"
ADMIN = Principal("staff-a", "staff", "Admin", (Role("admin", "organisation:demo-hyvinvointialue"),))
OTHER_ADMIN = Principal("staff-b", "staff", "Other", (Role("admin", "organisation:another-region"),))
PROVIDER = Principal("staff-p", "staff", "Provider", (Role("provider_staff", f"organisation:{DEMO_PROVIDER}"),))
SERVICES = list(DEMO_PRICES)


@pytest.fixture
def rt(wrt: Runtime) -> Runtime:
    return wrt  # SQLite and PostgreSQL, the demo programme and provider loaded


@pytest.fixture
def client(rt: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=rt), follow_redirects=False) as c:
        yield c


def _csrf(client: TestClient, path: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert m
    return m.group(1)


def _order(rt: Runtime) -> tuple[int, str]:
    _, codes = wallets.issue_codes(rt, DEMO_ID, 1, actor="test")
    wid = int(wallets.claim(rt, codes[0], age=None, municipality=None, key=f"bp-{codes[0]}")["wallet_id"])
    return wid, str(orders.place(rt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None,
                                 key=f"bp-o-{wid}")["order"])


def test_incident_page_rights(client: TestClient, rt: Runtime) -> None:
    assert client.get("/backoffice/wallet/incidents").status_code == 303  # anonymous: to the login
    sign_in_client(client, rt, PROVIDER)
    assert client.get("/backoffice/wallet/incidents").status_code == 403
    assert client.get("/backoffice/wallet/providers").status_code == 403
    sign_in_client(client, rt, OTHER_ADMIN)  # an admin of another organisation: the demo's order is not theirs
    _, order = _order(rt)
    token = _csrf(client, "/wallet")
    r = client.post("/backoffice/wallet/incidents", data={"csrf_token": token, "op": "block", "kind": "order",
                                                          "target": order})
    assert r.status_code == 403  # no programme at all


def test_block_flag_and_dispute_from_the_page(client: TestClient, rt: Runtime) -> None:
    sign_in_client(client, rt, ADMIN)
    wid, order = _order(rt)
    page = client.get("/backoffice/wallet/incidents?lang=en")
    assert page.status_code == 200 and 'lang="en"' in page.text
    token = _csrf(client, "/backoffice/wallet/incidents")
    assert client.post("/backoffice/wallet/incidents", data={"op": "block", "kind": "wallet", "target": order}).status_code == 403
    r = client.post("/backoffice/wallet/incidents", data={"csrf_token": token, "op": "block", "kind": "wallet",
                                                          "target": order, "note": "stolen"})
    assert r.status_code == 200 and 'id="incident-done"' in r.text
    with pytest.raises(Exception, match="blocked"):
        orders.place(rt, wid, provider_id=DEMO_PROVIDER, service_id=SERVICES[1], contact=None, key="bp-after")
    for target, status in (("T-AAAAAAAA", 404), ("x" * 5000, 404), ("", 400)):
        bad = client.post("/backoffice/wallet/incidents", data={"csrf_token": token, "op": "block", "kind": "order",
                                                                "target": target})
        assert bad.status_code == status, target
    bad = client.post("/backoffice/wallet/incidents", data={"csrf_token": token, "op": "explode", "target": order})
    assert bad.status_code == 400
    bad = client.post("/backoffice/wallet/incidents", data={"csrf_token": token, "op": "block", "kind": "person",
                                                            "target": order})
    assert bad.status_code == 400
    r = client.post("/backoffice/wallet/incidents", data={"csrf_token": token, "op": "unblock", "kind": "wallet",
                                                          "target": f"wallet:{wid}"})
    assert r.status_code == 200
    # a dispute needs a delivered order: refused clearly, then opened and upheld from the list
    r = client.post("/backoffice/wallet/incidents", data={"csrf_token": token, "op": "dispute", "target": order,
                                                          "key": "bp-dispute-0"})
    assert r.status_code == 409 and 'id="incident-error"' in r.text
    for op in ("confirm", "deliver"):
        orders.provider_action(rt, DEMO_PROVIDER, order, op, actor="staff:p", key=f"bp-{op}")
    r = client.post("/backoffice/wallet/incidents", data={"csrf_token": token, "op": "dispute", "target": order,
                                                          "key": "bp-dispute-1", "note": "not delivered"})
    assert r.status_code == 200 and f'data-order="{order}"' in r.text
    r = client.post("/backoffice/wallet/incidents", data={"csrf_token": token, "op": "upheld", "target": order,
                                                          "key": "bp-uphold"})
    assert r.status_code == 200 and f'data-order="{order}"' not in r.text
    assert orders.of_wallet(rt, wid)[0].status == "refunded"
    with rt.db.session() as s:
        actions = set(s.execute(select(AuditEvent.action).where(AuditEvent.actor == "staff:staff-a")).scalars())
    assert {"wallet_block", "wallet_unblock", "dispute_open", "dispute_upheld", "order_refund"} <= actions


def _provider_form(token: str, **over: str) -> dict[str, str]:
    form = {"csrf_token": token, "provider_id": "nuorisoseura", "name": "Nuorisoseura ry", "iban": "FI21 1234 5600 0007 85",
            "bic": "NDEAFIHH", f"price-{SERVICES[0]}": "19,90", f"price-{SERVICES[1]}": "", "client_id": ""}
    return {**form, **over}


def test_provider_onboarding(client: TestClient, rt: Runtime) -> None:
    sign_in_client(client, rt, ADMIN)
    page = client.get("/backoffice/wallet/providers?lang=en")
    assert page.status_code == 200 and DEMO_PROVIDER in page.text
    token = _csrf(client, "/backoffice/wallet/providers")
    r = client.post("/backoffice/wallet/providers", data=_provider_form(token))
    assert r.status_code == 200 and 'id="provider-done"' in r.text
    with rt.db.session() as s:
        p = s.get(Provider, "nuorisoseura")
        assert p is not None and p.prices == {SERVICES[0]: 1990} and p.iban == "FI2112345600000785"
    for field, value in (("iban", "FI21 1234 5600 0007 86"), ("bic", "NOTABIC"), ("provider_id", "bad id!"),
                         ("provider_id", "p" * 56), ("name", ""), ("iban", "x" * 5000)):
        bad = client.post("/backoffice/wallet/providers", data=_provider_form(token, **{field: value}))
        assert bad.status_code == 400, (field, value)
    for price in ("-5", "0", "1e3", "100000,01", "9" * 50, "12,345", "abc"):
        bad = client.post("/backoffice/wallet/providers", data=_provider_form(token, **{f"price-{SERVICES[0]}": price}))
        assert bad.status_code == 400 and "aria-invalid" in bad.text, price
    # a price for a service outside the admin's programmes is not read; the CSRF token is required
    r = client.post("/backoffice/wallet/providers", data=_provider_form(token, **{"price-not-ours": "10"}))
    assert r.status_code == 200
    assert client.post("/backoffice/wallet/providers", data=_provider_form("forged")).status_code == 403
    with rt.db.session() as s:
        p = s.get(Provider, "nuorisoseura")
        assert p is not None and "not-ours" not in p.prices
        events = s.execute(select(AuditEvent.action).where(AuditEvent.target == "nuorisoseura")).scalars().all()
    assert events.count("provider_register") == 2


def test_payee_details_of_a_shared_provider_stay(client: TestClient, rt: Runtime) -> None:
    wallets.register_provider(rt, provider_id="jaettu", name="Jaettu Oy", iban="FI2112345600000785", bic="NDEAFIHH",
                              prices={"service-of-another-programme": 1000}, actor="test")
    sign_in_client(client, rt, ADMIN)
    token = _csrf(client, "/backoffice/wallet/providers")
    r = client.post("/backoffice/wallet/providers", data=_provider_form(token, provider_id="jaettu",
                                                                        iban="FI3540500000123456"))
    assert r.status_code == 409
    ok = client.post("/backoffice/wallet/providers", data=_provider_form(token, provider_id="jaettu", name="Jaettu Oy"))
    assert ok.status_code == 200
    with rt.db.session() as s:
        p = s.get(Provider, "jaettu")
        assert p is not None and p.iban == "FI2112345600000785"
        assert p.prices == {"service-of-another-programme": 1000, SERVICES[0]: 1990}


def test_euros_to_cents() -> None:
    assert [cents(x) for x in ("25", "25,5", "25.50", "0,01", " 7 € ")] == [2500, 2550, 2550, 1, 700]
    assert [cents(x) for x in ("", "-1", "1,234", "1e2", "12 34", "123456")] == [None] * 6
