"""Slots from free text: age, municipality, life event, needs (3X10D meters), a check-in answer and a
language to switch to. The vocabulary is data (``data/lexicon.json``); municipalities go through the
catalogue's resolver (``catalogue.municipality_names``: codes, fi/sv/en names and Finnish inflected
forms such as "Oulussa"), life events are the runtime's (``Runtime.life_events``: the shipped files and an
organisation's own) and needs ``vocab.METER_KEYS``.

    age("olen 17-vuotias")                      # 17
    municipality(ref.municipalities, "asun Uleåborg")   # '564'
    needs("I can't pay my rent", "en")          # ('housing',)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from auroranet.assistant.intents import LANGS, normalise
from auroranet.catalogue.municipality_names import resolve_municipality
from auroranet.lifeevents.model import LifeEvent, builtin_life_events
from auroranet.vocab import METER_KEYS

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.json"
MAX_AGE = 120
# "17-vuotias", "17 v", "olen 17", "ikä 17", "jag är 17", "17 år", "I am 17", "17 years old", "aged 17".
_AGE = (re.compile(r"(?<!\d)(\d{1,3}) ?(-?vuotias|-?v\b|vuotta|år\b|års\b|years?\b|yrs?\b|y/?o\b)"),
        re.compile(r"\b(olen|ikä|ikäni|jag är|ålder|min ålder är|i am|i'm|im|age|aged|my age is)\s+(\d{1,3})\b(?![.,]\d)"))
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
_WORD = re.compile(r"[\w\-]+")
# Words that are never read as a municipality (short function words the resolver's stemmer could stretch).
_NOT_PLACES = frozenset({"olen", "asun", "bor", "live", "haluan", "jag", "och", "and", "the", "minä", "mä"})


@dataclass(frozen=True)
class Lexicon:
    meters: dict[str, dict[str, tuple[str, ...]]]
    life_events: dict[str, dict[str, tuple[str, ...]]]
    scale: dict[str, dict[str, int]]
    languages: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    doc: dict[str, Any] = json.loads(LEXICON_PATH.read_text("utf-8"))
    unknown = (set(doc["meters"]) - set(METER_KEYS)) | (set(doc["life_events"]) - set(builtin_life_events()))
    if unknown:
        raise ValueError(f"lexicon.json names unknown meters or life events: {sorted(unknown)}")
    return Lexicon(
        meters={k: {lg: tuple(v.get(lg, [])) for lg in LANGS} for k, v in doc["meters"].items()},
        life_events={k: {lg: tuple(v.get(lg, [])) for lg in LANGS} for k, v in doc["life_events"].items()},
        scale={lg: dict(doc["scale_words"][lg]) for lg in LANGS},
        languages={lg: tuple(doc["languages"][lg]) for lg in LANGS})


def _has(text: str, stem: str) -> bool:
    """``stem`` begins a word of the normalised ``text`` (a stem may hold several words)."""
    return f" {stem.casefold()}" in text


def age(text: str) -> int | None:
    t = text.casefold()
    for pattern in _AGE:
        if m := pattern.search(t):
            value = int(next(g for g in m.groups() if g and g.isdigit()))
            return value if 0 < value <= MAX_AGE else None
    return None


def bare_number(text: str) -> int | None:
    m = _BARE_NUMBER.match(text)
    return int(m.group(1)) if m else None


def municipality(municipalities: Mapping[str, Mapping[str, str]], text: str) -> str | None:
    """The one municipality named in ``text`` (one or two neighbouring words), or None."""
    words = [w for w in _WORD.findall(text) if not w.isdigit()]
    found: set[str] = set()
    for i, w in enumerate(words):
        if len(w) < 3 or w.casefold() in _NOT_PLACES:
            continue
        if i + 1 < len(words) and (code := resolve_municipality(municipalities, f"{w} {words[i + 1]}")):
            found.add(code)
            continue
        if code := resolve_municipality(municipalities, w):
            found.add(code)
    return found.pop() if len(found) == 1 else None


def life_event(text: str, events: Mapping[str, LifeEvent]) -> str | None:
    """The life event the text is about: a shipped one by the lexicon's words or its names, else any of
    ``events`` (an organisation's own too) by its names or search phrases."""
    t = normalise(text)
    words = lexicon().life_events
    for event_id, by_lang in words.items():
        names = [n.casefold() for n in events[event_id].names.values()] if event_id in events else []
        if names and (any(_has(t, s) for lang in LANGS for s in by_lang[lang]) or any(n in t for n in names)):
            return event_id
    for event_id, ev in events.items():
        if event_id not in words and any(f" {normalise(p).strip()} " in t
                                         for p in [*ev.names.values(), *ev.search_phrases] if normalise(p).strip()):
            return event_id
    return None


def needs(text: str, lang: str = "fi") -> tuple[str, ...]:
    """The meters the text is about, in ``vocab.METER_KEYS`` order: the words of the conversation's
    language, or when none of them matches, of the other two (word beginnings differ between languages:
    English "pain" must not find Finnish "painaa")."""
    t = normalise(text)
    lex = lexicon().meters
    for langs in ((lang,), tuple(x for x in LANGS if x != lang)):
        found = tuple(k for k in METER_KEYS if k in lex and any(_has(t, s) for lg in langs for s in lex[k][lg]))
        if found:
            return found
    return ()


def scale_answer(text: str, lang: str) -> int | None:
    """A check-in answer: a number 0..10, or words ("huonosti", "ganska bra", "not great")."""
    n = bare_number(text) if bare_number(text) is not None else _leading_number(text)
    if n is not None:
        return n if 0 <= n <= 10 else None
    t = normalise(text)
    best: tuple[int, int] | None = None  # (length of the matched phrase, value): the longest phrase wins
    for lg in (lang, *[x for x in LANGS if x != lang]):
        for phrase, value in lexicon().scale[lg].items():
            if f" {phrase} " in t and (best is None or len(phrase) > best[0]):
                best = (len(phrase), value)
    return best[1] if best else None


def _leading_number(text: str) -> int | None:
    m = re.match(r"^\s*(\d{1,2})\s*(/\s*10)?\b", text)
    return int(m.group(1)) if m else None


def language(text: str) -> str | None:
    """The language a "switch language" message asks for."""
    t = normalise(text)
    at = {lg: max(t.rfind(f" {w} ") for w in words) for lg, words in lexicon().languages.items()}
    found = [lg for lg in at if at[lg] >= 0]
    return max(found, key=lambda lg: at[lg]) if found else None  # "from Finnish to Swedish": the last one


@dataclass
class Slots:
    age: int | None = None
    municipality_code: str | None = None
    life_event: str | None = None
    needs: tuple[str, ...] = field(default_factory=tuple)


def extract(text: str, municipalities: Mapping[str, Mapping[str, str]], events: Mapping[str, LifeEvent],
            lang: str = "fi") -> Slots:
    return Slots(age=age(text), municipality_code=municipality(municipalities, text),
                 life_event=life_event(text, events), needs=needs(text, lang))
