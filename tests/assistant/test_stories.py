"""Conversation stories in fi, sv and en, played through the flow with the real engine on the demo
catalogue: intents, slots, routing, urgent help, nonsense, language switches.

Each step is (what the person writes, what must be true of the answer):
  say:<key>     a reply says messages.REPLIES[key] (its first words) in the conversation's language
  services      a reply lists services, each with an explanation
  urgent        a reply carries urgent help, 112 first, and no services
  lang:<l>      the conversation goes on in language l
  ended         the conversation ended (its state is deleted)
  slot:<k>=<v>  the state holds this slot
"""

from __future__ import annotations

from typing import Any

import pytest

from auroranet.assistant import store
from auroranet.assistant.messages import REPLIES
from auroranet.runtime import Runtime
from tests.assistant.conftest import Chat

S = list[tuple[str, str]]
STORIES: list[tuple[str, str, S]] = [
    # greetings and capabilities
    ("greet-fi", "fi", [("moi", "say:hello")]),
    ("greet-sv", "sv", [("hej", "say:hello")]),
    ("greet-en", "en", [("hello", "say:hello")]),
    ("caps-fi", "fi", [("mitä osaat tehdä?", "say:capabilities")]),
    ("caps-sv", "sv", [("vad kan du göra", "say:capabilities")]),
    ("caps-en", "en", [("what can you do?", "say:capabilities")]),
    # finding services, with slots
    ("find-fi-oulu", "fi", [("asun Oulussa ja tarvitsen asumistukea", "services,say:understood,slot:municipality_code=564")]),
    ("find-sv", "sv", [("jag behöver bostadsbidrag", "services")]),
    ("find-en", "en", [("I need help with debts", "services,say:understood")]),
    ("find-fi-job", "fi", [("olen työtön ja etsin töitä", "services,slot:life_event=job_seeking")]),
    ("find-en-age", "en", [("I am 17 and need a summer job", "services,slot:age=17")]),
    ("find-sv-uleaborg", "sv", [("jag bor i Uleåborg och söker sommarjobb", "services,slot:municipality_code=564")]),
    ("more-fi", "fi", [("tarvitsen asumistukea", "services"), ("näytä lisää", "services")]),
    ("more-en-nothing", "en", [("show more", "say:no_more")]),
    ("slots-only-fi", "fi", [("olen 23", "say:affirm_idle,slot:age=23")]),
    # check-in
    ("checkin-fi-short", "fi", [("kysy minulta kysymyksiä", "say:checkin_intro"), ("3", "say:checkin_q"),
                                ("huonosti", "say:checkin_q"), ("ohita", "say:checkin_more"), ("ei", "say:ask_municipality"),
                                ("Oulussa", "services,slot:municipality_code=564")]),
    ("checkin-sv", "sv", [("ställ frågor till mig", "say:checkin_intro"), ("5", "say:checkin_q"), ("dåligt", "say:checkin_q"),
                          ("bra", "say:checkin_more"), ("nej", "say:ask_municipality"), ("hoppa över", "services")]),
    ("checkin-en-all-ten", "en", [("ask me some questions", "say:checkin_intro"), ("4", "say:checkin_q"), ("5", "say:checkin_q"),
                                  ("6", "say:checkin_more"), ("yes", "say:checkin_q"), ("7", ""), ("7", ""), ("7", ""),
                                  ("7", ""), ("7", ""), ("7", ""), ("7", "say:ask_municipality"), ("no", "services")]),
    ("checkin-leave-fi", "fi", [("tehdään kysely", "say:checkin_intro"), ("aloitetaan alusta", "say:restart")]),
    ("checkin-event-fi", "fi", [("olen työtön, kysy minulta kysymyksiä", "say:checkin_intro,slot:life_event=job_seeking")]),
    # urgent help before anything else
    ("urgent-fi", "fi", [("mä haluun kuolla", "urgent")]),
    ("urgent-sv", "sv", [("jag vill ta mitt liv", "urgent")]),
    ("urgent-en", "en", [("I want to kill myself", "urgent")]),
    ("urgent-during-checkin", "fi", [("kysy minulta kysymyksiä", "say:checkin_intro"), ("haluan kuolla", "urgent")]),
    ("urgent-then-search", "en", [("I want to die", "urgent"), ("I need housing allowance", "services")]),
    # a person, thanks, goodbye, restart
    ("person-fi", "fi", [("haluan puhua ihmisen kanssa", "say:person_phone")]),
    ("person-sv", "sv", [("jag vill prata med en människa", "say:person_phone")]),
    ("person-en", "en", [("can I talk to a real person", "say:person_phone")]),
    ("thanks-fi", "fi", [("kiitos", "say:thanks")]),
    ("thanks-sv", "sv", [("tack så mycket", "say:thanks")]),
    ("bye-en", "en", [("goodbye", "say:bye,ended")]),
    ("bye-fi", "fi", [("näkemiin", "say:bye,ended")]),
    ("restart-sv", "sv", [("jag är 30 år", "slot:age=30"), ("börja om", "say:restart,slot:age=None")]),
    # nonsense
    ("nonsense-fi", "fi", [("asdf qwerty", "say:not_understood")]),
    ("nonsense-sv", "sv", [("zzkj wqpx", "say:not_understood")]),
    ("nonsense-en", "en", [("qwpoeiru zxmnvb", "say:not_understood")]),
    # language switches
    ("switch-fi-en", "fi", [("in english please", "lang:en,say:language_set"), ("hello", "say:hello")]),
    ("switch-en-sv", "en", [("på svenska tack", "lang:sv,say:language_set"), ("jag behöver bostadsbidrag", "services")]),
    ("switch-sv-fi", "sv", [("puhutaan suomea", "lang:fi,say:language_set")]),
    ("affirm-deny-idle", "en", [("yes", "say:affirm_idle"), ("no", "say:deny_idle")]),
]


def _texts(turn: Any) -> list[str]:
    return [r.text for r in turn.replies]


def _check(chat: Chat, turn: Any, expect: str) -> None:
    for token in filter(None, expect.split(",")):
        kind, _, arg = token.partition(":")
        if kind == "say":
            head = REPLIES[arg][turn.lang].split("{")[0][:25]
            assert any(head in t for t in _texts(turn)), (token, _texts(turn))
        elif kind == "services":
            services = [s for r in turn.replies for s in r.services]
            assert services and all(s.why and s.name for s in services), _texts(turn)
        elif kind == "urgent":
            help_ = [u for r in turn.replies for u in r.urgent_help]
            assert help_ and help_[0].phone == "112"
            assert not any(r.services for r in turn.replies)
        elif kind == "lang":
            assert turn.lang == arg
        elif kind == "ended":
            assert turn.ended and store.load(chat.rt, chat.cid) is None
        elif kind == "slot":
            key, _, value = arg.partition("=")
            state = store.load(chat.rt, chat.cid)
            assert state is not None
            assert str(state[key]) == value, (key, state[key])
        else:
            raise AssertionError(f"unknown expectation {token}")


def test_at_least_forty_stories_in_three_languages() -> None:
    assert len(STORIES) >= 40
    assert {lang for _, lang, _ in STORIES} == {"fi", "sv", "en"}


@pytest.mark.parametrize("lang,steps", [(lang, steps) for _, lang, steps in STORIES], ids=[s[0] for s in STORIES])
def test_story(rt: Runtime, lang: str, steps: S) -> None:
    chat = Chat(rt, lang)
    for text, expect in steps:
        _check(chat, chat.say(text), expect)
