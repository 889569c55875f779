"""Urgent help in the network API: v2 ``recommend_service`` and ``text_search`` always carry a top-level
``urgent_help`` list (crisis services, 112 first, when the text or profile signals a crisis; [] otherwise);
v1 answers keep their exact wire shape."""

from __future__ import annotations

from typing import Any

import pytest

from auroranet.network.schemas import UrgentHelpOut, V2Out
from auroranet.safety.contacts import UrgentHelp
from auroranet.usage.models import UnmetNeed
from tests.network.conftest import make_client, register

V1 = "/service-recommender/v1"
V2 = "/service-recommender/v2"
LOW = {"resilience": [0], "self_esteem": [1], "life_satisfaction": [0], "housing": [5]}


@pytest.fixture
def net(rt: Any) -> Any:
    with make_client(rt) as http:
        yield rt, http, register(rt, "Kutsuja")


@pytest.mark.parametrize(("text", "lang", "second"), [
    ("I want to kill myself", "en", "mieli_crisis_en"),
    ("mä haluun kuolla", "fi", "mieli_crisis_fi"),
    ("jag vill ta livet av mig", "sv", "mieli_crisis_sv"),
    ("ei yöpaikkaa tänä yönä", "fi", "social_emergency_services"),
])
def test_v2_search_puts_urgent_help_first(net: Any, text: str, lang: str, second: str) -> None:
    rt, http, creds = net
    r = http.post(f"{V2}/text_search", headers=creds.headers, json={"search_text": text, "language": lang})
    assert r.status_code == 200, r.text
    body = r.json()
    assert list(body)[0] == "urgent_help"
    ids = [h["id"] for h in body["urgent_help"]]
    assert ids[0] == "emergency_112" and ids[1] == second
    first = body["urgent_help"][0]
    assert first["phone"] == "112" and first["phone_uri"] == "tel:112" and first["hours"]
    assert "services" in body  # the rest of the results still follow
    V2Out.model_validate(body)


def test_v2_urgent_help_is_an_empty_list_otherwise(net: Any) -> None:
    _, http, creds = net
    for text in ("crisis management training for companies", "kriisinhallinta", "väkivallan ehkäisyn koulutus",
                 "asunto"):
        body = http.post(f"{V2}/text_search", headers=creds.headers, json={"search_text": text}).json()
        assert body["urgent_help"] == [], text
    body = http.post(f"{V2}/recommend_service", headers=creds.headers,
                     json={"life_situation_meters": {"housing": [2]}}).json()
    assert body["urgent_help"] == []


def test_v2_recommend_detects_a_very_low_profile(net: Any) -> None:
    _, http, creds = net
    r = http.post(f"{V2}/recommend_service", headers=creds.headers,
                  json={"life_situation_meters": LOW, "language": "sv", "age": 17})
    assert r.status_code == 200, r.text
    body = r.json()
    ids = [h["id"] for h in body["urgent_help"]]
    assert ids[0] == "emergency_112" and "mieli_crisis_sv" in ids and "sekasin_chat" in ids
    assert body["urgent_help"][0]["name"] == "Nödnumret 112"
    assert body["services"]


def test_v1_keeps_its_wire_shape(net: Any) -> None:
    _, http, creds = net
    r = http.post(f"{V1}/text_search", headers=creds.headers, json={"search_text": "I want to kill myself"})
    assert r.status_code == 200 and set(r.json()) == {"recommended_services", "auroraai_recommendation_id"}
    r = http.post(f"{V1}/recommend_service", headers=creds.headers, json={"life_situation_meters": LOW})
    assert r.status_code == 200 and set(r.json()) == {"recommended_services", "auroraai_recommendation_id"}


def test_crisis_text_is_not_stored_when_results_were_found(net: Any) -> None:
    rt, http, creds = net
    http.post(f"{V2}/text_search", headers=creds.headers, json={"search_text": "asunto itsemurha"})
    with rt.db.session() as s:
        assert s.query(UnmetNeed).count() == 0


def test_a_crisis_text_is_never_kept_as_an_unmet_need(net: Any) -> None:
    rt, http, creds = net
    for text in ("nothing-matches-this haluan tappaa itseni", "nothing-matches-this blorf"):
        r = http.post(f"{V2}/text_search", headers=creds.headers,
                      json={"search_text": text, "record_unmet_need": True})
        assert r.status_code == 200, r.text
        # the crisis text is searched as mental-health help (refocus.py); the other finds nothing
        assert bool(r.json()["services"]) == ("tappaa" in text), r.text
    with rt.db.session() as s:
        assert [u.text for u in s.query(UnmetNeed)] == ["nothing-matches-this blorf"]  # only the ordinary one


def test_schema_documents_the_items_as_emitted() -> None:
    assert list(UrgentHelpOut.model_fields) == list(UrgentHelp.__dataclass_fields__)
    assert "urgent_help" in V2Out.model_json_schema()["required"]


def test_openapi_lists_urgent_help(net: Any) -> None:
    _, http, _ = net
    spec = http.get("/openapi.json").json()
    assert "urgent_help" in spec["components"]["schemas"]["V2Out"]["properties"]
    assert "UrgentHelpOut" in spec["components"]["schemas"]


def test_results_below_urgent_help_come_from_the_help_that_fits(net: Any) -> None:
    """After a crisis text the ordinary results are searched with the vocabulary of that kind of help
    (mental health, crisis help), not with the person's words; an ordinary text is searched as it is."""
    rt, http, creds = net
    asked: list[str] = []
    inner = rt.engine.search
    rt.engine.search = lambda q: asked.append(q.text) or inner(q)
    for text in ("en halua enää elää", "asumistuki"):
        r = http.post(f"{V2}/text_search", headers=creds.headers, json={"search_text": text})
        assert r.status_code == 200, r.text
    assert "mielenterveyspalvelut" in asked[0] and "halua" not in asked[0]
    assert asked[1] == "asumistuki"
