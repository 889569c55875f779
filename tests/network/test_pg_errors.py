"""A database that goes away: idle pooled connections killed by PostgreSQL are replaced (pre-ping), a
connection lost inside a request is a 503 with Retry-After (v1 text, v2 JSON, web HTML), never a bare 500,
and the log line carries the scrubbed traceback."""

from __future__ import annotations

import io
import json
import logging
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from auroranet.api import errors
from auroranet.db.core import Database, make_engine
from auroranet.db.migrate import upgrade
from auroranet.logs import JsonFormatter
from auroranet.runtime import Runtime
from auroranet.usecases.demo import ensure_demo
from tests.conftest import PG_URL, pg_or_skip
from tests.network.conftest import fake_of, fake_runtime, make_client, register, settings_for

V1 = "/service-recommender/v1"
V2 = "/service-recommender/v2"
SEARCH = {"search_text": "asunto", "limit": 2}


@pytest.fixture
def pg(tmp_path: Path) -> Iterator[tuple[Runtime, Any, str]]:
    """The demo catalogue on a fresh PostgreSQL schema, its connections tagged with an application name
    of their own so that the test terminates only them (other tests share the database)."""
    pg_or_skip()
    schema, app_name = f"t_{uuid.uuid4().hex[:12]}", f"aurora-test-{uuid.uuid4().hex[:8]}"
    admin = make_engine(PG_URL, pool_size=1)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    db = Database(make_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}",
                                                   "application_name": app_name}))
    try:
        upgrade(db.engine)
        ensure_demo(db)
        rt = fake_runtime(settings_for(tmp_path / "pg"), db)
        yield rt, admin, app_name
    finally:
        db.dispose()
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def terminate(admin: Any, app_name: str) -> int:
    """What an operator (or a failover) does: end every backend of the application, from another connection."""
    with admin.begin() as c:
        return len(c.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND application_name = :app"), {"app": app_name}).all())


def test_killed_idle_connections_are_replaced(pg):
    rt, admin, app_name = pg
    creds = register(rt, "Kutsuja")
    with make_client(rt) as http:
        assert http.post(f"{V1}/text_search", json=SEARCH, headers=creds.headers).status_code == 200
        assert terminate(admin, app_name) >= 1
        r = http.post(f"{V1}/text_search", json=SEARCH, headers=creds.headers)
        assert r.status_code == 200, r.text  # pool_pre_ping found the dead connection and opened a new one
        assert http.post(f"{V1}/recommendation_feedback", headers=creds.headers, json={
            "auroraai_recommendation_id": r.json()["auroraai_recommendation_id"], "feedback_score": 1}).status_code == 200


def test_connection_lost_inside_a_request_is_503_with_retry_after(pg):
    """The engine call holds a connection when PostgreSQL ends it: the request fails on that connection
    (a real psycopg error), the answer is 503 + Retry-After, and the next request works again."""
    rt, admin, app_name = pg
    creds = register(rt, "Kutsuja")
    fake = fake_of(rt)
    real_search = fake.search
    armed = {"on": True}

    def search_on_a_dying_connection(q):  # noqa: ANN001, ANN202
        if armed["on"]:
            armed["on"] = False
            with rt.db.session() as s:
                s.execute(text("SELECT 1"))
                terminate(admin, app_name)
                s.execute(text("SELECT 1"))  # the backend is gone: OperationalError
        return real_search(q)

    fake.search = search_on_a_dying_connection
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger("auroranet.api.errors").addHandler(handler)
    try:
        with make_client(rt) as http:
            r = http.post(f"{V2}/text_search", json={**SEARCH, "search_text": "asunto maija@example.com"},
                          headers=creds.headers)
            assert r.status_code == 503, r.text
            assert int(r.headers["retry-after"]) >= 1
            assert r.json() == {"error": "database_unavailable", "message": errors.DB_UNAVAILABLE, "details": None}
            again = http.post(f"{V2}/text_search", json=SEARCH, headers=creds.headers)
            assert again.status_code == 200, again.text
    finally:
        logging.getLogger("auroranet.api.errors").removeHandler(handler)
    line = json.loads(stream.getvalue().splitlines()[0])
    assert line["msg"] == "database unavailable" and line["exc_type"] == "OperationalError"
    assert "search_on_a_dying_connection" in line["traceback"] and "maija@example.com" not in stream.getvalue()


@pytest.mark.parametrize("accept,kind", [("", "text"), ("application/json", "json")])
def test_v1_database_error_is_503_in_v1_format(any_rt, accept, kind):
    """On either backend: a connection-level DBAPI error from inside the use case is a 503."""
    creds = register(any_rt, "Kutsuja")
    fake_of(any_rt).fail_with = OperationalError("SELECT 1", {}, Exception("server closed the connection"),
                                                 connection_invalidated=True)
    with make_client(any_rt) as http:
        r = http.post(f"{V1}/text_search", json=SEARCH, headers={**creds.headers, "Accept": accept})
    assert r.status_code == 503 and r.headers["retry-after"] == str(errors.DB_RETRY_AFTER_S)
    if kind == "text":
        assert r.text == errors.DB_UNAVAILABLE and r.headers["content-type"].startswith("text/plain")
    else:
        assert r.json()["error"] == "database_unavailable"


def _tiny_app(exc: Exception) -> TestClient:
    app = FastAPI()
    errors.install(app)

    @app.get("/haku")
    def web_page() -> str:
        raise exc

    @app.get(f"{V2}/x")
    def api_route() -> str:
        raise exc

    return TestClient(app, raise_server_exceptions=False)


def test_web_pages_get_a_503_page_and_real_bugs_stay_500():
    http = _tiny_app(OperationalError("SELECT 1", {}, Exception("could not connect to server")))
    r = http.get("/haku")
    assert r.status_code == 503 and r.headers["retry-after"] and r.headers["content-type"].startswith("text/html")
    assert "Yritä hetken päästä uudelleen" in r.text
    assert http.get(f"{V2}/x").json()["error"] == "database_unavailable"
    bug = _tiny_app(IntegrityError("INSERT", {}, Exception("duplicate key")))
    assert bug.get("/haku").status_code == 500 and bug.get(f"{V2}/x").status_code == 500
