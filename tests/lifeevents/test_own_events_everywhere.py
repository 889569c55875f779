"""An organisation's own life event (AURORA_LIFE_EVENT_DIR) is known wherever life events are: the
assistant's slot filling and check-in, connected-assistant registration, the wallet's programme
eligibility, insights contributions and the web app's partials. Each check also runs against the
shipped life events alone, where the organisation's id must be unknown (so the test can fail)."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from auroranet.app import create_app
from auroranet.assistant import flows, registry, slots
from auroranet.config import Settings
from auroranet.errors import ImportFormatError, InputError
from auroranet.insights.models import Contribution
from auroranet.insights.service import contribute
from auroranet.lifeevents.model import BUILTIN_DIR, builtin_life_events
from auroranet.runtime import Runtime
from auroranet.wallet.programmes import DEMO_PROGRAMME, eligible, parse

OWN = "closing_company"
TEXT = "I am closing my company and wonder what to do"


@pytest.fixture(scope="module")
def own_rt(tmp_path_factory: pytest.TempPathFactory, web_runtime: Runtime) -> Iterator[Runtime]:
    folder = tmp_path_factory.mktemp("own-life-events")
    doc = json.loads((BUILTIN_DIR / "job_loss.json").read_text("utf-8"))
    doc.update(id=OWN, related=["job_loss"], meters=["finance", "resilience", "working_studying"],
               search_phrases=["closing my company", "yrityksen lopettaminen"])
    doc["names"] = {"fi": "Yrityksen lopettaminen", "sv": "Att lägga ner företaget", "en": "Closing a company"}
    money = next(s for s in doc["steps"] if s["id"] == "money_worries")
    money["when"] = {"answers": {"finance": [0, 1, 2, 3, 4]}}  # only for those whose finances are low
    (folder / f"{OWN}.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    settings = Settings(data_dir=folder / "data", embedder="hashing", analyzer="simple", require_auth=False,
                        session_secret="test-secret-" + uuid.uuid4().hex, life_event_dir=folder)
    rt = Runtime.create(settings, db=web_runtime.db)
    assert OWN in rt.life_events and OWN not in builtin_life_events()
    yield rt
    rt.close()


def test_assistant_fills_the_slot_and_asks_about_its_meters(own_rt: Runtime) -> None:
    munis = own_rt.catalogue().reference.municipalities
    assert slots.extract(TEXT, munis, own_rt.life_events).life_event == OWN
    assert slots.extract(TEXT, munis, builtin_life_events()).life_event is None
    assert slots.life_event("olen työtön ja etsin töitä", own_rt.life_events) == "job_seeking"  # shipped still win
    cid, _ = flows.start(own_rt, "en")
    state = flows.new_state("en")
    state["life_event"] = OWN
    ctx = flows.Ctx(own_rt, cid, state, "http://127.0.0.1")
    flows._start_checkin(ctx)
    assert state["queue"] == ["finance", "resilience", "working_studying"]  # the own event's meters first


def test_a_connected_assistant_may_name_the_organisations_life_event(own_rt: Runtime) -> None:
    a = registry.AssistantIn(id="closing-help", names={"fi": "Apu"}, life_events=[OWN], languages=["fi"],
                             handover_url="http://127.0.0.1:9/h")
    with pytest.raises(InputError, match=OWN):
        registry.add(own_rt.db, a, life_events=builtin_life_events())
    with own_rt.writes:
        registry.add(own_rt.db, a, life_events=own_rt.life_events)
    try:
        assert [x.life_events for x in registry.listed(own_rt.db) if x.id == "closing-help"] == [[OWN]]
    finally:
        with own_rt.writes:
            registry.remove(own_rt.db, "closing-help")


def test_wallet_eligibility_knows_the_organisations_life_event(own_rt: Runtime) -> None:
    data = json.loads(DEMO_PROGRAMME.read_text("utf-8"))
    data["eligibility"] = {"life_events": [OWN]}
    with pytest.raises(ImportFormatError, match=OWN):
        parse(data, "own.json", life_events=builtin_life_events())
    spec = parse(data, "own.json", life_events=own_rt.life_events)
    assert eligible(spec, age=None, municipality=None, life_event=OWN, meters={}) == []
    assert eligible(spec, age=None, municipality=None, life_event="job_loss", meters={}) == ["life_event"]


def test_insights_keep_the_organisations_life_event(own_rt: Runtime) -> None:
    common = dict(answers={"finance": 3}, age_band=None, municipality="091", lang="en")
    assert contribute(own_rt.db, own_rt.writes, life_event=OWN, life_events=builtin_life_events(), **common)
    assert contribute(own_rt.db, own_rt.writes, life_event=OWN, life_events=own_rt.life_events, **common)
    with own_rt.writes, own_rt.db.session() as s:
        rows = [r for r in s.scalars(select(Contribution)) if r.answers == {"finance": 3}]
        kept = sorted((r.life_event for r in rows), key=lambda e: e or "")
        for r in rows:
            s.delete(r)
    assert kept == [None, OWN]  # the shipped list alone drops the id; the runtime's keeps it


def test_the_start_and_search_pages_offer_it(own_rt: Runtime, web_runtime: Runtime) -> None:
    with TestClient(create_app(runtime=own_rt)) as http:
        start = http.get("/?lang=en")
        assert f'id="start-le-{OWN}"' in start.text
        assert http.get(f"/life-events/{OWN}?lang=en").status_code == 200
    with TestClient(create_app(runtime=web_runtime)) as http:  # another app in the same process: its own
        assert f'id="start-le-{OWN}"' not in http.get("/?lang=en").text


def _answer(http: TestClient, finance: int) -> None:
    assert http.get("/assessment/3x10d").status_code == 303  # starts (or keeps) the questionnaire
    form = http.get("/assessment/3x10d/answers?lang=en")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token is not None
    r = http.post("/assessment/3x10d/answers", data={"csrf_token": token.group(1), "a-finance": str(finance),
                                                       "age": "40"})
    assert r.status_code == 303, r.text


def test_steps_conditioned_on_answers_follow_the_questionnaire(own_rt: Runtime) -> None:
    with TestClient(create_app(runtime=own_rt), follow_redirects=False) as http:
        assert 'id="done-money_worries"' in http.get(f"/life-events/{OWN}").text  # nothing told: shown
        _answer(http, finance=9)
        page = http.get(f"/life-events/{OWN}")
        assert page.status_code == 200 and 'id="done-money_worries"' not in page.text
        assert 'id="done-register"' in page.text  # unconditioned steps stay
        _answer(http, finance=2)
        assert 'id="done-money_worries"' in http.get(f"/life-events/{OWN}").text


def test_the_api_applies_age_and_answers(own_rt: Runtime) -> None:
    url = f"/service-recommender/v2/life_events/{OWN}"
    with TestClient(create_app(runtime=own_rt)) as http:
        def steps(**params: object) -> list[str]:
            r = http.get(url, params=params)
            assert r.status_code == 200, r.text
            return [s["id"] for s in r.json()["steps"]]

        assert "money_worries" in steps()
        assert "money_worries" not in steps(answer="finance:9")
        assert "money_worries" in steps(answer=["finance:2", "housing:5"], age=40)
        for bad in ({"answer": "finance"}, {"answer": "x" * 100 + ":1"}, {"answer": ["q:1"] * 51},
                    {"age": "abc"}, {"age": "200"}, {"age": "-1"}, {"age": "9" * 5000}):
            r = http.get(url, params=bad)
            assert r.status_code == 400 and "Error in request" in r.text, (bad, r.status_code)
