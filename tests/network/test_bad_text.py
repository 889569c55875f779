"""Bad text at the edge (auroranet.badtext, network/robustness.NetworkMiddleware) and values the database
cannot store (api/errors, web/errors): a 400 in each part's style, on SQLite and PostgreSQL.

v1 answers plain text in v1's words, v2 / admin / /api/ JSON, the web app its HTML page; an unstorable
value is logged by type and route, never the value."""

from __future__ import annotations

import logging
from typing import Any, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import DataError

from auroranet import badtext
from auroranet.app import create_app
from auroranet.runtime import Runtime
from tests.network.conftest import Creds, register

V1 = "/service-recommender/v1"
V2 = "/service-recommender/v2"
SECRET_VALUE = "Maija Meikäläinen 131052-308T"


@pytest.fixture
def app(any_rt: Runtime) -> FastAPI:
    return create_app(runtime=any_rt)


@pytest.fixture
def http(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as c:
        yield c


@pytest.fixture
def creds(any_rt: Runtime) -> Creds:
    return register(any_rt, "Reunatesti")


def _json(http: TestClient, path: str, body: str, headers: dict[str, str] | None = None) -> Any:
    return http.post(path, content=body.encode(), headers={"content-type": "application/json", **(headers or {})})


@pytest.mark.parametrize("text", ["\\u0000", "\\ud800", "\\udc00x", "\\u001b", "\\u007f"])
def test_refused_text_in_json_is_400_in_v1_words_and_v2_json(http: TestClient, creds: Creds, text: str) -> None:
    r = _json(http, f"{V1}/text_search", '{"search_text": "asunto %s"}' % text, creds.headers)
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/plain")
    assert r.text == badtext.TEXT
    r = _json(http, f"{V2}/text_search", '{"search_text": "asunto %s", "language": "fi"}' % text, creds.headers)
    assert r.status_code == 400 and r.json()["error"] == "invalid_characters"


def test_layout_emoji_and_escaped_letters_pass(http: TestClient, creds: Creds) -> None:
    body = '{"search_text": "asunto\\t\\n\\r\\u00e4 \\ud83d\\ude00", "limit": 2}'
    assert _json(http, f"{V1}/text_search", body, creds.headers).status_code == 200


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "9" * 5000,
                                    str(2**63), str(-(2**63) - 1)])
def test_numbers_that_are_not_numbers_are_malformed_json(http: TestClient, creds: Creds, number: str) -> None:
    r = _json(http, f"{V1}/text_search", '{"search_text": "asunto", "limit": %s}' % number, creds.headers)
    assert (r.status_code, r.text) == (400, "Malformed JSON in request body.")
    # FastAPI's own body reading (the assistant): was a 500 (its 422 could not echo NaN as JSON)
    r = _json(http, "/assistant/v1/conversations", '{"lang": "fi", "x": %s}' % number)
    assert r.status_code == 400, r.text


def test_v1_still_checks_credentials_before_the_body(http: TestClient) -> None:
    assert _json(http, f"{V1}/text_search", '{"search_text": "a\\u0000"}').status_code == 401


def test_assistant_message_with_nul_or_surrogate_is_400(http: TestClient) -> None:
    conversation = http.post("/assistant/v1/conversations", json={"lang": "fi"}).json()["conversation_id"]
    for text in ("\\u0000", "\\ud800"):
        r = _json(http, f"/assistant/v1/conversations/{conversation}/messages", '{"text": "apua %s"}' % text)
        assert r.status_code == 400, r.text
    r = http.post(f"/assistant/v1/conversations/{conversation}/messages", json={"text": "apua\nasunto"})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("bad", ["%00", "%ED%A0%80", "%1B", "%FF"])
def test_refused_text_in_the_address(http: TestClient, bad: str) -> None:
    r = http.get(f"/api/catalogue/services/a{bad}b")  # a path parameter: was a 500 on PostgreSQL (NUL)
    assert r.status_code == 400 and r.json()["error"] in ("invalid_characters", "invalid_encoding")
    r = http.get(f"/search?q=asunto{bad}")  # a query parameter on a web page: the web's error page
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert '<html lang="' in r.text
    r = http.get(f"{V1}/redirect?service_id=x{bad}")
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/plain")


def test_refused_text_in_a_form_is_the_web_page(http: TestClient) -> None:
    """POST /search (older forms) reads its form without a CSRF token: the form itself is refused."""
    for bad in ("%00", "%ED%A0%80", "%FF"):
        r = http.post("/search", content=f"q=asunto{bad}".encode(),
                      headers={"content-type": "application/x-www-form-urlencoded"})
        assert r.status_code == 400 and r.headers["content-type"].startswith("text/html"), r.text[:200]
    r = http.post("/search", content=b"q=asunto%0D%0Ahaku+%C3%A4",
                  headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 303


def test_an_id_beyond_the_column_is_a_4xx(http: TestClient, creds: Creds) -> None:
    """A valid JSON integer the store's column cannot hold (int4 on PostgreSQL): was a 500 there."""
    r = http.post(f"{V1}/recommendation_feedback", headers=creds.headers,
                  json={"auroraai_recommendation_id": 2**31, "feedback_score": 1})
    assert 400 <= r.status_code < 500, r.text


def _unstorable(kind: str) -> BaseException:
    if kind == "data":
        return DataError("INSERT INTO t VALUES (%(v)s)", {"v": SECRET_VALUE}, Exception("value out of range"))
    return UnicodeEncodeError("utf-8", SECRET_VALUE + "\ud800", len(SECRET_VALUE), len(SECRET_VALUE) + 1,
                              "surrogates not allowed")


@pytest.mark.parametrize("kind", ["data", "encode"])
def test_unstorable_values_are_400_in_each_style_and_the_log_keeps_no_value(
        app: FastAPI, kind: str, caplog: pytest.LogCaptureFixture) -> None:
    async def boom() -> None:
        raise _unstorable(kind)

    for path in (f"{V1}/_unstorable", f"{V2}/_unstorable", "/_unstorable"):
        app.add_api_route(path, boom, methods=["GET"])
    with TestClient(app, follow_redirects=False) as http, caplog.at_level(logging.INFO):
        v1, v2, web = (http.get(p) for p in (f"{V1}/_unstorable", f"{V2}/_unstorable", "/_unstorable"))
    assert (v1.status_code, v1.headers["content-type"].split(";")[0]) == (400, "text/plain")
    assert (v2.status_code, v2.json()["error"]) == (400, "invalid_data")
    assert web.status_code == 400 and '<html lang="' in web.text
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "unstorable value" in logged and SECRET_VALUE not in logged


def test_check_json_reads_only_what_it_must() -> None:
    badtext.check_json(b'{"a": "\\u00e4\\t", "b": [1.5, 1e308, "\\ud83d\\ude00"]}')
    badtext.check_json(b'{"not json": ')  # malformed: the handler's to answer
    with pytest.raises(badtext.BadText):
        badtext.check_json(b'{"a": [{"\\u0000key": 1}]}')  # keys too


def test_decode_json_calls_an_integer_over_pythons_digit_limit_malformed() -> None:
    """api/body.decode_json read without the middleware (its own unit): a ValueError, not a 500."""
    from auroranet.api.body import decode_json
    from auroranet.api.errors import ApiError

    with pytest.raises(ApiError) as caught:
        decode_json("application/json", b'{"limit": ' + b"9" * 5000 + b"}")
    assert (caught.value.status, caught.value.kind) == (400, "malformed_json")
