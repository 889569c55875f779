"""Urgent help comes first: crisis detection in free text and profiles (``detect``, vocabulary in
``lexicon``) and Finland's public crisis services as data (``contacts``). The use cases attach the
result to every answer; the front doors show it before anything else.

    help_for_text("i want to kill myself", "en")   # [UrgentHelp(id="emergency_112", ...), ...]
    help_for_meters({"housing": 2.0}, "fi")         # []
"""

from __future__ import annotations

from typing import Mapping

from auroranet.safety.contacts import UrgentHelp, urgent_help
from auroranet.safety.detect import bereaved_by_suicide, detect_meters, detect_text
from auroranet.safety.lexicon import Kind
from auroranet.safety.refocus import refocus_text

__all__ = ["UrgentHelp", "crisis_in_text", "help_for_meters", "help_for_text", "search_text_after_crisis"]


def _refocus(text: str, kinds: tuple[Kind, ...]) -> str | None:
    # the bereavement patterns are read only for a suicide text (not on every search)
    return refocus_text(kinds, bereaved="suicide" in kinds and bereaved_by_suicide(text))


def search_text_after_crisis(text: str) -> str | None:
    """The text to search with below the urgent help when ``text`` signals a crisis (None: it does not)."""
    return _refocus(text, detect_text(text))


def crisis_in_text(text: str, lang: str) -> tuple[list[UrgentHelp], str | None]:
    """Both answers for a free-text query from one detection: the urgent help ([] when it signals no
    crisis) and the text to search with below it (None when it signals none)."""
    kinds = detect_text(text)
    return urgent_help(kinds, lang), _refocus(text, kinds)


def help_for_text(text: str, lang: str) -> list[UrgentHelp]:
    """Urgent help for a free-text query ([] when it signals no crisis)."""
    return urgent_help(detect_text(text), lang)


def help_for_meters(meters: Mapping[str, float], lang: str, *, age: int | None = None) -> list[UrgentHelp]:
    """Urgent help for a 3X10D profile ([] when it signals no crisis)."""
    return urgent_help(detect_meters(meters), lang, age=age)
