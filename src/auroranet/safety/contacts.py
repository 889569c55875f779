"""Finland's public crisis services as data (``contacts.json``, shipped in the package), validated once
at first use, and the ordered, localised urgent-help list for a set of crisis kinds.

    urgent_help(("suicide",), "en")[0].phone        # "112"
    urgent_help((), "fi")                           # []
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Iterable

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from auroranet.i18n import LANGS, Lang
from auroranet.safety.lexicon import Kind

CONTACTS_PATH = Path(__file__).parent / "contacts.json"
EMERGENCY_ID = "emergency_112"
# Finnish numbers as dialled inside Finland: 112, the harmonised 116 xxx numbers, or a 0-prefixed number
# in groups of digits ("09 2525 0111", "0800 147 111", "080 005 005").
PHONE = re.compile(r"^(112|116 ?\d{3}|0\d{1,3}( \d{2,4}){1,3})$")
WEB_URL = re.compile(r"^https?://[a-z0-9.-]+\.[a-z]{2,}(/[^\s<>\"']*)?$")


def _all_langs(text: dict[str, str]) -> dict[str, str]:
    missing = [lang for lang in LANGS if not (text.get(lang) or "").strip()]
    if missing or set(text) - set(LANGS):
        raise ValueError(f"needs non-empty fi, sv and en texts and nothing else (missing: {missing})")
    return text


def _phone(value: str | None) -> str | None:
    if value is not None and not PHONE.match(value):
        raise ValueError(f"not a Finnish phone number as dialled in Finland: {value!r}")
    return value


def _urls(value: dict[str, str] | None) -> dict[str, str] | None:
    if value is not None:
        _all_langs(value)
        bad = [u for u in value.values() if not WEB_URL.match(u) or not u.startswith("https://")]
        if bad:
            raise ValueError(f"links must be https URLs: {bad}")
    return value


Texts = Annotated[dict[str, str], AfterValidator(_all_langs)]


class ContactDoc(BaseModel):
    """One crisis service as written in contacts.json."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    name: Texts
    purpose: Texts
    phone: Annotated[str | None, AfterValidator(_phone)]
    url: Annotated[dict[str, str] | None, AfterValidator(_urls)]
    hours: Texts
    languages: Annotated[list[Lang], Field(min_length=1)]
    kinds: Annotated[list[Kind], Field(min_length=1)]
    show_for: list[Lang] = Field(default_factory=lambda: list(LANGS))
    footer: bool = False
    age_min: int | None = None
    age_max: int | None = None
    sources: Annotated[list[Annotated[str, Field(pattern=WEB_URL.pattern)]], Field(min_length=1)]
    checked: date

    @model_validator(mode="after")
    def _reachable(self) -> "ContactDoc":
        if self.phone is None and self.url is None:
            raise ValueError(f"{self.id}: needs a phone number or a link")
        return self


class ContactsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    about: str
    contacts: Annotated[list[ContactDoc], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_and_emergency_first(self) -> "ContactsFile":
        ids = [c.id for c in self.contacts]
        if len(set(ids)) != len(ids):
            raise ValueError("contact ids must be unique")
        if ids[0] != EMERGENCY_ID:
            raise ValueError(f"{EMERGENCY_ID} must come first")
        return self


@dataclass(frozen=True)
class UrgentHelp:
    """A crisis service in one language, ready to show: these fields are also the v2 API's
    ``urgent_help`` items."""

    id: str
    name: str
    purpose: str
    phone: str | None
    phone_uri: str | None  # tel: link built from the validated number
    url: str | None
    hours: str
    languages: list[str]
    checked: str


def tel_uri(phone: str) -> str:
    """A ``tel:`` URI (RFC 3966) for a validated Finnish number: 112 and 116 xxx as they are, others in
    international form (+358, the leading 0 dropped)."""
    if not PHONE.match(phone):
        raise ValueError(f"not a valid phone number: {phone!r}")
    digits = phone.replace(" ", "")
    return f"tel:{digits}" if not digits.startswith("0") else f"tel:+358{digits[1:]}"


@lru_cache(maxsize=1)
def contacts() -> tuple[ContactDoc, ...]:
    """Every contact, in the order they are shown (validated once; a broken file fails loudly)."""
    doc = ContactsFile.model_validate(json.loads(CONTACTS_PATH.read_text("utf-8")))
    return tuple(doc.contacts)


def localise(c: ContactDoc, lang: str) -> UrgentHelp:
    lang = lang if lang in LANGS else "fi"
    return UrgentHelp(id=c.id, name=c.name[lang], purpose=c.purpose[lang], phone=c.phone,
                      phone_uri=tel_uri(c.phone) if c.phone else None, url=c.url[lang] if c.url else None,
                      hours=c.hours[lang], languages=list(c.languages), checked=c.checked.isoformat())


def _for_reader(c: ContactDoc, lang: str, age: int | None) -> bool:
    if lang not in c.show_for:
        return False
    if age is not None and ((c.age_min is not None and age < c.age_min) or (c.age_max is not None and age > c.age_max)):
        return False
    return True


def urgent_help(kinds: Iterable[Kind], lang: str, *, age: int | None = None) -> list[UrgentHelp]:
    """The services for these crisis kinds in the file's order, the emergency number always first;
    an empty list when no kind was detected. ``age`` (when known) drops services outside their ages."""
    wanted = set(kinds)
    if not wanted:
        return []
    lang = lang if lang in LANGS else "fi"
    return [localise(c, lang) for c in contacts()
            if (c.id == EMERGENCY_ID or wanted & set(c.kinds)) and (c.id == EMERGENCY_ID or _for_reader(c, lang, age))]


def footer_help(lang: str) -> list[UrgentHelp]:
    """The emergency number and the crisis phone for the permanent "Need help now?" footer."""
    lang = lang if lang in LANGS else "fi"
    return [localise(c, lang) for c in contacts() if c.footer and lang in c.show_for]


def all_help(lang: str) -> list[UrgentHelp]:
    """Every service a reader of ``lang`` may be shown (the help page)."""
    lang = lang if lang in LANGS else "fi"
    return [localise(c, lang) for c in contacts() if lang in c.show_for]
