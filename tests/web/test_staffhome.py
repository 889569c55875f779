"""The staff home lists only the back-office pages a role opens; people and anonymous callers get none."""

from __future__ import annotations

from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.identity.principal import Principal, Role
from auroranet.runtime import Runtime
from tests.signin import sign_in_client


def _client(rt: Runtime) -> TestClient:
    return TestClient(create_app(runtime=rt), follow_redirects=False)


def test_staff_home_by_role(web_runtime: Runtime) -> None:
    with _client(web_runtime) as c:
        r = c.get("/backoffice")
        assert r.status_code == 303 and r.headers["location"] == "/login?next=/backoffice"
        sign_in_client(c, web_runtime, Principal("s1", "staff", roles=(Role("analyst", "county:19"),)))
        page = c.get("/backoffice?lang=en").text
        assert 'href="/insights/"' in page and 'href="/backoffice/wallet"' not in page
        assert "Analyst: " in page and "county:19" not in page and 'action="/logout"' in page
    with _client(web_runtime) as c:
        sign_in_client(c, web_runtime, Principal("s2", "staff",
                                                 roles=(Role("provider_staff", "organisation:x"),)))
        page = c.get("/backoffice?lang=fi").text
        assert 'href="/backoffice/referrals"' in page and 'href="/insights/"' not in page
    with _client(web_runtime) as c:
        sign_in_client(c, web_runtime, Principal("p1", "person"))
        r = c.get("/backoffice")
        assert r.status_code == 403 and 'href="/backoffice/referrals"' not in r.text
        assert 'href="/backoffice"' not in c.get("/").text  # no back-office link for a person
