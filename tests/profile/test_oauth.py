"""A connected service asks the person through OAuth2 (the network as authorization server), end to end
over the real app on SQLite and PostgreSQL: authorization request, the consent screen (nothing ticked,
exactly what goes to whom), a subset granted, the code exchanged with PKCE at the token endpoint, the
bearer read of only the granted attributes, the consent record, withdrawal. Then the attacks: wrong
redirect URI, missing or plain PKCE, code reuse, a code from another client, an expired token, a token
after withdrawal, scope escalation, forged state and request ids, CSRF, long parameters."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from auroranet.app import create_app
from auroranet.config import Settings
from auroranet.consent.models import ConsentRecord
from auroranet.db.core import Database, utcnow
from auroranet.identity.principal import Principal
from auroranet.network.clients import add_client, update_client
from auroranet.oauth.models import OAuthCode, OAuthToken
from auroranet.profile import service as profile
from auroranet.profile.models import ProfileAccess
from auroranet.runtime import Runtime
from tests.signin import sign_in_client

SUBJECT = "e" * 64
REDIRECT = "https://service.example/callback"
ALL = "age municipality_code life_situation_meters"


@dataclass
class Svc:
    id: str
    secret: str


@dataclass
class World:
    rt: Runtime
    person: TestClient  # the person's browser, signed in
    service: TestClient  # the connected service's server: no cookies
    a: Svc  # may ask for every attribute
    b: Svc  # another connected service, registered for age only


@pytest.fixture
def world(db: Database, tmp_path: Path) -> Iterator[World]:
    st = Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple", session_secret="o" * 40,
                  subject_key="k" * 40, jobs_enabled=False, web_warm_on_start=False)
    rt = Runtime.create(st, db=db)
    with rt.db.session() as s:
        a = add_client(s, names={"fi": "Nuorten palvelu", "sv": "Ungas tjänst", "en": "Youth service"},
                       provider="Testikunta", receivable_attributes=["age", "municipality_code", "life_situation_meters"],
                       privacy_notice_url="https://service.example/privacy", oauth_redirect_uris=[REDIRECT])
        b = add_client(s, names="Toinen palvelu", receivable_attributes=["age"],
                       oauth_redirect_uris=["https://other.example/cb"])
        profile.save_assessment(s, st, SUBJECT, "3x10d", {"health": 7.0, "housing": 3.0},
                                {"age": 34, "municipality_code": "091"})
    app = create_app(runtime=rt)
    with TestClient(app) as person, TestClient(app) as service:
        sign_in_client(person, rt, Principal(subject=SUBJECT, kind="person", display_name="Maija"))
        yield World(rt, person, service, Svc(a.info.id, a.secret), Svc(b.info.id, b.secret))
    rt.close()


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return m.group(1)


def ask(w: World, *, client: Svc | None = None, scope: str = ALL, redirect: str = REDIRECT, state: str = "st-1",
        challenge: str | None = None, method: str | None = "S256", **extra: str) -> httpx.Response:
    params = {"response_type": "code", "client_id": (client or w.a).id, "redirect_uri": redirect, "scope": scope,
              "state": state, "code_challenge": challenge or pkce()[1], **extra}
    if method is not None:
        params["code_challenge_method"] = method
    return w.person.get("/oauth/authorize", params=params, follow_redirects=False)


def consent_page(w: World, r: httpx.Response) -> tuple[str, httpx.Response]:
    assert r.status_code == 303, r.text
    path = r.headers["location"]
    assert path.startswith("/oauth/consent/")
    return path, w.person.get(path + "?lang=en")


def decide(w: World, path: str, page: httpx.Response, share: list[str], action: str = "share") -> httpx.Response:
    return w.person.post(path, data={"csrf_token": csrf(page.text), "action": action, "share": share},
                         follow_redirects=False)


def code_of(r: httpx.Response, state: str = "st-1") -> str:
    assert r.status_code == 303, r.text
    loc = urlsplit(r.headers["location"])
    assert f"{loc.scheme}://{loc.netloc}{loc.path}" == REDIRECT
    q = parse_qs(loc.query)
    assert q["state"] == [state]  # exactly the client's state comes back
    return q["code"][0]


def exchange(w: World, code: str, verifier: str | None, *, client: Svc | None = None, redirect: str = REDIRECT,
             secret: str | None = None) -> httpx.Response:
    c = client or w.a
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect}
    if verifier is not None:
        data["code_verifier"] = verifier
    return w.service.post("/oauth/token", data=data, auth=(c.id, secret or c.secret))


def read(w: World, token: str) -> httpx.Response:
    return w.service.get("/oauth/attributes", headers={"Authorization": f"Bearer {token}"})


def granted(w: World, share: list[str], scope: str = ALL) -> tuple[str, str]:
    """The whole flow for the person granting ``share``: (access token, code)."""
    verifier, challenge = pkce()
    path, page = consent_page(w, ask(w, scope=scope, challenge=challenge))
    code = code_of(decide(w, path, page, share))
    r = exchange(w, code, verifier)
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"]), code


def test_the_service_reads_exactly_what_the_person_granted(world: World) -> None:
    w = world
    verifier, challenge = pkce()
    path, page = consent_page(w, ask(w, challenge=challenge))
    assert page.status_code == 200
    html = page.text
    # what goes to whom: the recipient, its provider and privacy notice, one line per requested value
    assert "Youth service" in html and "Testikunta" in html and 'href="https://service.example/privacy"' in html
    assert "Age: 34" in html and "Home municipality:" in html and "health 7" in html
    assert html.count('type="checkbox"') == 3 and "checked" not in html  # nothing pre-ticked
    code = code_of(decide(w, path, page, ["age", "life_situation_meters"]))
    r = exchange(w, code, verifier)
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    body = r.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == w.rt.settings.oauth_token_ttl_seconds
    assert body["scope"].split() == ["age", "life_situation_meters"] and "refresh_token" not in body
    got = read(w, body["access_token"])
    assert got.status_code == 200
    assert got.json() == {"attributes": {"age": 34, "life_situation_meters": {"health": [7], "housing": [3]}}}
    with w.rt.db.session() as s:
        rec = s.scalars(select(ConsentRecord).where(ConsentRecord.method == "oauth2")).one()
        assert (rec.subject, rec.recipient_id, rec.status) == (SUBJECT, w.a.id, "active")
        assert rec.data_categories == ["age", "life_situation_meters:health", "life_situation_meters:housing"]
        # codes and tokens only as hashes
        assert s.get(OAuthCode, code) is None and s.get(OAuthToken, body["access_token"]) is None
        assert s.get(OAuthToken, hashlib.sha256(body["access_token"].encode()).hexdigest()) is not None
        assert "read_by_service" in {a.action for a in s.scalars(select(ProfileAccess))}
    # the person sees it on /consents with the OAuth2 purpose
    listing = w.person.get("/consents?lang=en").text
    assert "Youth service" in listing and "may read the values you ticked" in listing


def test_a_single_attribute_and_declining(world: World) -> None:
    w = world
    token, _ = granted(w, ["municipality_code"])
    assert read(w, token).json() == {"attributes": {"municipality_code": "091"}}
    path, page = consent_page(w, ask(w, state="st-2"))
    r = decide(w, path, page, [], action="decline")
    q = parse_qs(urlsplit(r.headers["location"]).query)
    assert r.status_code == 303 and q["error"] == ["access_denied"] and q["state"] == ["st-2"] and "code" not in q
    path, page = consent_page(w, ask(w, state="st-3"))
    r = decide(w, path, page, [])  # "share" with nothing ticked gives nothing
    assert parse_qs(urlsplit(r.headers["location"]).query)["error"] == ["access_denied"]


def test_signing_in_first(world: World) -> None:
    w = world
    anon = TestClient(w.person.app)
    r = anon.get("/oauth/authorize", params={"response_type": "code", "client_id": w.a.id, "redirect_uri": REDIRECT,
                                             "scope": "age", "state": "s", "code_challenge": pkce()[1],
                                             "code_challenge_method": "S256"}, follow_redirects=False)
    assert r.status_code == 303
    page = anon.get(r.headers["location"], follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=" + r.headers["location"]


@pytest.mark.parametrize("redirect", ["https://service.example/callback/", "https://service.example/callback?x=1",
                                      "https://evil.example/callback", "http://service.example/callback", ""])
def test_wrong_redirect_uri_is_a_page_not_a_redirect(world: World, redirect: str) -> None:
    r = ask(world, redirect=redirect)
    assert r.status_code == 400 and "location" not in r.headers


def test_pkce_is_required_and_only_s256(world: World) -> None:
    w = world
    verifier, challenge = pkce()
    assert ask(w, method=None, challenge=challenge).status_code == 400  # no method: would default to plain
    assert ask(w, method="plain", challenge=challenge).status_code == 400
    params = {"response_type": "code", "client_id": w.a.id, "redirect_uri": REDIRECT, "scope": "age", "state": "s"}
    assert w.person.get("/oauth/authorize", params=params, follow_redirects=False).status_code == 400
    assert ask(w, challenge="short").status_code == 400
    # at the token endpoint: no verifier, a wrong verifier
    path, page = consent_page(w, ask(w, challenge=challenge))
    code = code_of(decide(w, path, page, ["age"]))
    r = exchange(w, code, None)
    assert r.status_code == 400 and r.json()["error"] == "invalid_request"
    path, page = consent_page(w, ask(w, challenge=challenge))
    code = code_of(decide(w, path, page, ["age"]))
    r = exchange(w, code, pkce()[0])
    assert r.status_code == 400 and r.json()["error"] == "invalid_grant"


def test_a_code_works_once_and_its_reuse_revokes_the_token(world: World) -> None:
    w = world
    verifier, challenge = pkce()
    path, page = consent_page(w, ask(w, challenge=challenge))
    code = code_of(decide(w, path, page, ["age"]))
    first = exchange(w, code, verifier)
    assert first.status_code == 200
    again = exchange(w, code, verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    assert read(w, first.json()["access_token"]).status_code == 401


def test_a_code_from_another_client_and_wrong_credentials(world: World) -> None:
    w = world
    verifier, challenge = pkce()
    path, page = consent_page(w, ask(w, challenge=challenge))
    code = code_of(decide(w, path, page, ["age"]))
    stolen = exchange(w, code, verifier, client=w.b, redirect=REDIRECT)
    assert stolen.status_code == 400 and stolen.json()["error"] == "invalid_grant"
    bad = exchange(w, code, verifier, secret="not-the-secret")
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"
    # neither refusal spent the code: its own client still gets the token
    assert exchange(w, code, verifier).status_code == 200
    # the code is bound to the redirect URI it was issued for
    path, page = consent_page(w, ask(w, challenge=challenge))
    code = code_of(decide(w, path, page, ["age"]))
    wrong_uri = exchange(w, code, verifier, redirect="https://service.example/other")
    assert wrong_uri.status_code == 400 and wrong_uri.json()["error"] == "invalid_grant"


def test_expired_token_and_unknown_tokens(world: World) -> None:
    w = world
    token, _ = granted(w, ["age"])
    assert read(w, token).status_code == 200
    with w.rt.db.session() as s:
        s.execute(update(OAuthToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    r = read(w, token)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert read(w, "x" * 43).status_code == 401
    assert read(w, "x" * 5000).status_code == 401
    assert w.service.get("/oauth/attributes").status_code == 401
    assert w.service.get("/oauth/attributes", headers={"Authorization": f"Basic {token}"}).status_code == 401


def test_withdrawal_refuses_the_token_at_once(world: World) -> None:
    w = world
    token, _ = granted(w, ["age"])
    assert read(w, token).status_code == 200
    with w.rt.db.session() as s:
        rid = s.scalars(select(ConsentRecord.id).where(ConsentRecord.method == "oauth2")).one()
    page = w.person.get("/consents")
    r = w.person.post(f"/consents/{rid}/withdraw", data={"csrf_token": csrf(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    assert read(w, token).status_code == 401


def test_a_deactivated_client_reads_nothing_and_cannot_ask(world: World) -> None:
    w = world
    token, _ = granted(w, ["age"])
    with w.rt.db.session() as s:
        update_client(s, w.a.id, active=False)
    assert read(w, token).status_code == 401
    assert ask(w).status_code == 400


def test_scope_escalation(world: World) -> None:
    w = world
    # beyond the client's registration, unknown scopes, no scope
    assert ask(w, client=w.b, redirect="https://other.example/cb", scope="age life_situation_meters").status_code == 400
    assert ask(w, scope="age openid").status_code == 400
    assert ask(w, scope="").status_code == 400
    # ticking what was not asked for
    verifier, challenge = pkce()
    path, page = consent_page(w, ask(w, scope="age", challenge=challenge))
    assert decide(w, path, page, ["age", "life_situation_meters"]).status_code == 400
    # a scope parameter at the token endpoint does not widen the grant
    path, page = consent_page(w, ask(w, scope="age", challenge=challenge))
    code = code_of(decide(w, path, page, ["age"]))
    r = w.service.post("/oauth/token", data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                                             "code_verifier": verifier, "scope": ALL}, auth=(w.a.id, w.a.secret))
    assert r.status_code == 200 and r.json()["scope"] == "age"
    assert read(w, r.json()["access_token"]).json() == {"attributes": {"age": 34}}


def test_forged_state_and_request_ids(world: World) -> None:
    w = world
    assert ask(w, state="").status_code == 400  # state is required
    assert ask(w, state="spaces are not allowed").status_code == 400
    path, page = consent_page(w, ask(w))
    # another browser (another signed-in session) cannot decide this request
    other = TestClient(w.person.app)
    sign_in_client(other, w.rt, Principal(subject="f" * 64, kind="person"))
    their = other.get("/profile")
    r = other.post(path, data={"csrf_token": csrf(their.text), "action": "share", "share": ["age"]}, follow_redirects=False)
    assert r.status_code == 400 and "location" not in r.headers
    assert w.person.get("/oauth/consent/" + "A" * 32).status_code == 400
    # the request is used once
    assert decide(w, path, page, ["age"]).status_code == 303
    assert decide(w, path, page, ["age"]).status_code == 400
    # repeated parameters are refused
    q = (f"/oauth/authorize?response_type=code&client_id={w.a.id}&redirect_uri={REDIRECT}&scope=age"
         f"&state=a&state=b&code_challenge={pkce()[1]}&code_challenge_method=S256")
    assert w.person.get(q, follow_redirects=False).status_code == 400


def test_csrf_on_the_consent_form(world: World) -> None:
    w = world
    path, page = consent_page(w, ask(w))
    assert w.person.post(path, data={"action": "share", "share": ["age"]}, follow_redirects=False).status_code == 403
    r = w.person.post(path, data={"csrf_token": "0" * 64, "action": "share", "share": ["age"]}, follow_redirects=False)
    assert r.status_code == 403
    assert decide(w, path, page, ["age"]).status_code == 303  # the real form still works


def test_long_parameters(world: World) -> None:
    w = world
    assert ask(w, state="s" * 600).status_code == 400
    assert ask(w, scope="age " * 400).status_code == 400
    assert ask(w, redirect=REDIRECT + "x" * 2000).status_code == 400
    params = {f"p{i}": "x" for i in range(30)}
    assert ask(w, **params).status_code == 400
    assert ask(w, state="s" * 490, redirect=REDIRECT + "?" + "q" * 490, scope="age " * 100).status_code == 400  # together
    # a long request cannot push the sign-in out of the web session: the person stays signed in
    for _ in range(10):
        consent_page(w, ask(w, state="s" * 490, nonce="n" * 900))
    assert 'href="/login?next=/profile"' not in w.person.get("/profile").text
    path, page = consent_page(w, ask(w))
    assert code_of(decide(w, path, page, ["age"]))
    big = w.person.get("/oauth/authorize", params={"client_id": "c" * 5000}, follow_redirects=False)
    assert big.status_code in (400, 414)
    r = w.service.post("/oauth/token", data={"grant_type": "authorization_code", "code": "c" * 5000,
                                             "redirect_uri": REDIRECT, "code_verifier": "v" * 50},
                       auth=(w.a.id, w.a.secret))
    assert r.status_code == 400
    r = w.service.post("/oauth/token", content=b'{"grant_type": "authorization_code"}',
                       headers={"Content-Type": "application/json"}, auth=(w.a.id, w.a.secret))
    assert r.status_code == 400


def test_erasure_ends_every_grant(world: World) -> None:
    w = world
    token, _ = granted(w, ["age"])
    with w.rt.writes, w.rt.db.session() as s:
        profile.erase(s, SUBJECT, owners=w.rt.consent_owners)
    assert read(w, token).status_code == 401
    with w.rt.db.session() as s:
        assert s.scalar(select(OAuthToken)) is None and s.scalar(select(OAuthCode)) is None
