"""Urgent help in the web app: the block comes before everything else on the results and search pages
when the profile or the text signals a crisis (and not otherwise), with tel: links and language marks;
the "Need help now?" footer is on every page and /help lists every service, in fi/sv/en."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.web.messages import MESSAGES
from tests.web.conftest import PLAN_3X10D
from tests.web.test_views import answer_all

LOW_PLAN = {**PLAN_3X10D, "resilience": 0, "self_esteem": 1, "life_satisfaction": 0}


@pytest.fixture
def client(web_runtime):
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False) as c:
        yield c


def _before(html: str, first: str, then: str) -> bool:
    return first in html and then in html and html.index(first) < html.index(then)


def test_results_page_shows_the_block_first_for_a_very_low_profile(client):
    answer_all(client, plan=LOW_PLAN)
    html = client.get("/results?lang=en").text
    assert 'id="urgent-help"' in html and 'class="service"' in html
    assert _before(html, 'id="urgent-help"', 'id="profile-h"') and _before(html, 'id="urgent-help"', 'class="service"')
    block = html[html.index('id="urgent-help"'):html.index("</section>", html.index('id="urgent-help"'))]
    assert 'href="tel:112"' in block and 'href="tel:+358925250116"' in block  # the English MIELI line
    assert '<span lang="fi">' in block and MESSAGES["urgent_title"]["en"] in block


def test_results_page_has_no_block_for_an_ordinary_profile(client):
    answer_all(client)
    html = client.get("/results").text
    assert 'id="urgent-help"' not in html and 'class="service"' in html


@pytest.mark.parametrize(("lang", "text"), [("fi", "mä haluun kuolla"), ("sv", "jag vill ta livet av mig"),
                                            ("en", "I want to kill myself")])
def test_search_page_shows_the_block_before_results(client, lang, text):
    r = client.get("/search", params={"q": text, "lang": lang})
    assert r.status_code == 200
    html = r.text
    assert _before(html, 'id="urgent-help"', 'class="search-form"')
    assert _before(html, 'id="urgent-help"', 'id="results-h"')
    assert MESSAGES["urgent_title"][lang] in html and 'href="tel:112"' in html


def test_search_page_has_no_block_for_ordinary_queries(client):
    for text in ("kriisinhallinta", "väkivallan ehkäisyn koulutus", "crisis management training for companies"):
        html = client.get("/search", params={"q": text}).text
        assert 'id="urgent-help"' not in html, text


def test_footer_on_every_page_and_help_page(client):
    for lang, path in ((lang, path) for lang in ("fi", "sv", "en") for path in ("/", "/search", "/privacy", "/help")):
        html = client.get(f"{path}?lang={lang}").text
        footer = html[html.index('<footer'):]
        assert 'href="tel:112"' in footer and 'href="tel:+358925250111"' in footer, path
        assert MESSAGES["urgent_title"][lang] in footer and 'href="/help"' in footer
        if path == "/help":
            main = html[html.index("<main"):html.index("</main>")]
            tels = re.findall(r'href="(tel:[^"]+)"', main)
            assert tels[0] == "tel:112" and "tel:+35880005005" in tels and "tel:+358800147111" in tels
            assert all(re.fullmatch(r"tel:\+?[0-9]+", t) for t in tels)
