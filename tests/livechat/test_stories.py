"""Hand-over stories in fi, sv and en, played through the assistant's flow on the demo catalogue:
inside the hours (offer, nothing pre-ticked, queue, staff take and talk, close, the assistant is back),
outside the hours (phone and a contact request), no desk (the phone advice), "stop" leaves the chat."""

from __future__ import annotations

from typing import Iterator

import pytest

from auroranet.assistant import store
from auroranet.assistant.messages import REPLIES
from auroranet.livechat import desks
from auroranet.livechat import service as chats
from auroranet.referrals.service import set_receiver
from auroranet.runtime import Runtime
from tests.assistant.conftest import Chat, any_rt, rt  # noqa: F401 - the module's runtime (demo catalogue), each backend
from tests.livechat.conftest import add_desk, desk, staff

PERSON = {"fi": "haluan puhua ihmisen kanssa", "sv": "jag vill prata med en människa", "en": "I want to talk to a person"}
YES = {"fi": "kyllä", "sv": "ja", "en": "yes"}
NO = {"fi": "ei kiitos", "sv": "nej tack", "en": "no thanks"}
FIND = {"fi": "tarvitsen asumistukea", "sv": "jag behöver bostadsbidrag", "en": "I need housing allowance"}


def said(turn_text: str, key: str, lang: str) -> bool:
    return REPLIES[key][lang].split("{")[0][:20] in turn_text


@pytest.fixture
def clean(any_rt: Runtime) -> Iterator[Runtime]:
    """The module's runtime on each storage backend (the flows store chats, consents and contact requests)."""
    rt = any_rt
    yield rt
    with rt.writes:
        for d in desks.listed(rt.db):
            desks.remove(rt.db, d.id)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_inside_hours_with_the_transcript(clean: Runtime, lang: str) -> None:
    rt = clean
    add_desk(rt, desk())
    chat = Chat(rt, lang)
    chat.say(FIND[lang])
    offer = chat.say(PERSON[lang])
    assert offer.handover is not None and offer.handover["status"] == "person_offered"
    assert said(offer.replies[0].text, "person_offer", lang) and "24:00" in offer.replies[0].text
    assert [i["key"] for i in offer.handover["can_share"]] == ["transcript"]  # offered, not chosen
    queued = chat.say(YES[lang], share=["transcript"])
    assert queued.handover is not None and queued.handover["status"] == "person_waiting"
    assert queued.handover["shared"] == ["transcript"] and queued.handover["events_url"].endswith("/live")
    pid = queued.handover["chat_id"]
    relayed = chat.say("onko ketään paikalla?")
    assert relayed.replies == [] and relayed.handover["status"] == "person_waiting"  # type: ignore[index]
    scope, maija = staff("oulu")
    chats.take(rt, pid, staff=maija, scope=scope)
    view = chats.for_staff(rt, pid, staff=maija, scope=scope)
    assert view.transcript is not None and view.transcript[0] == {"who": "person", "text": FIND[lang]}
    assert [line.text for line in view.lines if line.author == "person"] == ["onko ketään paikalla?"]
    active = chat.say("kiitos")
    assert active.handover["status"] == "person_active" and active.handover["staff_name"] == "Maija"  # type: ignore[index]
    chats.staff_closes(rt, pid, staff=maija, scope=scope)
    back = chat.say(FIND[lang])
    assert said(back.replies[0].text, "person_ended", lang) and back.handover is None
    assert chat.say(FIND[lang]).replies[0].services  # the assistant again


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_inside_hours_without_ticking_nothing_is_passed(clean: Runtime, lang: str) -> None:
    add_desk(clean, desk())
    chat = Chat(clean, lang)
    chat.say(FIND[lang])
    chat.say(PERSON[lang])
    queued = chat.say(YES[lang])
    assert queued.handover is not None and queued.handover["shared"] == []
    scope, maija = staff("oulu")
    chats.take(clean, queued.handover["chat_id"], staff=maija, scope=scope)
    assert chats.for_staff(clean, queued.handover["chat_id"], staff=maija, scope=scope).transcript is None


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_declining_the_offer(clean: Runtime, lang: str) -> None:
    add_desk(clean, desk())
    chat = Chat(clean, lang)
    chat.say(PERSON[lang])
    turn = chat.say(NO[lang])
    assert said(turn.replies[0].text, "person_declined", lang)
    assert chats.latest_for(clean, chat.cid) is None


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_outside_hours_phone_and_contact_request(clean: Runtime, lang: str) -> None:
    service_id = clean.catalogue().services[0].id
    set_receiver(clean, service_id=service_id, organisation_id="oulu")
    add_desk(clean, desk(open_now=False, referral_service_id=service_id))
    turn = Chat(clean, lang).say(PERSON[lang])
    h = turn.handover
    assert h is not None and h["status"] == "person_closed" and h["contact_url"] == f"/referrals/new/{service_id}"
    text = turn.replies[0].text
    assert "+358 8 123 4567" in text and said(text, "person_contact", lang) and said(text, "person_closed", lang)
    assert "08:00" in text  # when it opens next


def test_outside_hours_without_a_referral_service_gives_the_phone(clean: Runtime) -> None:
    add_desk(clean, desk(open_now=False, referral_service_id="no-such-service"))
    turn = Chat(clean, "en").say(PERSON["en"])
    assert turn.handover is not None and turn.handover["contact_url"] is None and turn.handover["phone"]
    assert "You can call +358 8 123 4567." in turn.replies[0].text


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_no_desk_gives_the_phone_advice(clean: Runtime, lang: str) -> None:
    turn = Chat(clean, lang).say(PERSON[lang])
    assert said(turn.replies[0].text, "person_phone", lang) and turn.handover is None


def test_a_desk_of_another_municipality_or_language_is_not_offered(clean: Runtime) -> None:
    add_desk(clean, desk(municipality_codes=["837"], languages=["fi"]))
    chat = Chat(clean, "fi")
    chat.say("asun Oulussa")
    assert chat.say(PERSON["fi"]).handover is None
    assert Chat(clean, "sv").say(PERSON["sv"]).handover is None


def test_not_understood_mentions_an_open_desk(clean: Runtime) -> None:
    add_desk(clean, desk())
    turn = Chat(clean, "fi").say("asdf qwerty")
    assert said(turn.replies[0].text, "not_understood", "fi") and said(turn.replies[1].text, "person_can_help", "fi")


@pytest.mark.parametrize("lang,stop", [("fi", "lopeta"), ("sv", "avsluta"), ("en", "stop")])
def test_stop_leaves_the_chat(clean: Runtime, lang: str, stop: str) -> None:
    add_desk(clean, desk())
    chat = Chat(clean, lang)
    chat.say(PERSON[lang])
    pid = chat.say(YES[lang]).handover["chat_id"]  # type: ignore[index]
    turn = chat.say(stop)
    assert said(turn.replies[0].text, "person_left", lang)
    assert chats.for_person(clean, chat.cid, pid).status == "closed"  # type: ignore[union-attr]
    state = store.load(clean, chat.cid)
    assert state is not None and state["stage"] == "idle" and state["chat"] is None


def test_urgent_help_during_the_chat_still_comes_first(clean: Runtime) -> None:
    add_desk(clean, desk())
    chat = Chat(clean, "fi")
    chat.say(PERSON["fi"])
    pid = chat.say(YES["fi"]).handover["chat_id"]  # type: ignore[index]
    turn = chat.say("haluan kuolla")
    assert turn.replies[0].urgent_help and turn.replies[0].urgent_help[0].phone == "112"
    scope, maija = staff("oulu")
    chats.take(clean, pid, staff=maija, scope=scope)
    assert "haluan kuolla" in [line.text for line in chats.for_staff(clean, pid, staff=maija, scope=scope).lines]
