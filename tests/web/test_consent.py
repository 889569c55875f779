"""The consent step before a hand-over: nothing ticked, a share button that counts, the receiving service's
privacy notice linked from the registry (or said to be missing), and sharing nothing just opens the service."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from auroranet.app import create_app
from auroranet.network.models import Client, SessionAttributes
from auroranet.web.messages import MESSAGES
from tests.web.conftest import register_receiver
from tests.web.test_views import answer_all, csrf


@pytest.fixture
def web_runtime(any_web_runtime):
    """Receivers, transfer tokens and shown-results logs are stored: both backends (SQLite and PostgreSQL)."""
    return any_web_runtime


@pytest.fixture
def client(web_runtime):
    with TestClient(create_app(runtime=web_runtime), follow_redirects=False) as c:
        yield c


def set_privacy_notice(rt, url: str | None) -> None:
    with rt.db.session() as s:
        s.execute(update(Client).values(privacy_notice_url=url))
    rt.receivers.invalidate()


def open_consent(client, rt, query: str = "", **bg: str):
    """Answer the questions, then open the consent page of a registered receiver: (its path, the page)."""
    service_id, channel_id = register_receiver(rt)
    answer_all(client, bg=bg)
    path = f"/handover/{service_id}/{channel_id}"
    r = client.get(path + query)
    assert r.status_code == 200
    return path, r


def test_nothing_is_ticked_and_the_button_counts(client, web_runtime):
    _, r = open_consent(client, web_runtime, "?lang=en", age="17", municipality="Tampere")
    boxes = re.findall(r'<input type="checkbox" name="share"[^>]*>', r.text)
    assert len(boxes) == 12  # age, municipality and the ten meters
    assert not [b for b in boxes if "checked" in b]  # before: every box was ticked
    button = re.search(r'<button[^>]*value="share"[^>]*>([^<]*)</button>', r.text)
    assert button and button.group(1) == MESSAGES["consent_share"]["en"].format(n=0)
    assert 'data-label="Share selected ({n}) and continue"' in button.group(0)
    assert '<script src="/static/consent.js" defer></script>' in r.text
    assert client.get("/static/consent.js").status_code == 200


def test_sharing_nothing_opens_the_service_without_a_token(client, web_runtime):
    path, r = open_consent(client, web_runtime, age="17")
    r = client.post(path, data={"csrf_token": csrf(r.text), "action": "share"})
    assert r.status_code == 303 and "auroraai_access_token" not in r.headers["location"]
    with web_runtime.db.session() as s:
        assert s.scalar(select(func.count()).select_from(SessionAttributes)) == 0
    assert client.get(r.headers["location"]).status_code == 302  # on to the service


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_privacy_notice_is_linked_or_said_missing(client, web_runtime, lang):
    path, _ = open_consent(client, web_runtime)
    url = f"{path}?lang={lang}"
    missing = MESSAGES["consent_no_privacy_notice"][lang].format(service=MESSAGES_NAME[lang])
    assert missing in client.get(url).text
    set_privacy_notice(web_runtime, "https://receiver.example/tietosuoja")
    html = client.get(url).text
    link = MESSAGES["consent_privacy_notice"][lang].format(service=MESSAGES_NAME[lang])
    assert f'<a href="https://receiver.example/tietosuoja" rel="noopener noreferrer">{link}</a>' in html
    assert missing not in html
    set_privacy_notice(web_runtime, "javascript:alert(1)")  # never linked, whatever the registry holds
    html = client.get(url).text
    assert "javascript:" not in html and missing in html


MESSAGES_NAME = {"fi": "Testipalvelu", "sv": "Testtjänst", "en": "Test service"}
