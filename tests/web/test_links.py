"""Links on the web app's pages: no href built from catalogue data has an unsafe scheme (web pages,
phone numbers, e-mail addresses), and tracked links from results are signed and redirect."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.catalogue import service as catalogue
from auroranet.catalogue.flows import write_batch
from auroranet.catalogue.models import Email, Phone, WebPage
from tests.web.test_views import answer_all

HREF = re.compile(r'href="([^"]*)"')
SAFE_HREF = re.compile(r"(/(?!/)|#|https?://[^/@\s]+|tel:\+?\d+$|mailto:[^?&,:\s]+@[^?&,:\s]+$)")
EVIL_PAGES = ["javascript:alert(document.domain)//", "data:text/html,<script>alert(1)</script>",
              "vbscript:msgbox(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "//evil.example",
              "https://user:pw@x.example/"]


@pytest.fixture
def web_runtime(any_web_runtime):
    """Catalogue channels written here and the signed links' clicks are stored: both backends (SQLite and PostgreSQL)."""
    return any_web_runtime


@pytest.fixture
def client(web_runtime):
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False) as c:
        yield c


def hrefs(page: str) -> list[str]:
    return [html.unescape(h) for h in HREF.findall(page)]


def _forge_first_channel(rt, pages: list[str]) -> tuple[str, str]:  # noqa: ANN001
    """A service whose first channel has only unsafe pages, phones and e-mail addresses."""
    with rt.db.session() as s:
        svc = next(x for x in catalogue.list_services(s) if x.channel_ids)
        chans = catalogue.get_channels(s, svc.channel_ids)
    cid = next(c for c in svc.channel_ids if c in chans)
    ch = chans[cid].model_copy(deep=True)
    ch.web_pages = [WebPage(url=u, language="fi") for u in pages]
    ch.phones = [Phone(prefix="+358", number="40 123 4567", info="neuvonta", language="fi"),
                 Phone(number="tel:javascript:alert(1)", language="fi")]  # the page shows two
    ch.emails = [Email(value="javascript:alert(1)"), Email(value="a@b.example?cc=c@d.example")]
    write_batch(rt.db, catalogue.Batch(channels=[ch]), source="test", kind="file")
    rt.refresh()
    return svc.id, cid


def test_service_page_has_no_unsafe_href(client, web_runtime):
    sid, _ = _forge_first_channel(web_runtime, EVIL_PAGES)
    r = client.get(f"/service/{sid}")
    assert r.status_code == 200
    links = hrefs(r.text)
    assert links and all(SAFE_HREF.match(h) for h in links), [h for h in links if not SAFE_HREF.match(h)]
    assert not any("javascript" in h.lower() or h.lower().startswith(("data:", "vbscript:")) for h in links)
    assert 'href="tel:+358401234567"' in r.text  # a valid number still gets its link
    assert "javascript:alert(1)" in r.text  # shown as text, not as a link


def test_service_page_keeps_a_safe_page_among_unsafe_ones(client, web_runtime):
    sid, _ = _forge_first_channel(web_runtime, [*EVIL_PAGES, "https://palvelu.example/"])
    r = client.get(f"/service/{sid}")
    assert 'href="https://palvelu.example/"' in r.text


def test_results_links_are_signed_and_redirect(client, web_runtime):
    answer_all(client)
    r = client.get("/results")
    assert r.status_code == 200
    tracked = [h for h in hrefs(r.text) if h.startswith("/service-recommender/v1/redirect?")]
    for h in hrefs(r.text):
        assert SAFE_HREF.match(h), h
    if not tracked:  # results link to service pages; their channel links are tracked there
        page = client.get(next(h for h in hrefs(r.text) if h.startswith("/service/")))
        tracked = [h for h in hrefs(page.text) if h.startswith("/service-recommender/v1/redirect?")]
    assert tracked and all("&sig=" in h for h in tracked)
    follow = client.get(tracked[0])
    assert follow.status_code == 302 and follow.headers["location"].startswith("http")
    forged = client.get(re.sub(r"sig=[0-9a-f]+", "sig=" + "0" * 32, tracked[0]))
    assert forged.status_code == 400
