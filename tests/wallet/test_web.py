"""The wallet pages with TestClient: claim → order → cancel, CSRF, nothing pre-ticked, the provider sees
only an order code (and contact details only when given), staff rights per scope, anonymous staff sent
to /login, a person refused the back office, settlement downloads."""

from __future__ import annotations

import re
from typing import Any, Iterator

import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.identity.principal import Principal, Role
from auroranet.runtime import Runtime
from auroranet.wallet import wallets
from auroranet.wallet.demo import DEMO_PROVIDER, seed_demo
from tests.signin import sign_in_client
from tests.web.conftest import _web_template, any_web_runtime  # noqa: F401  (fixtures)

DEMO_ID = "nuoret-omaishoitajat"
PROVIDER = Principal("staff-p", "staff", "Provider", (Role("provider_staff", f"organisation:{DEMO_PROVIDER}"),))
ADMIN = Principal("staff-a", "staff", "Admin", (Role("admin", "organisation:demo-hyvinvointialue"),))
OTHER = Principal("staff-o", "staff", "Other", (Role("provider_staff", "organisation:someone-else"),))


@pytest.fixture
def rt(any_web_runtime: Runtime) -> Runtime:  # noqa: F811
    """The wallet demo on each storage backend (test ids contain sqlite or postgresql)."""
    seed_demo(any_web_runtime)
    return any_web_runtime


@pytest.fixture
def client(rt: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=rt), follow_redirects=False) as c:
        yield c


def _hidden(html: str, name: str) -> str:
    m = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert m, name
    return m.group(1)


def _form(html: str, action: str) -> str:
    start = html.index(f'action="{action}"')
    return html[start:html.index("</form>", start)]


def _claim(client: TestClient, rt: Runtime) -> str:
    _, codes = wallets.issue_codes(rt, DEMO_ID, 1, actor="test")
    page = client.get("/wallet?lang=en").text
    r = client.post("/wallet/claim", data={"csrf_token": _hidden(page, "csrf_token"), "key": _hidden(page, "key"),
                                           "code": codes[0], "age": "16", "municipality": "091"})
    assert r.status_code == 200 and 'id="wallet-code"' in r.text
    return r.text


def test_claim_order_cancel_in_the_browser_session(client: TestClient, rt: Runtime) -> None:
    html = _claim(client, rt)
    assert "150,00 €" in html and "checked" not in _form(html, "/wallet/order")  # nothing pre-ticked
    order_form = _form(html, "/wallet/order")
    data: dict[str, Any] = {"csrf_token": _hidden(html, "csrf_token"), "key": _hidden(order_form, "key"),
                            "service_id": _hidden(order_form, "service_id"),
                            "provider_id": _hidden(order_form, "provider_id"), "contact": "anna@example.org"}
    r = client.post("/wallet/order", data=data)  # contact typed but not ticked: not given
    assert r.status_code == 200 and 'id="ordered-code"' in r.text
    again = client.post("/wallet/order", data=data)  # a double submit: the same order, no second charge
    assert again.status_code == 200 and again.text.count('class="card order"') == 1
    code = re.search(r'id="ordered-code">([^<]+)<', r.text).group(1)  # type: ignore[union-attr]
    sign_in_client(client, rt, PROVIDER)
    office = client.get("/backoffice/wallet?lang=en").text
    wallet_code = re.search(r'id="wallet-code">([^<]+)<', html).group(1)  # type: ignore[union-attr]
    assert code in office and "anna@example.org" not in office and wallet_code not in office
    assert client.post("/wallet/claim", data={"code": "x"}).status_code == 403  # no CSRF token


def test_staff_rights(client: TestClient, rt: Runtime) -> None:
    r = client.get("/backoffice/wallet")
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/backoffice/wallet"
    sign_in_client(client, rt, Principal("person-1", "person"))
    assert client.get("/backoffice/wallet").status_code == 403
    sign_in_client(client, rt, OTHER)
    page = client.get("/backoffice/wallet?lang=en").text
    assert "no rights" in page and "/backoffice/wallet/settle" not in page
    token = _hidden(client.get("/wallet").text, "csrf_token")
    r = client.post("/backoffice/wallet/orders", data={"csrf_token": token, "provider_id": DEMO_PROVIDER,
                                                       "order": "T-AAAA", "op": "confirm", "key": "abcdefgh"})
    assert r.status_code == 403
    assert client.get("/backoffice/wallet/settlement/2026-11.csv").status_code == 403


def test_admin_issues_codes_and_settles(client: TestClient, rt: Runtime) -> None:
    sign_in_client(client, rt, ADMIN)
    page = client.get("/backoffice/wallet?lang=en").text
    r = client.post("/backoffice/wallet/codes", data={"csrf_token": _hidden(page, "csrf_token"), "programme": DEMO_ID,
                                                      "count": "3"})
    codes = re.findall(r"<li><code>([A-Z0-9-]+)</code></li>", r.text)
    assert r.status_code == 200 and len(codes) == 3
    bad = client.post("/backoffice/wallet/codes", data={"csrf_token": _hidden(page, "csrf_token"), "programme": DEMO_ID,
                                                        "count": "0"})
    assert bad.status_code == 400
    bad = client.post("/backoffice/wallet/settle", data={"csrf_token": _hidden(page, "csrf_token"), "month": "2026-13"})
    assert bad.status_code == 400
    ok = client.post("/backoffice/wallet/settle", data={"csrf_token": _hidden(page, "csrf_token"), "month": "2026-11"})
    assert ok.status_code == 200 and 'id="batch"' in ok.text


def test_admin_defines_a_programme_in_the_back_office(client: TestClient, rt: Runtime) -> None:
    import json

    from auroranet.wallet.programmes import DEMO_PROGRAMME

    sign_in_client(client, rt, ADMIN)
    token = _hidden(client.get("/backoffice/wallet").text, "csrf_token")
    spec = json.loads(DEMO_PROGRAMME.read_text())
    spec.update(id="kesaseteli", budget_cents=50000)
    r = client.post("/backoffice/wallet/programmes", data={"csrf_token": token, "programme_json": json.dumps(spec)})
    assert r.status_code == 303 and "kesaseteli" in {p["id"] for p in wallets.programme_rows(rt)}
    spec.update(budget_cents=-1)
    bad = client.post("/backoffice/wallet/programmes", data={"csrf_token": token, "programme_json": json.dumps(spec)})
    assert bad.status_code == 400 and "budget_cents" in bad.text
    spec.update(budget_cents=50000, organisation_id="another-org", id="not-mine")
    other = client.post("/backoffice/wallet/programmes", data={"csrf_token": token, "programme_json": json.dumps(spec)})
    assert other.status_code == 403 and "not-mine" not in {p["id"] for p in wallets.programme_rows(rt)}
    assert client.post("/backoffice/wallet/programmes", data={"csrf_token": token, "programme_json": "{"}).status_code == 400
