"""Deactivating a provider (SQLite and PostgreSQL): no new orders and no confirm/deliver (clear 409s, in
the use case, the JSON API and the back office), reject and the person's cancel still free the money,
what was delivered before is settled after, the audit trail has who and when (not the reason's words),
re-registering does not reactivate, the CLI and the back-office page switch it off and on."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from auroranet.app import create_app
from auroranet.db.core import utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.identity.principal import Principal, Role
from auroranet.network.clients import add_client
from auroranet.runtime import Runtime
from auroranet.wallet import orders, provider_status, settlement, wallets
from auroranet.wallet.demo import DEMO_PRICES
from auroranet.wallet.ledger import balance
from auroranet.wallet.models import AuditEvent, Provider, Wallet
from tests.signin import sign_in_client
from tests.wallet.conftest import DEMO_ID, DEMO_PROVIDER, SERVICES

ADMIN = Principal("staff-a", "staff", "Admin", (Role("admin", "organisation:demo-hyvinvointialue"),))
API = "/api/wallet/v1"
REASON = "sopimus päättyi 30.11."


def _wallet(rt: Runtime) -> int:
    _, codes = wallets.issue_codes(rt, DEMO_ID, 1, actor="test")
    return int(wallets.claim(rt, codes[0], age=None, municipality=None, key=f"ps-{codes[0]}")["wallet_id"])


def _order(rt: Runtime, wid: int, service: str, key: str) -> str:
    return str(orders.place(rt, wid, provider_id=DEMO_PROVIDER, service_id=service, contact=None, key=key)["order"])


def _act(rt: Runtime, code: str, op: str) -> str:
    return str(orders.provider_action(rt, DEMO_PROVIDER, code, op, actor="staff:p", key=f"{op}-{code}")["status"])


def _deactivate(rt: Runtime) -> provider_status.StatusChange:
    return provider_status.set_active(rt, DEMO_PROVIDER, False, actor="staff:admin", reason=REASON)


def test_a_deactivated_provider_takes_no_orders_and_cannot_confirm_or_deliver(wrt: Runtime) -> None:
    wid = _wallet(wrt)
    done = _order(wrt, wid, SERVICES[0], "o-done")
    _act(wrt, done, "confirm")
    _act(wrt, done, "deliver")
    confirmed = _order(wrt, wid, SERVICES[1], "o-conf")
    _act(wrt, confirmed, "confirm")
    waiting = _order(wrt, wid, SERVICES[2], "o-wait")
    change = _deactivate(wrt)
    assert change.changed and not change.active and change.open_orders == 2
    with pytest.raises(ConflictError, match="provider is deactivated and cannot take new orders"):
        orders.place(wrt, _wallet(wrt), provider_id=DEMO_PROVIDER, service_id=SERVICES[0], contact=None, key="o-new")
    with pytest.raises(ConflictError, match="deactivated and cannot confirm"):
        _act(wrt, waiting, "confirm")
    with pytest.raises(ConflictError, match="deactivated and cannot deliver"):
        _act(wrt, confirmed, "deliver")
    # the money of open orders comes back: the provider rejects, the person cancels (even once confirmed)
    assert _act(wrt, waiting, "reject") == "rejected"
    assert orders.cancel(wrt, wid, confirmed, key="c-conf")["status"] == "cancelled"
    with wrt.db.session() as s:
        assert balance(s, ("reserved", str(wid))) == 0
        assert balance(s, ("wallet", str(wid))) == 15000 - DEMO_PRICES[SERVICES[0]]
    assert [o.status for o in orders.of_wallet(wrt, wid)] == ["rejected", "cancelled", "delivered"]
    # what it delivered before is still settled
    batch = settlement.settle(wrt, utcnow().strftime("%Y-%m"), actor="test")
    assert [(x.provider_id, x.orders, x.amount_cents) for x in batch.lines] == \
        [(DEMO_PROVIDER, 1, DEMO_PRICES[SERVICES[0]])]


def test_a_confirmed_order_is_cancellable_only_once_its_provider_is_gone(wrt: Runtime) -> None:
    wid = _wallet(wrt)
    code = _order(wrt, wid, SERVICES[0], "ord-1")
    _act(wrt, code, "confirm")
    assert [o.cancellable for o in orders.of_wallet(wrt, wid)] == [False]
    with pytest.raises(ConflictError, match="cannot be changed"):
        orders.cancel(wrt, wid, code, key="can-1")
    _deactivate(wrt)
    assert [o.cancellable for o in orders.of_wallet(wrt, wid)] == [True]
    assert orders.cancel(wrt, wid, code, key="can-2")["status"] == "cancelled"


def test_reason_audit_idempotence_and_reactivation(wrt: Runtime) -> None:
    with pytest.raises(InputError, match="reason is required"):
        provider_status.set_active(wrt, DEMO_PROVIDER, False, actor="cli", reason="  ")
    with pytest.raises(InputError, match="at most 200"):
        provider_status.set_active(wrt, DEMO_PROVIDER, False, actor="cli", reason="x" * 201)
    with pytest.raises(NotFoundError):
        provider_status.set_active(wrt, "no-such-provider", False, actor="cli", reason="x")
    assert _deactivate(wrt).changed
    assert not _deactivate(wrt).changed  # again: nothing changes, no second audit row
    p = wallets.providers(wrt)[0]
    wallets.register_provider(wrt, provider_id=DEMO_PROVIDER, name=p.name, iban=p.iban, bic=p.bic, prices=DEMO_PRICES,
                              actor="test")
    with wrt.db.session() as s:
        row = s.get(Provider, DEMO_PROVIDER)
        assert row is not None and not row.active and row.deactivation_reason == REASON and row.deactivated_at
    assert provider_status.set_active(wrt, DEMO_PROVIDER, True, actor="cli").changed
    with wrt.db.session() as s:
        row = s.get(Provider, DEMO_PROVIDER)
        assert row is not None and row.active and row.deactivation_reason is None and row.deactivated_at is None
        events = s.execute(select(AuditEvent).where(AuditEvent.target == DEMO_PROVIDER, AuditEvent.action.like("provider_%ctivate"))
                           .order_by(AuditEvent.id)).scalars().all()
    assert [(e.action, e.actor, e.detail) for e in events] == [
        ("provider_deactivate", "staff:admin", {"reason_chars": len(REASON)}), ("provider_activate", "cli", {"reason_chars": 0})]
    assert _order(wrt, _wallet(wrt), SERVICES[0], "o-after")  # orders again


@pytest.fixture
def client(wrt: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=wrt), follow_redirects=False) as c:
        yield c


def test_the_api_says_why(client: TestClient, wrt: Runtime) -> None:
    _, claim = wallets.issue_codes(wrt, DEMO_ID, 1, actor="test")
    r = client.post(f"{API}/claims", json={"code": claim[0]}, headers={"Idempotency-Key": "claim-1"})
    assert r.status_code == 201, r.text
    bearer = {"Authorization": f"Bearer {r.json()['wallet_code']}"}
    order = client.post(f"{API}/wallet/orders", json={"provider_id": DEMO_PROVIDER, "service_id": SERVICES[0]},
                        headers={**bearer, "Idempotency-Key": "order-1"}).json()["order"]
    with wrt.writes, wrt.db.session() as s:
        new = add_client(s, names="Provider case system", provider="Demo")
        cid, secret = new.info.id, new.secret
    p = wallets.providers(wrt)[0]
    wallets.register_provider(wrt, provider_id=DEMO_PROVIDER, name=p.name, iban=p.iban, bic=p.bic, prices=DEMO_PRICES,
                              actor="test", client_id=cid)
    assert any(o["provider_id"] == DEMO_PROVIDER for o in client.get(f"{API}/wallet", headers=bearer).json()["offers"])
    _deactivate(wrt)
    again = client.post(f"{API}/wallet/orders", json={"provider_id": DEMO_PROVIDER, "service_id": SERVICES[1]},
                        headers={**bearer, "Idempotency-Key": "order-2"})
    assert again.status_code == 409 and "deactivated" in again.text
    basic = {"Authorization": "Basic " + base64.b64encode(f"{cid}:{secret}".encode()).decode()}
    assert client.get(f"{API}/provider/orders", headers=basic).status_code == 200  # it still sees its orders
    confirm = client.post(f"{API}/provider/orders/{order}/confirm", headers={**basic, "Idempotency-Key": "key-1"})
    assert confirm.status_code == 409 and "deactivated" in confirm.text
    reject = client.post(f"{API}/provider/orders/{order}/reject", headers={**basic, "Idempotency-Key": "key-2"})
    assert reject.status_code == 200, reject.text
    offers = client.get(f"{API}/wallet", headers=bearer).json()["offers"]
    assert not any(o["provider_id"] == DEMO_PROVIDER for o in offers)  # it is no longer offered


def _csrf(client: TestClient, path: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert m
    return m.group(1)


def test_the_back_office_page(client: TestClient, wrt: Runtime) -> None:
    sign_in_client(client, wrt, ADMIN)
    page = "/backoffice/wallet/providers"
    token = _csrf(client, page)
    form = {"csrf_token": token, "op": "deactivate", "provider_id": DEMO_PROVIDER}
    assert client.post(f"{page}/status", data=form).status_code == 400  # no reason
    assert client.post(f"{page}/status", data={**form, "op": "drop", "reason": "x"}).status_code == 400
    assert client.post(f"{page}/status", data={**form, "csrf_token": "forged", "reason": "x"}).status_code == 403
    assert client.post(f"{page}/status", data={**form, "provider_id": "nobody", "reason": "x"}).status_code == 404
    r = client.post(f"{page}/status", data={**form, "reason": REASON})
    assert r.status_code == 200 and 'id="provider-done"' in r.text and REASON in r.text and "provider-activate" in r.text
    with wrt.db.session() as s:
        row = s.get(Provider, DEMO_PROVIDER)
        assert row is not None and not row.active
    r = client.post(f"{page}/status", data={**form, "op": "activate"})
    assert r.status_code == 200 and "provider-deactivate" in r.text
    # a provider that also serves another programme is not this admin's to switch off
    wallets.register_provider(wrt, provider_id="jaettu", name="Jaettu Oy", iban="FI2112345600000785", bic="NDEAFIHH",
                              prices={"service-of-another-programme": 1000, SERVICES[0]: 1000}, actor="test")
    r = client.post(f"{page}/status", data={**form, "provider_id": "jaettu", "reason": "x"})
    assert r.status_code == 409 and "other programmes" in r.text


def test_the_cli(tmp_path: Path) -> None:
    from auroranet.cli import app

    base = ["--data-dir", str(tmp_path / "cli-data"), "wallet"]
    runner = CliRunner()
    assert runner.invoke(app, [*base, "seed-demo"]).exit_code == 0
    out = runner.invoke(app, [*base, "providers", "deactivate", DEMO_PROVIDER, "--reason", REASON])
    assert out.exit_code == 0 and f"{DEMO_PROVIDER}: deactivated" in out.output, out.output
    assert "(already)" in runner.invoke(app, [*base, "providers", "deactivate", DEMO_PROVIDER, "--reason", "x"]).output
    listed = runner.invoke(app, [*base, "providers", "list"], env={"COLUMNS": "200"})
    assert "deactivated" in listed.output and "sopimus" in listed.output
    assert runner.invoke(app, [*base, "providers", "deactivate", DEMO_PROVIDER]).exit_code == 2  # --reason is required
    bad = runner.invoke(app, [*base, "providers", "deactivate", "nobody", "--reason", "x"])
    assert bad.exit_code != 0 and "no such provider" in bad.output
    out = runner.invoke(app, [*base, "providers", "activate", DEMO_PROVIDER])
    assert out.exit_code == 0 and f"{DEMO_PROVIDER}: active" in out.output


def test_the_provider_staff_page(client: TestClient, wrt: Runtime) -> None:
    wid = _wallet(wrt)
    code = _order(wrt, wid, SERVICES[0], "o-staff")
    staff = Principal("staff-p", "staff", "Provider", (Role("provider_staff", f"organisation:{DEMO_PROVIDER}"),))
    sign_in_client(client, wrt, staff)
    before = client.get("/backoffice/wallet?lang=en").text
    assert f'value="{code}"' in before and 'name="op" value="confirm"' in before and "provider-off" not in before
    _deactivate(wrt)
    page = client.get("/backoffice/wallet?lang=en")
    assert page.status_code == 200 and "provider-off" in page.text
    assert 'name="op" value="confirm"' not in page.text and 'name="op" value="reject"' in page.text
    token = _csrf(client, "/backoffice/wallet")
    form = {"csrf_token": token, "provider_id": DEMO_PROVIDER, "order": code, "key": "staff-key-1"}
    r = client.post("/backoffice/wallet/orders", data={**form, "op": "confirm"})
    assert r.status_code == 409 and "no longer takes part" in r.text
    assert client.post("/backoffice/wallet/orders", data={**form, "op": "reject", "key": "staff-key-2"}).status_code == 303


def test_the_person_page_offers_to_cancel_a_confirmed_order_of_a_gone_provider(client: TestClient, wrt: Runtime) -> None:
    _, claim = wallets.issue_codes(wrt, DEMO_ID, 1, actor="test")
    page = client.get("/wallet?lang=en").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    key = re.search(r'name="key" value="([^"]+)"', page)
    assert token and key
    r = client.post("/wallet/claim", data={"csrf_token": token.group(1), "key": key.group(1), "code": claim[0]})
    assert r.status_code == 200 and 'id="wallet-code"' in r.text
    with wrt.db.session() as s:
        wid = int(s.execute(select(func.max(Wallet.id))).scalar_one())
    code = _order(wrt, wid, SERVICES[0], "o-person")
    _act(wrt, code, "confirm")
    html = client.get("/wallet?lang=en").text
    assert f'name="order" value="{code}"' not in html  # confirmed: not the person's to cancel
    _deactivate(wrt)
    html = client.get("/wallet?lang=en").text
    assert f'name="order" value="{code}"' in html and "no longer takes part" in html
    r = client.post("/wallet/cancel", data={"csrf_token": token.group(1), "key": "person-cancel-1", "order": code})
    assert r.status_code == 303, r.text
    assert [o.status for o in orders.of_wallet(wrt, wid)] == ["cancelled"]
