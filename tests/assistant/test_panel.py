"""The chat panel without JavaScript: the page in fi/sv/en with a labelled input and a live region, a
posted message answered on the page, the CSRF check."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.runtime import Runtime
from tests.assistant.conftest import make_runtime


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    rt: Runtime = make_runtime(tmp_path_factory.mktemp("panel"), jobs_enabled=False)
    with TestClient(create_app(runtime=rt)) as c:
        yield c
    rt.close()


@pytest.mark.parametrize("lang,title", [("fi", "Keskustele avustajan kanssa"), ("sv", "Chatta med assistenten"),
                                        ("en", "Chat with the assistant")])
def test_panel_page(client: TestClient, lang: str, title: str) -> None:
    html = client.get(f"/assistant?lang={lang}").text
    assert f'<html lang="{lang}">' in html and title in html
    assert 'role="log" aria-live="polite"' in html
    assert '<label for="chat-text" data-ui="assistant_input">' in html and 'id="chat-text"' in html and 'maxlength="500"' in html
    assert 'href="/assistant"' in html  # the nav link


def test_post_without_javascript(client: TestClient) -> None:
    html = client.get("/assistant?lang=fi").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    r = client.post("/assistant?lang=fi", data={"csrf_token": csrf, "text": "tarvitsen asumistukea"})
    assert r.status_code == 200
    assert "Löysin nämä palvelut" in r.text and "/service/" in r.text
    r2 = client.post("/assistant?lang=fi", data={"csrf_token": csrf, "text": "näytä lisää"})
    assert "Löysin nämä palvelut" in r2.text  # the same conversation (kept in the web session)
    r3 = client.post("/assistant?lang=fi", data={"csrf_token": csrf, "text": "in english please"})
    assert '<div class="msg bot" lang="en">' in r3.text  # the reply is marked with its own language
    assert client.post("/assistant?lang=fi", data={"csrf_token": "x", "text": "hei"}).status_code == 403


def test_labels_follow_the_conversation_language_without_javascript(client: TestClient) -> None:
    client.cookies.clear()  # a new web session: a new conversation
    html = client.get("/assistant?lang=fi").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    r = client.post("/assistant?lang=fi", data={"csrf_token": csrf, "text": "på svenska tack"})
    assert '<div class="chat-panel" lang="sv">' in r.text
    assert '<label for="chat-text" data-ui="assistant_input">Ditt meddelande</label>' in r.text
    assert ">Skicka</button>" in r.text and '<span class="who">Du:</span>' in r.text


def test_person_hand_over_without_javascript_offers_the_transcript_unticked(client: TestClient) -> None:
    from tests.livechat.conftest import add_desk, desk

    rt = client.app.state.runtime  # type: ignore[attr-defined]
    add_desk(rt, desk("panel-chat"))
    client.cookies.clear()
    html = client.get("/assistant?lang=en").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    client.post("/assistant?lang=en", data={"csrf_token": csrf, "text": "I need housing allowance"})
    offer = client.post("/assistant?lang=en", data={"csrf_token": csrf, "text": "I want to talk to a person"}).text
    assert 'name="share" value="transcript">' in offer and "checked" not in offer
    queued = client.post("/assistant?lang=en", data={"csrf_token": csrf, "text": "yes", "share": "transcript"})
    assert "You are in the queue" in queued.text
    from auroranet.livechat import service as chats

    row = chats.queue(rt, chats.Scope(None), chats.Staff("s", "S"))[0]
    chats.take(rt, row.public_id, staff=chats.Staff("s", "S"), scope=chats.Scope(None))
    view = chats.for_staff(rt, row.public_id, staff=chats.Staff("s", "S"), scope=chats.Scope(None))
    assert view.transcript and view.transcript[0]["text"] == "I need housing allowance"
