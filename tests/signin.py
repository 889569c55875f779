"""Sign a TestClient in as a principal by writing a server-side web session directly (for tests of
role checks; the OpenID Connect login itself is tested against the real test provider in tests/identity)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from auroranet.identity.principal import Principal, sign_in
from auroranet.runtime import Runtime
from auroranet.web import session as sess


def sign_in_client(client: TestClient, rt: Runtime, principal: Principal) -> str:
    """Signs ``client`` in; returns the session's CSRF token."""
    store = sess.Store(rt.db, rt.writes, rt.session_secret())
    session = sess.WebSession(secret=store.secret)
    sign_in(session, principal)
    sess.persist(session, store)
    assert session.sid is not None
    client.cookies.set(sess.COOKIE, sess.cookie_value(session.sid, store.secret))
    return session.csrf_token()
