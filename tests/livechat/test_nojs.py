"""The live chat without JavaScript: a person handed over to a desk through the plain form at /assistant
reads the staff member's lines on the page (server-rendered, newest last) and fetches new ones with a
refresh link; the page never refreshes itself. On both storage backends."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.livechat import service as chats
from auroranet.runtime import Runtime
from auroranet.web import session as sess
from tests.livechat.conftest import add_desk, desk, staff
from tests.web.conftest import _web_template, any_web_runtime, web_runtime  # noqa: F401 - fixtures

FIND = {"fi": "tarvitsen asumistukea", "sv": "jag behöver bostadsbidrag", "en": "I need housing allowance"}
PERSON = {"fi": "haluan puhua ihmisen kanssa", "sv": "jag vill prata med en människa", "en": "I want to talk to a person"}
YES = {"fi": "kyllä", "sv": "ja", "en": "yes"}
# (the section's heading, the refresh link, "waiting", "on", "ended", the staff member joined, closed)
TEXTS = {
    "fi": ("Chat henkilökunnan kanssa", "Näytä uudet viestit", "Odotat vuoroasi jonossa.", "Keskustelu on käynnissä.",
           "Chat on päättynyt.", "Maija liittyi keskusteluun.", "Henkilökunta päätti chatin."),
    "sv": ("Chatt med personalen", "Visa nya meddelanden", "Du väntar på din tur i kön.", "Samtalet pågår.",
           "Chatten har avslutats.", "Maija anslöt till samtalet.", "Personalen avslutade chatten."),
    "en": ("Chat with the staff", "Show new messages", "You are waiting for your turn in the queue.",
           "The conversation is on.", "The chat has ended.", "Maija joined the conversation.",
           "The staff member closed the chat."),
}


def _client(rt: Runtime) -> Iterator[TestClient]:
    add_desk(rt, desk())
    with TestClient(create_app(runtime=rt), follow_redirects=False) as c:
        yield c


@pytest.fixture
def client(any_web_runtime: Runtime) -> Iterator[TestClient]:  # noqa: F811
    yield from _client(any_web_runtime)


@pytest.fixture
def lite_client(web_runtime: Runtime) -> Iterator[TestClient]:  # noqa: F811
    yield from _client(web_runtime)


def _handed_over(client: TestClient, lang: str) -> tuple[str, str]:
    """Through the form only: find, ask for a person, say yes. Returns the CSRF token and the chat's id."""
    html = client.get(f"/assistant?lang={lang}").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    for text in (FIND[lang], PERSON[lang], YES[lang]):
        assert client.post(f"/assistant?lang={lang}", data={"csrf_token": csrf, "text": text}).status_code == 200
    rt: Runtime = client.app.state.runtime  # type: ignore[attr-defined]
    scope, _ = staff("oulu")
    waiting = chats.queue(rt, scope, chats.Staff("staff-1", "Maija"))
    assert len(waiting) == 1
    return csrf, waiting[0].public_id


def _live(html: str) -> str:
    m = re.search(r'<section id="live-chat".*?</section>', html, re.S)
    assert m, "no live chat on the page"
    return m.group(0)


def test_person_without_javascript_reads_the_staff_lines(client: TestClient) -> None:
    rt: Runtime = client.app.state.runtime  # type: ignore[attr-defined]
    heading, refresh, waiting, on, ended, joined, closed = TEXTS["fi"]
    csrf, pid = _handed_over(client, "fi")
    page = client.get("/assistant?lang=fi").text
    live = _live(page)
    assert 'lang="fi"' in live and heading in live and waiting in live
    assert f'href="/assistant?lang=fi#live-h">{refresh}</a>' in live
    assert 'http-equiv="refresh"' not in page.lower() and "<meta http-equiv" not in page.lower()

    scope, maija = staff("oulu")
    chats.take(rt, pid, staff=maija, scope=scope)
    chats.staff_says(rt, pid, "Hei! Miten voin auttaa?", staff=maija, scope=scope)
    live = _live(client.get("/assistant?lang=fi").text)  # the refresh link's page
    assert on in live and joined in live
    assert '<span class="who">Maija:</span> <p>Hei! Miten voin auttaa?</p>' in live

    answered = client.post("/assistant?lang=fi", data={"csrf_token": csrf, "text": "Asun Oulussa"})
    live = _live(answered.text)  # the person's own line, after the staff member's, on the page they posted from
    assert live.index("Hei! Miten voin auttaa?") < live.index('<span class="who">Sinä:</span> <p>Asun Oulussa</p>')
    assert [line.text for line in chats.for_staff(rt, pid, staff=maija, scope=scope).lines if line.author == "person"] == [
        "Asun Oulussa"]

    chats.staff_closes(rt, pid, staff=maija, scope=scope)
    live = _live(client.get("/assistant?lang=fi").text)
    assert ended in live and closed in live and refresh not in live  # nothing more to fetch
    assert "Hei! Miten voin auttaa?" in live


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_live_chat_texts_and_language(lite_client: TestClient, lang: str) -> None:
    rt: Runtime = lite_client.app.state.runtime  # type: ignore[attr-defined]
    heading, refresh, _, on, _, joined, _ = TEXTS[lang]
    _, pid = _handed_over(lite_client, lang)
    scope, maija = staff("oulu")
    chats.take(rt, pid, staff=maija, scope=scope)
    page = lite_client.get("/assistant?lang=fi").text  # the panel follows the chat's language, as after a post
    assert f'<div class="chat-panel" lang="{lang}">' in page
    live = _live(page)
    assert f'lang="{lang}"' in live and heading in live and on in live and joined in live
    assert f'href="/assistant?lang={lang}#live-h">{refresh}</a>' in live


def test_no_live_chat_no_section(lite_client: TestClient) -> None:
    html = lite_client.get("/assistant?lang=fi").text
    assert 'id="live-chat"' not in html
    lite_client.cookies.set(sess.COOKIE, "x" * 40)
    forged = lite_client.get("/assistant?lang=fi")
    assert forged.status_code == 200 and 'id="live-chat"' not in forged.text


def test_a_form_sent_again_is_not_said_twice(client: TestClient) -> None:
    """A reload of the page a POST rendered makes the browser send that form again: the line reaches the
    live chat once, and the page says it was not sent again."""
    rt: Runtime = client.app.state.runtime  # type: ignore[attr-defined]
    csrf, pid = _handed_over(client, "fi")
    scope, maija = staff("oulu")
    chats.take(rt, pid, staff=maija, scope=scope)
    turn = re.search(r'name="turn" value="(\d+)"', client.get("/assistant?lang=fi").text).group(1)  # type: ignore[union-attr]
    form = {"csrf_token": csrf, "text": "Asun Oulussa", "turn": turn}
    first = client.post("/assistant?lang=fi", data=form)
    assert first.status_code == 200 and f'name="turn" value="{int(turn) + 1}"' in first.text
    again = client.post("/assistant?lang=fi", data=form)
    assert again.status_code == 200 and "Tämä viesti oli jo lähetetty" in again.text
    assert 'Asun Oulussa' in _live(again.text)  # the chat as it is, the line once
    assert [line.text for line in chats.for_staff(rt, pid, staff=maija, scope=scope).lines if line.author == "person"] == [
        "Asun Oulussa"]
    nxt = client.post("/assistant?lang=fi", data={**form, "text": "Kiitos", "turn": str(int(turn) + 1)})
    assert nxt.status_code == 200
    assert [line.text for line in chats.for_staff(rt, pid, staff=maija, scope=scope).lines if line.author == "person"] == [
        "Asun Oulussa", "Kiitos"]
