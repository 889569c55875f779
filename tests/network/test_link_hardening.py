"""Hardening of links and tokens (SQLite and PostgreSQL): signed tracking links (unsigned or altered ones
get 400 and count nothing), a click counted once, no unsafe catalogue URL ever becomes a ``Location``, the
302 that carries a token is neither cached nor referred, and receivers can refuse browser reads."""

from __future__ import annotations

from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from sqlalchemy import func, select

from auroranet.catalogue.models import Channel, ChannelRecord, WebPage
from auroranet.network import session_attributes as sa
from auroranet.network.clients import get_client
from auroranet.network.models import Client
from auroranet.recommend.train_ranker import GRADE_CLICK, load_log
from auroranet.usage.models import Redirect
from auroranet.usecases.links import tracking_url
from tests.network.conftest import BASE_URL, find_channels, make_client, register, signed

V1 = "/service-recommender/v1"
ORIGIN = "https://registered.example"


@pytest.fixture
def net(any_rt):
    with make_client(any_rt) as http:
        yield any_rt, http, register(any_rt, "Kutsuja")


def _first_link(http, creds) -> tuple[str, dict[str, str]]:  # noqa: ANN001
    r = http.post(f"{V1}/text_search", json={"search_text": "asunto", "limit": 3}, headers=creds.headers)
    assert r.status_code == 200, r.text
    link = next(u for s in r.json()["recommended_services"] for c in s["service_channels"] for u in c["web_pages"])
    return link, dict(parse_qsl(urlsplit(link).query))


def _clicks(rt) -> int:  # noqa: ANN001
    with rt.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Redirect)))


def test_links_are_signed_and_forged_ones_refused(net):
    rt, http, creds = net
    link, p = _first_link(http, creds)
    assert list(p)[:5] == ["service_id", "service_channel_id", "link_id", "recommendation_id", "sig"]
    unsigned = {k: v for k, v in p.items() if k != "sig"}
    forged = [
        unsigned,  # what the old sequential ids let anyone build
        {**p, "sig": "0" * 32},
        {**p, "sig": p["sig"][:-1]},
        {**p, "link_id": "1"},
        {**p, "recommendation_id": str(int(p["recommendation_id"]) + 1)},
        {**p, "service_channel_id": "11111111-1111-4111-8111-111111111111"},
    ]
    for params in forged:
        r = http.get(f"{V1}/redirect", params=params, headers={"Accept": "application/json"})
        assert r.status_code == 400, (params, r.text)
        body = r.json()
        assert body["error"] == "validation_error" and "signature" in body["details"]["sig"][0]
        assert "location" not in r.headers
    plain = http.get(f"{V1}/redirect", params=unsigned)
    assert plain.status_code == 400 and plain.text.startswith("Validation error in request query params: {'sig'")
    assert _clicks(rt) == 0
    # session_id and the token are not signed: clients add them
    r = http.get(f"{V1}/redirect", params={**p, "session_id": "s-9", "auroraai_access_token": "a" * 64})
    assert r.status_code == 302 and _clicks(rt) == 1


def test_guessing_recommendation_ids_adds_no_clicks(net):
    """Before signing, the same link with a neighbouring recommendation id counted a click for every
    earlier answer that showed the service."""
    rt, http, creds = net
    for _ in range(4):
        _, p = _first_link(http, creds)
    rid = int(p["recommendation_id"])
    for guess in [g for g in range(rid - 5, rid + 6) if g != rid]:
        http.get(f"{V1}/redirect", params={**p, "recommendation_id": str(guess)})
    assert _clicks(rt) == 0


def test_click_counted_once_and_redirect_still_works(net):
    rt, http, creds = net
    link, p = _first_link(http, creds)
    first = http.get(link.removeprefix(BASE_URL))
    second = http.get(link.removeprefix(BASE_URL))
    third = http.get(f"{V1}/redirect", params={**p, "session_id": "other"})
    assert first.status_code == second.status_code == third.status_code == 302
    assert first.headers["location"] == second.headers["location"]
    assert _clicks(rt) == 1
    # the reranker's training data still sees the click, once
    with rt.db.session() as s:
        logged = [q for q in load_log(s) if q.recommendation_id == int(p["recommendation_id"])]
    grades = {it["service_id"]: it["grade"] for it in logged[0].items}
    assert grades[p["service_id"]] == GRADE_CLICK
    assert sum(1 for g in grades.values() if g) == 1


def test_record_click_is_idempotent_inside_one_transaction(net):
    """A repeat neither raises nor aborts the surrounding transaction (PostgreSQL aborts on an error)."""
    from auroranet.usage import service as usage

    rt, http, creds = net
    _, p = _first_link(http, creds)
    key = dict(recommendation_id=int(p["recommendation_id"]), service_id=p["service_id"],
               channel_id=p["service_channel_id"], link_id=0)
    with rt.db.session() as s:
        assert usage.record_click(s, **key) is True
        assert usage.record_click(s, **key) is False
        assert usage.record_click(s, **{**key, "link_id": 1}) is True
        assert s.scalar(select(func.count()).select_from(Redirect)) == 2


def _set_pages(rt, channel_id: str, urls: list[str]) -> None:  # noqa: ANN001
    """Forge the stored row (as an old import or a direct write could have left it)."""
    with rt.db.session() as s:
        row = s.get(Channel, channel_id)
        rec = ChannelRecord.model_validate(row.data)
        rec.web_pages = [WebPage(url=u, language="fi") for u in urls]
        row.data = rec.model_dump(mode="json")
    rt.refresh()


@pytest.mark.parametrize("url", ["javascript:alert(document.domain)//", "data:text/html,<script>x</script>",
                                 "JAVASCRIPT:alert(1)", " javascript:alert(1)", "//evil.example",
                                 "https://user:pw@x.example/"])
def test_redirect_never_sends_an_unsafe_stored_url(net, url):
    rt, http, creds = net
    link, p = _first_link(http, creds)
    _set_pages(rt, p["service_channel_id"], [url])
    r = http.get(link.removeprefix(BASE_URL), params={"auroraai_access_token": "a" * 64})
    assert r.status_code in (400, 404) and "location" not in r.headers
    assert _clicks(rt) == 0
    # nor is such a page offered as a link in a new answer
    r = http.post(f"{V1}/text_search", json={"search_text": "asunto", "limit": 3}, headers=creds.headers)
    ch = next(c for s in r.json()["recommended_services"] for c in s["service_channels"]
              if c["service_channel_id"] == p["service_channel_id"])
    assert ch["web_pages"] == []


def test_redirect_with_token_is_not_cached_or_referred(net):
    rt, http, creds = net
    _, p = _first_link(http, creds)
    r = http.get(f"{V1}/redirect", params={**p, "auroraai_access_token": "a" * 64})
    assert r.status_code == 302
    assert r.headers["cache-control"] == "no-store" and r.headers["referrer-policy"] == "no-referrer"


def test_session_attributes_answer_carries_signed_link(net):
    rt, http, creds = net
    sid, cid = find_channels(rt, "EChannel", 1)[0]
    register(rt, "Vastaanottaja", channels=[cid], receives=["age"])
    body = {"service_channel_id": cid, "service_id": sid, "auroraai_recommendation_id": 7,
            "session_attributes": {"age": 30}}
    r = http.post(f"{V1}/session_attributes", json=body, headers=creds.headers)
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    q = dict(parse_qsl(urlsplit(r.text).query))
    assert q["sig"] == signed(rt, {**q, "link_id": 0, "recommendation_id": 7})["sig"]


def test_tracking_url_signature_depends_on_key_and_each_id():
    base = dict(service_id="s", channel_id="c", link_id=0, recommendation_id=1)
    sig = parse_qs(urlsplit(tracking_url("", key=b"k", **base)).query)["sig"][0]  # type: ignore[arg-type]
    others = [tracking_url("", key=b"other", **base)]  # type: ignore[arg-type]
    for k, v in (("service_id", "t"), ("channel_id", "d"), ("link_id", 1), ("recommendation_id", 2)):
        others.append(tracking_url("", key=b"k", **{**base, k: v}))  # type: ignore[arg-type]
    assert all(parse_qs(urlsplit(u).query)["sig"][0] != sig for u in others)


# ---------------------------------------------------------------------------------------------
# Server-side-only reads of session attributes
# ---------------------------------------------------------------------------------------------


def _server_side_only(rt, client_id: str) -> None:  # noqa: ANN001
    with rt.db.session() as s:
        s.get(Client, client_id).server_side_reads_only = True


def test_server_side_only_receiver_refuses_browser_reads(any_rt):
    sid, cid = find_channels(any_rt, "EChannel", 1)[0]
    creds = register(any_rt, "Vastaanottaja", channels=[cid], receives=["age"], origins=[ORIGIN])
    _server_side_only(any_rt, creds.id)
    issued = sa.issue_token(any_rt.db, any_rt.settings, channel_id=cid, attributes={"age": 30})
    assert issued.token
    with any_rt.db.session() as s:
        me = get_client(s, creds.id)
    assert sa.read_token(any_rt.db, issued.token, reader=None, origin=ORIGIN).status == "server_side_only"
    assert sa.read_token(any_rt.db, issued.token, reader=me, origin=ORIGIN).status == "server_side_only"
    res = sa.read_token(any_rt.db, issued.token, reader=me, origin=None)  # not consumed by the refusals
    assert res.status == "ok" and res.attributes == {"age": 30}


def test_server_side_only_over_http(http, rt, caller):
    sid, cid = find_channels(rt, "EChannel", 1)[0]
    recv = register(rt, "Vastaanottaja", channels=[cid], receives=["age"], origins=[ORIGIN])
    _server_side_only(rt, recv.id)
    r = http.post(f"{V1}/session_attributes", headers=caller.headers,
                  json={"service_channel_id": cid, "session_attributes": {"age": 30}})
    token = parse_qs(urlsplit(r.text).query)["auroraai_access_token"][0]
    browser = http.get(f"{V1}/session_attributes", params={"access_token": token},
                       headers={"Origin": ORIGIN, "Accept": "application/json"})
    assert browser.status_code == 403
    assert browser.json()["error"] == "server_side_reads_only" and "server-to-server" in browser.json()["message"]
    assert "access-control-allow-origin" not in browser.headers
    assert http.get(f"{V1}/session_attributes", params={"access_token": token}).status_code == 403
    ok = http.get(f"{V1}/session_attributes", params={"access_token": token}, headers=recv.headers)
    assert ok.status_code == 200 and ok.json() == {"age": 30}


def test_default_receiver_still_allows_browser_reads(any_rt):
    sid, cid = find_channels(any_rt, "EChannel", 1)[0]
    register(any_rt, "Vastaanottaja", channels=[cid], receives=["age"], origins=[ORIGIN])
    issued = sa.issue_token(any_rt.db, any_rt.settings, channel_id=cid, attributes={"age": 30})
    assert issued.token and sa.read_token(any_rt.db, issued.token, reader=None, origin=ORIGIN).status == "ok"


@pytest.mark.parametrize("key_len", [0, 1, 32, 64, 65, 200])
def test_link_signature_is_hmac_sha256(key_len):
    """The precomputed-pad signer (links._pads) gives HMAC-SHA256 for any key length, as before."""
    import hashlib
    import hmac

    from auroranet.usecases.links import SIG_CHARS, link_signature

    key = bytes((7 * i + 3) % 256 for i in range(key_len))
    want = hmac.new(key, b"42\ns\nc\n3", hashlib.sha256).hexdigest()[:SIG_CHARS]
    assert link_signature(key, service_id="s", channel_id="c", link_id=3, recommendation_id=42) == want
