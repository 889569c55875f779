"""Fast web tests with FastAPI's TestClient: language, CSRF, CSP, privacy of URLs, sessions, questionnaires."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from auroranet.app import create_app
from auroranet.errors import ImportFormatError
from auroranet.usage.models import RecommendationService, ServiceFeedback, UnmetNeed
from auroranet.web import session as sess
from auroranet.web.messages import MESSAGES
from auroranet.web.questionnaires import BUILTIN_DIR, load_questionnaires, parse_questionnaire
from tests.web.conftest import NOTHING_TEXT, PLAN_3X10D, read_transferred, register_receiver


@pytest.fixture
def client(web_runtime):
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False) as c:
        yield c


def csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "form has no CSRF token"
    return m.group(1)


def answer_all(client: TestClient, qid: str = "3x10d", plan: dict[str, int] = PLAN_3X10D,
               bg: dict[str, str] | None = None) -> list[str]:
    """Walk the assessment with POST forms (all questions on one page, then check your answers);
    returns every URL visited, the last one /results."""
    r = client.get(f"/assessment/{qid}")
    assert r.status_code == 303
    url = r.headers["location"]
    urls = [url]
    page = client.get(url)
    assert page.status_code == 200
    answers = {f"a-{k}": str(v) for k, v in plan.items()}
    r = client.post(url, data={"csrf_token": csrf(page.text), **answers, **(bg or {})})
    assert r.status_code == 303, r.text
    url = r.headers["location"]
    urls.append(url)
    check = client.get(url)
    assert check.status_code == 200
    results = re.search(r'href="(/results)"', check.text).group(1)
    urls.append(results)
    return urls


@pytest.mark.parametrize("header,expected", [(None, "fi"), ("sv-FI,sv;q=0.9", "sv"), ("en-GB,en;q=0.8", "en"),
                                             ("de-DE,de;q=0.9", "fi")])
def test_language_from_accept_language(client, header, expected):
    r = client.get("/", headers={"accept-language": header} if header else {})
    assert r.status_code == 200
    assert f'<html lang="{expected}">' in r.text
    assert MESSAGES["app_name"][expected] in r.text


def test_language_query_wins_and_is_kept(client):
    r = client.get("/?lang=en", headers={"accept-language": "sv"})
    assert '<html lang="en">' in r.text
    r = client.get("/privacy", headers={"accept-language": "sv"})
    assert '<html lang="en">' in r.text and "Erase my answers" in r.text
    r = client.get("/privacy?lang=xx")
    assert '<html lang="en">' in r.text


def test_every_message_has_three_languages():
    for key, texts in MESSAGES.items():
        assert set(texts) == {"fi", "sv", "en"} and all(texts.values()), key


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "script-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in r.text and "style=" not in r.text and " on" not in re.sub(r"<[^>]*>", "", "")


def test_no_inline_scripts_or_styles_in_templates():
    for path in (Path(__file__).parents[2] / "src/auroranet/web/templates").rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert "<style" not in text and " style=" not in text and not re.search(r"\son[a-z]+=", text), path


def test_post_without_csrf_is_rejected(client):
    client.get("/assessment/3x10d")
    r = client.post("/assessment/3x10d/answers", data={"a-health": "3"})
    assert r.status_code == 403
    r = client.post("/assessment/3x10d/answers", data={"a-health": "3", "csrf_token": "forged"})
    assert r.status_code == 403
    r = client.post("/privacy/erase", data={})
    assert r.status_code == 403


def test_forged_session_cookie_is_ignored(web_runtime):
    # The cookie is now a random id and its signature (was: the signed data itself).
    secret = web_runtime.session_secret()
    sid = "A" * 43
    assert sess.cookie_id(sess.cookie_value(sid, "other-secret-" + "x" * 32), secret) is None
    assert sess.cookie_id(sess.cookie_value(sid, secret), secret) == sid
    assert sess.cookie_id("not.a-cookie", secret) is None and sess.cookie_id(None, secret) is None
    assert sess.unseal(sess.seal({"a": 1}, "other-secret-" + "x" * 32, sid), secret, sid) is None
    assert sess.unseal(sess.seal({"a": 1}, secret, sid), secret, sid) == {"a": 1}


def test_answers_never_in_urls_and_results_render(client, web_runtime):
    urls = answer_all(client, bg={"age": "17", "municipality": "Tampere", "life_event": "job_seeking"})
    assert urls[-1] == "/results"
    for u in urls:
        assert "a-" not in u and "=" not in u and "17" not in u and "837" not in u and "Tampere" not in u
    r = client.get("/results")
    assert r.status_code == 200
    assert 'class="chart"' in r.text and "<svg" in r.text
    assert 'class="service"' in r.text
    with web_runtime.db.session() as s:
        shown = s.scalar(select(func.count()).select_from(RecommendationService))
    assert shown >= 1
    # a second view of the same answers does not log a second recommendation
    client.get("/results")
    with web_runtime.db.session() as s:
        assert s.scalar(select(func.count()).select_from(RecommendationService)) == shown


def test_invalid_answer_is_tied_to_field(client):
    client.get("/assessment/3x10d")
    page = client.get("/assessment/3x10d/answers")
    r = client.post("/assessment/3x10d/answers", data={"csrf_token": csrf(page.text), "a-health": "11", "a-family": "4"})
    assert r.status_code == 400
    assert 'id="a-health-error"' in r.text
    assert "a-health-error" in re.search(r'<fieldset[^>]*id="q-health"[^>]*>', r.text).group(0)
    assert 'href="#a-health-0"' in r.text and 'id="a-health-0"' in r.text  # the summary links to the field
    assert 'name="a-family" id="a-family-4" value="4" checked' in r.text  # the other answers are kept
    # nothing answered: one clear error, not a 500
    r = client.post("/assessment/3x10d/answers", data={"csrf_token": csrf(page.text)})
    assert r.status_code == 400 and MESSAGES["answer_one_required"]["fi"] in r.text


def test_all_questions_on_one_page_and_check_your_answers(client):
    client.get("/assessment/3x10d")
    page = client.get("/assessment/3x10d/answers?lang=en")
    assert page.text.count('type="radio" name="a-') == 10 * 11
    assert page.text.count('<fieldset class="scale') == 10 and MESSAGES["arrow_keys"]["en"] in page.text
    plan = dict(PLAN_3X10D)
    del plan["family"]  # unanswered questions are allowed
    urls = answer_all(client, plan=plan, bg={"age": "17", "municipality": "Tampere"})
    assert urls[1] == "/assessment/3x10d/check"
    check = client.get("/assessment/3x10d/check?lang=en").text
    assert check.count(">Change<") == 13  # ten questions, age, municipality and life event
    assert 'href="/assessment/3x10d/answers#q-housing"' in check and MESSAGES["not_answered"]["en"] in check
    assert "Tampere" in check and ">17<" in check
    # changing an answer: the form shows what was saved
    again = client.get("/assessment/3x10d/answers").text
    assert 'id="a-housing-2" value="2" checked' in again and 'value="17"' in again
    assert client.get("/assessment/3x10d/4").headers["location"] == "/assessment/3x10d/answers"  # old bookmarks


def test_invalid_age_and_municipality(client):
    answer_all(client, bg={})
    last = "/assessment/3x10d/answers"
    page = client.get(last)
    r = client.post(last, data={"csrf_token": csrf(page.text), "a-health": "3", "age": "abc", "municipality": "Atlantis"})
    assert r.status_code == 400
    assert 'aria-describedby="age-help age-error"' in r.text
    assert 'aria-describedby="municipality-help municipality-error"' in r.text


def test_feedback_and_erase(client, web_runtime):
    answer_all(client)
    r = client.get("/results")
    sid = re.search(r'name="service_id" value="([^"]+)"', r.text).group(1)
    r = client.post("/feedback", data={"csrf_token": csrf(r.text), "service_id": sid, "score": "1"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 200 and 'class="thanks"' in r.text and "<html" not in r.text
    with web_runtime.db.session() as s:
        assert [f.feedback_score for f in s.scalars(select(ServiceFeedback))] == [1]
    r = client.post("/feedback", data={"csrf_token": csrf(client.get("/results").text), "service_id": "nope", "score": "1"})
    assert r.status_code == 404
    page = client.get("/privacy")
    r = client.post("/privacy/erase", data={"csrf_token": csrf(page.text)})
    assert r.status_code == 303
    assert 'aurora_session=""' in r.headers["set-cookie"] or "Max-Age=0" in r.headers["set-cookie"]
    r = client.get("/results")
    assert 'class="service"' not in r.text and MESSAGES["no_answers"]["fi"] in r.text


def test_search_with_and_without_results(client, web_runtime, engine_finds_nothing):
    r = client.get("/search", params={"q": NOTHING_TEXT, "lang": "en"})
    assert r.status_code == 200 and "Your search found nothing" in r.text
    with web_runtime.db.session() as s:
        needs = list(s.scalars(select(UnmetNeed)))
    assert len(needs) == 1 and "1234567" not in needs[0].text and needs[0].lang == "en"
    with web_runtime.db.session() as s:
        from auroranet.catalogue.service import list_services

        word = list_services(s)[0].names["en"].split()[0]
    r = client.get("/search", params={"q": word})
    assert r.status_code == 200 and 'class="service"' in r.text
    r = client.get("/search", params={"q": ""})
    assert r.status_code == 400 and 'aria-invalid="true"' in r.text


def test_handover_transfers_only_ticked(client, web_runtime):
    service_id, channel_id = register_receiver(web_runtime)
    answer_all(client, bg={"age": "17", "municipality": "Tampere"})
    r = client.get(f"/handover/{service_id}/{channel_id}")
    assert r.status_code == 200
    keys = re.findall(r'name="share"[^>]*value="([^"]+)"', r.text)
    assert "age" in keys and "meter:housing" in keys
    ticked = [k for k in keys if k != "age"]
    r = client.post(f"/handover/{service_id}/{channel_id}",
                    data={"csrf_token": csrf(r.text), "share": ticked, "action": "share"})
    assert r.status_code == 303
    token = re.search(r"auroraai_access_token=([0-9a-f]{64})", r.headers["location"]).group(1)
    got = read_transferred(web_runtime, token)
    assert "age" not in got and got["life_situation_meters"]["housing"] == [2]
    r = client.get(r.headers["location"])
    assert r.status_code == 302 and token in r.headers["location"]


def test_handover_declined_sends_no_token(client, web_runtime):
    service_id, channel_id = register_receiver(web_runtime)
    answer_all(client, bg={"age": "17"})
    r = client.get(f"/handover/{service_id}/{channel_id}")
    r = client.post(f"/handover/{service_id}/{channel_id}", data={"csrf_token": csrf(r.text), "share": ["age"],
                                                                  "action": "decline"})
    assert r.status_code == 303 and "auroraai_access_token" not in r.headers["location"]


def test_service_page_and_unknown(client, web_runtime):
    from auroranet.catalogue.service import list_services

    with web_runtime.db.session() as s:
        svc = list_services(s)[0]
    r = client.get(f"/service/{svc.id}?lang=sv")
    assert r.status_code == 200 and svc.names["sv"] in r.text
    assert client.get("/service/does-not-exist").status_code == 404


def test_questionnaires_listed_and_second_works(client):
    r = client.get("/")
    assert "/assessment/3x10d" in r.text and "/assessment/youth-checkin" in r.text
    urls = answer_all(client, "youth-checkin", {"sleep": 1, "someone": 2, "school": 5, "money": 1, "myself": 4})
    assert urls[-1] == "/results"
    assert client.get("/results").status_code == 200


def test_broken_questionnaire_gives_clear_error(tmp_path):
    good = json.loads((BUILTIN_DIR / "youth-checkin.json").read_text())
    bad = dict(good, id="broken")
    bad["questions"] = [dict(good["questions"][0], meter="happiness")]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(ImportFormatError, match=r"broken.json.*questions/0/meter"):
        parse_questionnaire(path)
    bad2 = dict(good, id="broken2", scale=dict(good["scale"], max=7))  # 5 labels for 7 values
    path.write_text(json.dumps(bad2))
    with pytest.raises(ImportFormatError, match="option_labels"):
        parse_questionnaire(path)
    path.write_text("{not json")
    with pytest.raises(ImportFormatError, match="not valid JSON"):
        parse_questionnaire(path)


def test_organisation_questionnaire_from_folder(tmp_path):
    good = json.loads((BUILTIN_DIR / "youth-checkin.json").read_text())
    (tmp_path / "org.json").write_text(json.dumps(dict(good, id="org-check", order=3)))
    qs = load_questionnaires(tmp_path)
    assert list(qs) == ["3x10d", "youth-checkin", "org-check"]
    (tmp_path / "dup.json").write_text(json.dumps(dict(good, order=4)))
    with pytest.raises(ImportFormatError, match="already used"):
        load_questionnaires(tmp_path)


def test_meter_mapping():
    q = load_questionnaires()["youth-checkin"]
    assert q.meters({"sleep": 1, "money": 5, "myself": 3}) == {"health": 0.0, "finance": 10.0, "self_esteem": 5.0}


def test_service_page_shows_the_inferred_audience(client, web_runtime):
    """A service whose target groups or texts say who it is for names that audience on its page; an
    audience read from the texts is marked as inferred (issue 10 §3)."""
    from auroranet.audience.infer import EVERYONE, infer_audience
    from auroranet.catalogue.service import list_services

    with web_runtime.db.session() as s:
        services = list_services(s)
    targeted = [svc for svc in services if infer_audience(svc).groups - {EVERYONE}]
    assert targeted, "the demo catalogue has services for a named audience"
    svc = targeted[0]
    r = client.get(f"/service/{svc.id}?lang=en")
    assert r.status_code == 200 and "For whom:" in r.text
    assert ("inferred from the service description" in r.text) == ("text" in infer_audience(svc).source)
    assert "För vem:" in client.get(f"/service/{svc.id}?lang=sv").text
