"""Rule-based crisis detection (no model): which crisis kinds a free text or a 3X10D profile signals.
The vocabulary is data in ``lexicon.py``; this module only normalises and applies it.

    detect_text("mä haluun kuolla")          # ("suicide",)
    detect_text("kriisinhallinta")            # ()
    detect_meters({"resilience": 0, "self_esteem": 1, "life_satisfaction": 0})  # ("mental_health",)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from auroranet.safety.lexicon import BEREAVED_BY_SUICIDE, FIRST_PERSON, GUARDS, KINDS, LEXICON, PROFILE_RULES, Kind

_APOSTROPHES = re.compile(r"['’`´ʼ]")
_NON_WORD = re.compile(r"[\W_]+")
_REPEATS = re.compile(r"(\w)\1{2,}")


def normalise(text: str) -> str:
    """Lower case, NFKC, accents stripped, apostrophes dropped, punctuation as single spaces, 3+ equal
    letters cut to two; padded with one space on each side."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    stripped = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    words = _NON_WORD.sub(" ", _APOSTROPHES.sub("", stripped))
    return " " + _REPEATS.sub(r"\1\1", words).strip() + " "


@dataclass(frozen=True)
class Rule:
    kind: Kind
    lang: str
    personal: bool
    regex: re.Pattern[str]


RULES: tuple[Rule, ...] = tuple(
    Rule(kind, lang, personal, re.compile(pattern))
    for kind, by_lang in LEXICON.items()
    for lang, terms in by_lang.items()
    for personal, patterns in ((True, terms.personal), (False, terms.topic))
    for pattern in patterns
)
_GUARD = re.compile("|".join(p for ps in GUARDS.values() for p in ps))
_FIRST_PERSON = re.compile("|".join(p for ps in FIRST_PERSON.values() for p in ps))


def _ordered(found: set[Kind]) -> tuple[Kind, ...]:
    return tuple(k for k in KINDS if k in found)


def matching_rules(text: str) -> list[Rule]:
    """The rules that fire on ``text`` (topic rules silenced in a professional context)."""
    t = normalise(text)
    guarded = _GUARD.search(t) is not None and _FIRST_PERSON.search(t) is None
    return [r for r in RULES if (r.personal or not guarded) and r.regex.search(t)]


def _joined(personal: bool) -> tuple[tuple[Kind, re.Pattern[str]], ...]:
    """One alternation per kind: it finds a match wherever any of the kind's rules would (same set of kinds
    as ``matching_rules``, ~14 searches instead of ~139)."""
    out = []
    for kind in KINDS:
        patterns = [r.regex.pattern for r in RULES if r.kind == kind and r.personal is personal]
        if patterns:
            out.append((kind, re.compile("|".join(f"(?:{p})" for p in patterns))))
    return tuple(out)


_PERSONAL_BY_KIND = _joined(True)
_TOPIC_BY_KIND = _joined(False)


# Texts asked again (as the ranking cache assumes) are detected once: ~14 regex searches over the normalised
# text were a tenth of a cached text search's CPU. Bounded; the texts are search texts (1,024 chars at most).
@lru_cache(maxsize=2048)
def detect_text(text: str) -> tuple[Kind, ...]:
    """The crisis kinds a free text signals, most urgent first (the order of ``lexicon.KINDS``)."""
    if not text or not text.strip():
        return ()
    t = normalise(text)
    found = {kind for kind, rx in _PERSONAL_BY_KIND if rx.search(t)}
    if _GUARD.search(t) is None or _FIRST_PERSON.search(t) is not None:
        found.update(kind for kind, rx in _TOPIC_BY_KIND if kind not in found and rx.search(t))
    return _ordered(found)


_BEREAVED = re.compile("|".join(p for ps in BEREAVED_BY_SUICIDE.values() for p in ps))


def bereaved_by_suicide(text: str) -> bool:
    """Whether the text says someone close died by suicide (``lexicon.BEREAVED_BY_SUICIDE``)."""
    return bool(text and _BEREAVED.search(normalise(text)))


def detect_meters(meters: Mapping[str, float]) -> tuple[Kind, ...]:
    """The crisis kinds a 3X10D profile (0..10 per meter) signals: every meter of a rule answered and at
    or below its threshold."""
    found: set[Kind] = set()
    for rule in PROFILE_RULES:
        values = [meters.get(k) for k in rule.meters]
        if all(v is not None and v <= rule.at_most for v in values):
            found.add(rule.kind)
    return _ordered(found)
