"""The OpenID Connect login end to end against the real test provider (npm oidc-provider)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.identity import service
from auroranet.identity.flows import safe_next
from auroranet.identity.subjects import pseudonymous_subject
from auroranet.runtime import Runtime
from auroranet.web import session as sess
from tests.idp import Idp, make_runtime, oidc_settings, provider_login, query_of


@pytest.fixture
def id_runtime(any_id_runtime: Runtime) -> Runtime:
    """Pending logins, web sessions and staff roles are stored: both backends (SQLite and PostgreSQL)."""
    return any_id_runtime


def _principal(client: TestClient, rt: Runtime) -> dict[str, object] | None:
    store = sess.Store(rt.db, rt.writes, rt.session_secret())
    sid = sess.cookie_id(client.cookies.get(sess.COOKIE), store.secret)
    if sid is None:
        return None
    with rt.db.session() as s:
        from auroranet.web.models import WebSessionRow

        row = s.get(WebSessionRow, sess.id_hash(sid))
        data = sess.unseal(row.payload, store.secret, sid) if row is not None else None
    if data is None:
        return None
    raw = data.get("principal")
    return raw if isinstance(raw, dict) else None


def test_authorization_request_uses_pkce_s256_state_and_nonce(client: TestClient) -> None:
    r = client.get("/login?next=/profile", follow_redirects=False)
    assert r.status_code == 303
    q = query_of(r.headers["location"])
    assert q["code_challenge_method"] == "S256" and len(q["code_challenge"]) == 43
    assert len(q["state"]) >= 32 and len(q["nonce"]) >= 32 and q["response_type"] == "code"
    assert q["redirect_uri"] == "http://testserver/auth/callback"


def test_person_logs_in_and_gets_a_pseudonymous_subject(client: TestClient, id_runtime: Runtime, idp: Idp) -> None:
    anonymous_cookie = client.get("/login?next=/privacy", follow_redirects=False).cookies.get(sess.COOKIE)
    r = provider_login(client, "/login?next=/privacy", "maija")
    assert r.status_code == 303 and r.headers["location"] == "/privacy"
    p = _principal(client, id_runtime)
    assert p is not None and p["kind"] == "person" and p["display_name"] == "Maija Meikäläinen"
    assert p["subject"] == pseudonymous_subject(id_runtime.settings, idp.issuer, "p-0001")
    assert "p-0001" not in str(p) and "120485" not in str(p)
    assert p["acr"] == "http://ftn.ficora.fi/2017/loa3"
    assert client.cookies.get(sess.COOKIE) != anonymous_cookie  # the session id rotated on sign-in


def test_staff_roles_come_from_the_table_not_the_claim(client: TestClient, id_runtime: Runtime, idp: Idp) -> None:
    provider_login(client, "/login", "anna.analyst")
    p = _principal(client, id_runtime)
    assert p is not None and p["kind"] == "person" and p["roles"] == []  # the claim alone does not count
    subject = pseudonymous_subject(id_runtime.settings, idp.issuer, "s-0001")
    with id_runtime.writes, id_runtime.db.session() as s:
        assert service.grant(s, subject=subject, role="analyst", scope="county:19", label="Anna")
    client.cookies.clear()
    provider_login(client, "/login", "anna.analyst")
    p = _principal(client, id_runtime)
    assert p is not None and p["kind"] == "staff" and p["roles"] == [["analyst", "county:19"]]


def test_provider_roles_count_only_when_trusted(tmp_path: Path, idp: Idp, id_runtime: Runtime) -> None:
    rt = make_runtime(oidc_settings(tmp_path, idp, oidc_trust_provider_roles=True), id_runtime.db)
    with TestClient(create_app(runtime=rt), base_url="http://testserver") as c:
        provider_login(c, "/login", "aino.admin")
        p = _principal(c, rt)
        assert p is not None and p["kind"] == "staff" and p["roles"] == [["admin", "national"]]


def test_client_secret_post_works(tmp_path: Path, idp: Idp, id_runtime: Runtime) -> None:
    st = oidc_settings(tmp_path, idp, oidc_token_auth_method="client_secret_post")
    st = st.model_copy(update={"oidc_client_id": idp.client_id + "-post"})
    rt = make_runtime(st, id_runtime.db)
    with TestClient(create_app(runtime=rt), base_url="http://testserver") as c:
        assert provider_login(c, "/login?next=/search", "matti").headers["location"] == "/search"


@pytest.mark.parametrize("bad", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil",
                                 "javascript:alert(1)", "/ok\r\nSet-Cookie: x", "http:/evil", ""])
def test_next_is_local_only(bad: str) -> None:
    assert safe_next(bad) == "/"


def test_open_redirect_is_refused_end_to_end(client: TestClient) -> None:
    r = provider_login(client, "/login?next=//evil.example/steal", "maija")
    assert r.headers["location"] == "/"
    assert safe_next("/service/abc?lang=sv") == "/service/abc?lang=sv"


def test_forged_state_is_refused_and_nothing_is_signed_in(client: TestClient, id_runtime: Runtime) -> None:
    r = client.get("/login", follow_redirects=False)
    q = query_of(r.headers["location"])
    r = client.get(f"/auth/callback?code=abc&state={q['state']}x", follow_redirects=False)
    assert r.status_code == 400
    assert _principal(client, id_runtime) is None
    # the pending login was used up: the right state cannot be replayed afterwards either
    r = client.get(f"/auth/callback?code=abc&state={q['state']}", follow_redirects=False)
    assert r.status_code == 400


def test_callback_without_a_login_in_progress_is_refused(client: TestClient) -> None:
    assert client.get("/auth/callback?code=x&state=y").status_code == 400


def test_consent_refused_at_the_provider_signs_nobody_in(client: TestClient, id_runtime: Runtime) -> None:
    r = provider_login(client, "/login", "maija", consent=False)
    assert r.status_code == 400
    assert _principal(client, id_runtime) is None


def test_logout_needs_csrf_and_ends_the_provider_session(client: TestClient, id_runtime: Runtime, idp: Idp) -> None:
    provider_login(client, "/login", "maija")
    assert _principal(client, id_runtime) is not None
    assert client.post("/logout", data={}).status_code == 403
    csrf = _csrf(client)
    r = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(f"{idp.issuer}/session/end?")
    assert _principal(client, id_runtime) is None


def _csrf(client: TestClient) -> str:
    import re

    html = client.get("/privacy").text
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return m.group(1)


def test_login_is_rate_limited(tmp_path: Path, idp: Idp, id_runtime: Runtime) -> None:
    rt = make_runtime(oidc_settings(tmp_path, idp, oidc_login_per_minute=3), id_runtime.db)
    with TestClient(create_app(runtime=rt), base_url="http://testserver") as c:
        codes = [c.get("/login", follow_redirects=False).status_code for _ in range(5)]
    assert codes[:3] == [303, 303, 303] and codes[3:] == [429, 429]


def test_without_settings_login_says_it_is_not_configured(tmp_path: Path, id_runtime: Runtime) -> None:
    from auroranet.config import Settings

    st = Settings(data_dir=tmp_path / "d2", embedder="hashing", analyzer="simple", require_auth=False,
                  session_secret="s" * 40, jobs_enabled=False)
    rt = make_runtime(st, id_runtime.db)
    with TestClient(create_app(runtime=rt)) as c:
        r = c.get("/login?next=/profile")
        assert r.status_code == 404 and "not enabled" in c.get("/login?lang=en").text
        assert c.get("/").status_code == 200
