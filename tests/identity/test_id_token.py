"""ID token checks against tokens the real provider issued: nonce, audience, expiry, signature, and a
forged nonce in the pending login; plus the staff CLI."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from auroranet.identity import oidc
from auroranet.identity.oidc import LoginError, RelyingParty
from auroranet.runtime import Runtime
from auroranet.web import session as sess
from tests.idp import Idp, provider_login


@pytest.fixture
def issued(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A real ID token from the provider and the nonce it was issued for."""
    seen: dict[str, Any] = {}
    original = RelyingParty.verify_id_token

    def spy(self: RelyingParty, id_token: str, *, nonce: str, now: float | None = None) -> dict[str, Any]:
        seen.update(token=id_token, nonce=nonce, rp=self)
        return original(self, id_token, nonce=nonce, now=now)

    monkeypatch.setattr(RelyingParty, "verify_id_token", spy)
    assert provider_login(client, "/login", "maija").status_code == 303
    return seen


def test_the_real_token_verifies(issued: dict[str, Any]) -> None:
    claims = issued["rp"].verify_id_token(issued["token"], nonce=issued["nonce"])
    assert claims["sub"] == "p-0001"


def test_wrong_nonce_is_rejected(issued: dict[str, Any]) -> None:
    with pytest.raises(LoginError, match="nonce"):
        issued["rp"].verify_id_token(issued["token"], nonce="x" + issued["nonce"])


def test_expired_token_is_rejected(issued: dict[str, Any]) -> None:
    claims = issued["rp"].verify_id_token(issued["token"], nonce=issued["nonce"])
    with pytest.raises(LoginError, match="exp"):
        issued["rp"].verify_id_token(issued["token"], nonce=issued["nonce"], now=claims["exp"] + 3600)


def test_another_audience_is_rejected(issued: dict[str, Any], id_runtime: Runtime) -> None:
    other = RelyingParty(id_runtime.settings.model_copy(update={"oidc_client_id": "someone-else"}))
    with pytest.raises(LoginError, match="aud"):
        other.verify_id_token(issued["token"], nonce=issued["nonce"])


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_tampered_payload_fails_the_signature(issued: dict[str, Any]) -> None:
    head, body, sig = issued["token"].split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    payload["sub"] = "p-0002"
    with pytest.raises(LoginError):
        issued["rp"].verify_id_token(f"{head}.{_b64(payload)}.{sig}", nonce=issued["nonce"])


def test_unsigned_token_is_rejected(issued: dict[str, Any]) -> None:
    _, body, _ = issued["token"].split(".")
    with pytest.raises(LoginError):
        issued["rp"].verify_id_token(f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{body}.", nonce=issued["nonce"])


def test_forged_nonce_in_the_pending_login_fails_the_callback(client: TestClient, id_runtime: Runtime,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    original = oidc.RelyingParty.authorization_request

    def forged(self: RelyingParty, redirect_uri: str, *, reauth: bool = False) -> oidc.AuthorizationRequest:
        req = original(self, redirect_uri, reauth=reauth)
        return oidc.AuthorizationRequest(req.url, req.state, "forged-" + req.nonce, req.verifier)

    monkeypatch.setattr(oidc.RelyingParty, "authorization_request", forged)
    r = provider_login(client, "/login?next=/privacy", "maija")
    assert r.status_code == 400
    sid = sess.cookie_id(client.cookies.get(sess.COOKIE), id_runtime.session_secret())
    assert sid is not None  # still the anonymous session, with no principal in it
    with id_runtime.db.session() as s:
        from auroranet.web.models import WebSessionRow

        row = s.get(WebSessionRow, sess.id_hash(sid))
    data = sess.unseal(row.payload, id_runtime.session_secret(), sid) if row else {}
    assert "principal" not in (data or {})


def test_staff_cli_grants_and_lists(tmp_path: Path, idp: Idp, monkeypatch: pytest.MonkeyPatch) -> None:
    from auroranet.cli import app

    monkeypatch.setenv("AURORA_SESSION_SECRET", "z" * 40)
    runner = CliRunner()
    base = ["--data-dir", str(tmp_path / "cli")]
    r = runner.invoke(app, [*base, "staff", "grant", "s-0002", "--role", "provider_staff",
                            "--scope", "organisation:demo-org", "--issuer", idp.issuer, "--label", "Pekka"])
    assert r.exit_code == 0, r.output
    assert "organisation:demo-org" in runner.invoke(app, [*base, "staff", "list"]).output
    bad = runner.invoke(app, [*base, "staff", "grant", "s-0002", "--role", "root", "--scope", "national",
                              "--issuer", idp.issuer])
    assert bad.exit_code != 0
    r = runner.invoke(app, [*base, "staff", "revoke", "s-0002", "--issuer", idp.issuer])
    assert "revoked 1" in r.output
    assert "no staff roles" in runner.invoke(app, [*base, "staff", "list"]).output
