"""Issue 9, item 12: /metrics is not public by default (loopback peers, or a Bearer token when
AURORA_METRICS_TOKEN is set); /docs is served from local files under a CSP without 'unsafe-inline'."""

from __future__ import annotations

import pytest

from auroranet.api import docs
from tests.network.conftest import make_client, runtime_like

TOKEN = "m" * 40


@pytest.mark.parametrize("settings, peer, headers, status", [
    ({}, "127.0.0.1", {}, 200),
    ({}, "::1", {}, 200),
    ({}, "10.1.2.3", {}, 404),
    ({}, "testclient", {}, 404),
    ({"metrics_public": True}, "10.1.2.3", {}, 200),
    ({"metrics_token": TOKEN}, "10.1.2.3", {"Authorization": f"Bearer {TOKEN}"}, 200),
    ({"metrics_token": TOKEN}, "10.1.2.3", {}, 401),
    ({"metrics_token": TOKEN}, "127.0.0.1", {"Authorization": "Bearer wrong"}, 401),  # a token binds loopback too
    ({"metrics_token": TOKEN, "metrics_public": True}, "10.1.2.3", {}, 401),
])
def test_metrics_access(rt, settings, peer, headers, status):
    with make_client(runtime_like(rt, **settings), peer=peer) as http:
        r = http.get("/metrics", headers=headers)
    assert r.status_code == status
    assert ("aurora_http_requests_total" in r.text) == (status == 200)


def test_docs_served_locally_under_csp(http):
    r = http.get("/docs")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "<script>" not in r.text and "cdn" not in r.text.lower() and "http" not in r.text.replace("/openapi.json", "")
    if docs.vendored():
        for name in docs.VENDOR_FILES:
            assert f'"/static/vendor/{name}"' in r.text
            assert http.get(f"/static/vendor/{name}").status_code == 200
    init = http.get("/docs/init.js")
    assert init.status_code == 200 and init.headers["content-type"].startswith("text/javascript")
    assert "SwaggerUIBundle" in init.text and http.get("/openapi.json").status_code == 200
    assert http.get("/redoc").status_code == 404  # FastAPI's ReDoc page loaded from a CDN too


def test_docs_without_vendor_files_links_the_document(http, monkeypatch):
    monkeypatch.setattr(docs, "vendored", lambda: False)
    r = http.get("/docs")
    assert r.status_code == 200 and 'href="/openapi.json"' in r.text and "<script" not in r.text
