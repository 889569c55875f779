"""The web app's usability fixes (issue 11) with the TestClient: a bookmarkable GET search that keeps its
query across languages and links back from the service page, search texts never in the logs, the
quick exit on every page, accurate privacy wording with controller and contact, erase on results,
HTML 404/500 pages for people while the API keeps its JSON errors, Finnish-only texts marked lang="fi",
readable phone numbers and e-mail addresses, and the profile on the questionnaire's own scale."""

from __future__ import annotations

import io
import logging
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.catalogue.models import Phone
from auroranet.logs import JsonFormatter
from auroranet.web.messages import MESSAGES
from auroranet.web.page import wrap_points
from auroranet.web.present import format_phone
from tests.web.conftest import PLAN_3X10D
from tests.web.test_views import answer_all


@pytest.fixture
def client(web_runtime: Any):
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False) as c:
        yield c


def _service(web_runtime: Any) -> Any:
    from auroranet.catalogue.service import list_services

    with web_runtime.db.session() as s:
        return list_services(s)[0]


def test_search_is_a_get_address_kept_across_languages_and_linked_back(client: TestClient, web_runtime: Any) -> None:
    word = _service(web_runtime).names["en"].split()[0]
    r = client.get("/search", params={"q": word, "lang": "en"})
    assert r.status_code == 200 and 'class="service"' in r.text
    assert '<form method="get" action="/search"' in r.text and 'name="csrf_token"' not in r.text.split("</form>")[0]
    # switching language keeps the search
    sv = re.search(r'<a href="([^"]+)" lang="sv"', r.text).group(1)
    assert sv.startswith("/search?") and f"q={word}" in sv and sv.endswith("lang=sv")
    # each result links to its page with the way back; the page shows "back to results"
    link = re.search(r'<a href="(/service/[^"?]+\?back=[^"]+)"', r.text).group(1).replace("&amp;", "&")
    page = client.get(link)
    back = re.search(r'<a href="([^"]+)" id="back-to-search"', page.text).group(1).replace("&amp;", "&")
    assert back == f"/search?q={word}&lang=en"
    assert client.get(back).status_code == 200
    # a foreign "back" is not linked (no open redirect)
    svc = _service(web_runtime)
    for bad in ("https://evil.example/", "//evil.example/search?", "/privacy"):
        assert 'id="back-to-search"' not in client.get(f"/service/{svc.id}", params={"back": bad}).text
    # an old POST form lands on the GET address
    r = client.post("/search", data={"q": word, "area": ""})
    assert r.status_code == 303 and r.headers["location"].startswith(f"/search?q={word}")


def test_search_text_never_reaches_the_log(client: TestClient) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(lambda rec: not rec.name.startswith(("httpx", "httpcore")))
    root = logging.getLogger()
    root.addHandler(handler)
    old = root.level
    root.setLevel(logging.DEBUG)
    try:
        client.get("/search", params={"q": "velkaneuvonta maija.meikalainen@example.com", "lang": "fi"})
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
    out = stream.getvalue()
    assert '"route": "/search"' in out  # the access log ran
    assert "maija" not in out and "velkaneuvonta" not in out and "q=" not in out


@pytest.mark.parametrize("path", ["/", "/search", "/privacy", "/help", "/no-such-page"])
def test_quick_exit_on_every_page(client: TestClient, path: str) -> None:
    html = client.get(path, params={"lang": "sv"}).text
    assert re.search(r'<a class="exit-page" href="https://yle\.fi/saa" rel="noreferrer" data-exit>Lämna sidan', html)
    assert '<script src="/static/app.js" defer></script>' in html


def test_quick_exit_address_is_a_setting(web_runtime: Any) -> None:
    web_runtime.settings = web_runtime.settings.model_copy(update={"web_exit_url": "https://www.google.com/"})
    with TestClient(create_app(runtime=web_runtime)) as c:
        assert 'href="https://www.google.com/" rel="noreferrer" data-exit' in c.get("/").text
    from auroranet.config import Settings

    with pytest.raises(ValueError):
        Settings(web_exit_url="javascript:alert(1)")


def test_privacy_page_is_accurate_and_names_the_controller(web_runtime: Any) -> None:
    web_runtime.settings = web_runtime.settings.model_copy(update={
        "web_privacy_controller": "Esimerkkikunta", "web_privacy_contact": "tietosuoja@esimerkki.fi"})
    with TestClient(create_app(runtime=web_runtime)) as c:
        html = c.get("/privacy?lang=en").text
    assert MESSAGES["privacy_cookie"]["en"].format(hours=2) in html and "close the browser" in html
    assert "Esimerkkikunta" in html and 'href="mailto:tietosuoja@esimerkki.fi"' in html
    assert "tietosuoja@<wbr>esimerkki.<wbr>fi" in html


def test_results_offer_erase_and_a_short_profile(client: TestClient) -> None:
    answer_all(client)
    html = client.get("/results?lang=en").text
    assert 'action="/privacy/erase"' in html and MESSAGES["erase"]["en"] in html
    # the summary names the needs in words (not by colour only), lowest first; the chart has a legend
    assert "Support may help in these areas: housing, health, finance" in html
    assert html.count('class="chart-row need"') == 5 and 'class="chart-legend"' in html
    assert html.count('class="chart-marker"') == 10 and "Limit 7" in html
    # cards: details on demand
    assert html.count('<details class="more">') == html.count('<article class="service"')


def test_results_for_a_person_doing_well_everywhere_name_no_need(client: TestClient) -> None:
    """Every meter at 10: no "Support for: <meter>" heading and no "n/10" need cited under a card."""
    answer_all(client, plan=dict.fromkeys(PLAN_3X10D, 10))
    for lang in ("fi", "sv", "en"):
        html = client.get(f"/results?lang={lang}").text
        assert '<article class="service"' in html
        assert MESSAGES["for_need"][lang].split("{")[0] not in html
        assert MESSAGES["other_services"][lang] in html
    assert "Your meters are all at a good level: this is a general suggestion" in html and "10/10" not in html


def test_youth_checkin_profile_is_on_its_own_scale(client: TestClient) -> None:
    answer_all(client, "youth-checkin", {"sleep": 1, "someone": 2, "school": 5, "money": 1, "myself": 4})
    html = client.get("/results?lang=en").text
    assert "Your answers on the scale 1–5. Below 3.8" in html
    assert ">1 / 5 · Support may help<" in html and ">5 / 5<" in html and "/ 10" not in html
    assert 'width="1.5"' in html  # an answer at the bottom of the scale still draws a bar


@pytest.mark.parametrize(("path", "lang", "title"), [("/no-such-page", "fi", "Sivua ei löytynyt"),
                                                    ("/nope/deeper", "sv", "Sidan hittades inte"),
                                                    ("/assessment/unknown-questionnaire/answers", "en", None)])
def test_unknown_addresses_get_a_page_in_the_persons_language(client: TestClient, path: str, lang: str,
                                                              title: str | None) -> None:
    r = client.get(path, params={"lang": lang})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}">' in r.text and "<title>" in r.text and 'href="/?lang=' in r.text
    if title:
        assert f"<h1>{title}</h1>" in r.text


@pytest.mark.parametrize("path", ["/service-recommender/v1/nope", "/api/catalogue/nope", "/admin/nope",
                                  "/static/nope.css"])
def test_api_paths_keep_their_json_errors(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and r.json() == {"detail": "Not Found"}


def test_a_bug_shows_a_page_not_a_traceback(web_runtime: Any) -> None:
    app = create_app(runtime=web_runtime)

    @app.get("/boom-test")
    async def boom() -> None:
        raise RuntimeError("a bug")

    @app.get("/api/boom-test")
    async def api_boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom-test?lang=sv")
        assert r.status_code == 500 and '<html lang="sv">' in r.text and MESSAGES["server_error"]["sv"] in r.text
        assert "RuntimeError" not in r.text
        r = c.get("/api/boom-test")
        assert r.status_code == 500 and "<html" not in r.text


def test_finnish_only_texts_are_marked(web_runtime: Any) -> None:
    from auroranet.i18n import LANGS
    from auroranet.web.messages import translate
    from auroranet.web.page import env
    from auroranet.web.present import service_view

    svc = _service(web_runtime)
    only_fi = svc.model_copy(update={"summary": {"fi": "Vain suomeksi."}, "description": {"fi": "Kuvaus suomeksi."},
                                     "user_instruction": {}})

    def render(record: Any, lang: str) -> str:
        view = service_view(record, {}, lang, lambda k: translate(k, lang), {})
        return env.get_template("service.html").render(
            svc=view, rid=None, back="", audience=[], lang=lang, t=lambda k, **kw: translate(k, lang, **kw),
            pick=lambda d: d.get(lang, ""), csrf="x", path="/service", langs=LANGS, meter_name=str,
            reasons=lambda e: [], lang_names={k: k for k in LANGS}, lang_links={k: "/" for k in LANGS},
            exit_url="https://yle.fi/saa")

    html = render(only_fi, "sv")
    assert MESSAGES["only_finnish"]["sv"] in html and '<div lang="fi"><p>Kuvaus suomeksi.</p></div>' in html
    assert '<p class="lead" lang="fi">Vain suomeksi.</p>' in html
    assert MESSAGES["only_finnish"]["fi"] not in render(only_fi, "fi") and 'lang="fi">Vain' not in render(only_fi, "fi")
    html = render(svc, "sv")
    assert MESSAGES["only_finnish"]["sv"] not in html and '<div lang="fi">' not in html


def test_service_page_headings_are_not_duplicated(client: TestClient, web_runtime: Any) -> None:
    html = client.get(f"/service/{_service(web_runtime).id}?lang=en").text
    heads = re.findall(r"<h[1-6][^>]*>([^<]+)</h[1-6]>", html)
    assert len(heads) == len(set(heads)), heads
    assert "How to use it" not in html


@pytest.mark.parametrize(("raw", "shown"), [("0401234567", "040 123 4567"), ("+358401234567", "+358 40 123 4567"),
                                            ("09 1234567", "09 123 4567"), ("0295 020 713", "029 502 0713"),
                                            ("0800 98765", "0800 98765"), ("112", "112"), ("+46 8 123 456", "+46 8 123 456")])
def test_phone_numbers_are_grouped_for_reading(raw: str, shown: str) -> None:
    assert format_phone(raw) == shown


def test_email_addresses_wrap_after_at_and_dots() -> None:
    assert str(wrap_points("neuvonta@kunta.fi")) == "neuvonta@<wbr>kunta.<wbr>fi"
    assert str(wrap_points("<b>@x")) == "&lt;b&gt;@<wbr>x"  # escaped


def test_phone_channel_text_in_the_view() -> None:
    from auroranet.web.present import _phone

    c = _phone(Phone(number="0401234567", prefix="", info="ma–pe", type="Phone", language="fi"), with_info=True)
    assert c.text == "040 123 4567 (ma–pe)" and c.href == "tel:0401234567" and c.number == "040 123 4567"


def test_open_now_text_on_channels() -> None:
    from auroranet.catalogue.hours import OpenStatus
    from auroranet.web.messages import register, translate
    from auroranet.web.present import open_text
    from auroranet.web.texts import TEXTS

    register(TEXTS)  # what mount does

    def en(key: str) -> str:
        return translate(key, "en")

    assert open_text(OpenStatus("open", until="16:00"), en) == "Open now, until 16:00"
    assert open_text(OpenStatus("holiday"), lambda k: translate(k, "fi")) == "Suljettu tänään (pyhäpäivä)"
    assert open_text(None, en) == ""


@pytest.mark.parametrize("text", ["%%%%", "?!.,;"])
def test_a_search_without_words_is_a_form_error_not_an_outage(client: TestClient, text: str) -> None:
    """Found by our own attack pass on the real catalogue: punctuation-only or control-character searches
    answered 503 'search unavailable'. They are the person's input: 400 with the form error."""
    r = client.get("/search", params={"q": text, "lang": "en"})
    assert r.status_code == 400
    assert MESSAGES["search_no_words"]["en"] in r.text
    assert "unavailable" not in r.text.lower()


def test_a_search_with_a_nul_is_refused_at_the_edge(client: TestClient) -> None:
    """NUL (and other control characters but layout) in the address: the edge's 400 page
    (auroranet.badtext), before the search runs."""
    r = client.get("/search", params={"q": "asunto\x00", "lang": "en"})
    assert r.status_code == 400
    assert MESSAGES["bad_input"]["en"] in r.text
    assert "unavailable" not in r.text.lower()
