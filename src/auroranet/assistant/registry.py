"""The registry of connected assistants and routing to the best-fitting one.

An assistant registers what it can help with (topic words, meters, life events), where (municipality
codes; none = the whole country), in which languages, when (opening hours, Finnish time) and where it
takes a person over (``handover_url``). ``best_fit`` scores them against what the conversation
understood; an assistant must share the person's language, be open, and serve their municipality.

    add(db, AssistantIn(id="oulu-youth", names={...}, topics=["nuori"], municipality_codes=["564"], ...),
        life_events=rt.life_events)
    best_fit(db, Need(text="olen 17 ja asun oulussa", lang="fi", municipality_code="564"))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Collection, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl
from sqlalchemy import select

from auroranet.assistant.intents import normalise
from auroranet.assistant.models import ConnectedAssistant
from auroranet.catalogue.hours import HELSINKI
from auroranet.db.core import Database
from auroranet.errors import InputError, NotFoundError
from auroranet.vocab import METER_KEYS

Lang = Literal["fi", "sv", "en"]
Word = Annotated[str, Field(min_length=2, max_length=60)]
Code = Annotated[str, Field(pattern=r"^\d{3}$")]  # a municipality code
HHMM = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
# a closing time may also be "24:00", the end of the day: "00:00"–"23:59" would close for the last minute
CLOSES = Annotated[str, Field(pattern=r"^(([01]\d|2[0-3]):[0-5]\d|24:00)$")]


def _fi_name(v: dict[str, str]) -> dict[str, str]:
    if "fi" not in v or set(v) - {"fi", "sv", "en"}:
        raise ValueError("needs a Finnish name, and names only in fi, sv and en")
    return v


def _known_needs(v: list[str]) -> list[str]:
    bad = [k for k in v if k not in METER_KEYS]
    if bad:
        raise ValueError(f"unknown needs: {bad}")
    return v


# the fields an assistant and a live-chat desk register alike
Names = Annotated[dict[str, Annotated[str, Field(min_length=1, max_length=200)]], AfterValidator(_fi_name)]
Needs = Annotated[list[str], Field(max_length=10), AfterValidator(_known_needs)]


class Hours(BaseModel):
    model_config = ConfigDict(extra="forbid")
    days: Annotated[list[Annotated[int, Field(ge=0, le=6)]], Field(min_length=1, max_length=7)]  # 0 = Monday
    opens: HHMM
    closes: CLOSES


class AssistantIn(BaseModel):
    """What an organisation registers (admin API and ``aurora assistants add``)."""

    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
    names: Names
    organisation: dict[str, Annotated[str, Field(max_length=200)]] = Field(default_factory=dict)
    topics: Annotated[list[Word], Field(max_length=50)] = Field(default_factory=list)
    needs: Needs = Field(default_factory=list)
    life_events: Annotated[list[str], Field(max_length=20)] = Field(default_factory=list)
    municipality_codes: Annotated[list[Code], Field(max_length=400)] = Field(default_factory=list)
    languages: Annotated[list[Lang], Field(min_length=1, max_length=3)]
    opening_hours: Annotated[list[Hours], Field(max_length=14)] = Field(default_factory=list)
    handover_url: HttpUrl
    channel_id: Annotated[str, Field(max_length=64)] | None = None



def add(db: Database, a: AssistantIn, *, life_events: Collection[str]) -> None:
    """Register or replace (same id) an assistant; its life events must be among ``life_events`` (the
    runtime's: shipped and the organisation's own), else InputError."""
    if bad := [k for k in a.life_events if k not in life_events]:
        raise InputError(f"unknown life_events: {bad}")
    with db.session() as s:
        row = s.get(ConnectedAssistant, a.id) or ConnectedAssistant(id=a.id)
        row.names, row.organisation = dict(a.names), dict(a.organisation)
        row.topics = [t.casefold() for t in a.topics]
        row.needs, row.life_events = list(a.needs), list(a.life_events)
        row.municipality_codes, row.languages = list(a.municipality_codes), list(a.languages)
        row.opening_hours = [h.model_dump() for h in a.opening_hours]
        row.handover_url, row.channel_id, row.active = str(a.handover_url), a.channel_id, True
        s.add(row)


def remove(db: Database, assistant_id: str) -> None:
    with db.session() as s:
        row = s.get(ConnectedAssistant, assistant_id)
        if row is None:
            raise NotFoundError(f"no assistant {assistant_id!r}")
        s.delete(row)


def listed(db: Database) -> list[AssistantIn]:
    with db.session() as s:
        rows = list(s.scalars(select(ConnectedAssistant).order_by(ConnectedAssistant.id)))
        return [AssistantIn.model_validate({c: getattr(r, c) for c in AssistantIn.model_fields}) for r in rows]


def get(db: Database, assistant_id: str) -> AssistantIn | None:
    return next((a for a in listed(db) if a.id == assistant_id), None)


def is_open(hours: list[Hours], now: datetime) -> bool:
    if not hours:
        return True
    local = now.astimezone(HELSINKI)
    hhmm = local.strftime("%H:%M")
    return any(local.weekday() in h.days and h.opens <= hhmm < h.closes for h in hours)


@dataclass
class Need:
    text: str
    lang: str
    municipality_code: str | None = None
    life_event: str | None = None
    needs: tuple[str, ...] = ()
    now: datetime = field(default_factory=lambda: datetime.now(HELSINKI))


@dataclass(frozen=True)
class Fit:
    assistant: AssistantIn
    score: float
    topics: tuple[str, ...]  # what matched: topic words, meters, the life event
    local: bool


def fit(a: AssistantIn, need: Need) -> Fit | None:
    if need.lang not in a.languages or not is_open(a.opening_hours, need.now):
        return None
    if a.municipality_codes and need.municipality_code not in a.municipality_codes:
        return None
    t = normalise(need.text)
    words = tuple(w for w in a.topics if f" {w}" in t)
    meters = tuple(m for m in need.needs if m in a.needs)
    event = (need.life_event,) if need.life_event and need.life_event in a.life_events else ()
    score = 2.0 * len(words) + 1.0 * len(meters) + 2.0 * len(event)
    if score == 0:
        return None
    local = bool(a.municipality_codes)
    return Fit(a, score + (0.5 if local else 0.0), words + meters + event, local)


def best_fit(db: Database, need: Need) -> Fit | None:
    """The best-fitting open assistant for this need, or None (then the built-in one goes on)."""
    fits = [f for a in listed(db) if (f := fit(a, need)) is not None]
    return max(fits, key=lambda f: (f.score, f.assistant.id)) if fits else None

