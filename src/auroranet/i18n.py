"""Languages and localized text.

``Localized`` is a dict with up to three keys: ``fi``, ``sv`` and ``en``. ``pick`` chooses the best
text for a language, falling back to Finnish, then to whatever is there.
"""

from __future__ import annotations

from typing import Literal, Mapping

Lang = Literal["fi", "sv", "en"]
LANGS: tuple[Lang, ...] = ("fi", "sv", "en")
DEFAULT_LANG: Lang = "fi"

Localized = dict[str, str]


def is_lang(value: object) -> bool:
    return value in LANGS


def pick(text: Mapping[str, str] | None, lang: str = DEFAULT_LANG) -> str:
    """Best text for ``lang``: that language, else Finnish, else English, else Swedish, else ''."""
    if not text:
        return ""
    for key in (lang, "fi", "en", "sv"):
        value = text.get(key)
        if value:
            return value
    return ""


def negotiate(accept_language: str | None, default: Lang = DEFAULT_LANG) -> Lang:
    """Pick fi/sv/en from an Accept-Language header, honouring q-values."""
    if not accept_language:
        return default
    best: tuple[float, Lang] | None = None
    for part in accept_language.split(","):
        piece = part.strip()
        if not piece:
            continue
        tag, _, params = piece.partition(";")
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGS and (best is None or q > best[0]):
            best = (q, primary)  # type: ignore[assignment]
    return best[1] if best else default
