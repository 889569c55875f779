"""Live-chat desks: registered by an organisation (back office, ``aurora desks add``), open by their
weekly hours in Finnish time and closed on Finnish public holidays (``catalogue.hours.is_holiday``, the
``holidays`` package) unless the desk says otherwise. ``best_desk`` picks the desk for a conversation:
it must speak the person's language and serve their municipality (none = the whole country); topic
words and needs score, a local desk wins a tie. Closed desks are still found, so that the person gets
their phone number or a contact request.

    add(db, DeskIn(id="oulu-neuvonta", organisation_id="oulu", names={"fi": "Oulun neuvonta"}, ...))
    d = best_desk(db, text="tarvitsen apua", lang="fi", municipality_code="564")
    status(d.desk, now)        # DeskStatus(open=True, until="16:00")
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from auroranet.assistant.intents import normalise
from auroranet.assistant.registry import Code, Hours, Lang, Names, Needs, Word
from auroranet.catalogue.hours import HELSINKI, is_holiday
from auroranet.db.core import Database
from auroranet.errors import NotFoundError
from auroranet.livechat.models import Desk

class DeskIn(BaseModel):
    """What an organisation registers for a desk."""

    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
    organisation_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")]
    names: Names
    topics: Annotated[list[Word], Field(max_length=50)] = Field(default_factory=list)
    needs: Needs = Field(default_factory=list)
    municipality_codes: Annotated[list[Code], Field(max_length=400)] = Field(default_factory=list)
    languages: Annotated[list[Lang], Field(min_length=1, max_length=3)]
    opening_hours: Annotated[list[Hours], Field(min_length=1, max_length=14)]
    open_on_holidays: bool = False
    phone: Annotated[str, Field(pattern=r"^\+?[0-9 ()-]{6,20}$")] | None = None
    referral_service_id: Annotated[str, Field(max_length=64)] | None = None

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["fi"]


def add(db: Database, d: DeskIn) -> None:
    """Register or replace (same id) a desk. The caller holds the write lock."""
    with db.session() as s:
        row = s.get(Desk, d.id) or Desk(id=d.id)
        row.organisation_id, row.names = d.organisation_id, dict(d.names)
        row.topics = [t.casefold() for t in d.topics]
        row.needs, row.municipality_codes, row.languages = list(d.needs), list(d.municipality_codes), list(d.languages)
        row.opening_hours = [h.model_dump() for h in d.opening_hours]
        row.open_on_holidays, row.phone, row.referral_service_id = d.open_on_holidays, d.phone, d.referral_service_id
        row.active = True
        s.add(row)


def remove(db: Database, desk_id: str) -> None:
    with db.session() as s:
        row = s.get(Desk, desk_id)
        if row is None:
            raise NotFoundError(f"no desk {desk_id!r}")
        s.delete(row)


def _of(row: Desk) -> DeskIn:
    return DeskIn.model_validate({c: getattr(row, c) for c in DeskIn.model_fields})


def listed(db: Database, organisations: frozenset[str] | None = None) -> list[DeskIn]:
    """Every desk, or those of the given organisations."""
    q = select(Desk).where(Desk.active.is_(True)).order_by(Desk.id)
    if organisations is not None:
        q = q.where(Desk.organisation_id.in_(sorted(organisations)))
    with db.session() as s:
        return [_of(r) for r in s.scalars(q)]


def get(db: Database, desk_id: str) -> DeskIn | None:
    with db.session() as s:
        row = s.get(Desk, desk_id[:64])
        return _of(row) if row is not None and row.active else None


@dataclass(frozen=True)
class DeskStatus:
    open: bool
    until: str = ""  # open: closing time
    next_open: datetime | None = None  # closed: when it opens next (within a fortnight), Helsinki time


def _open_span(d: DeskIn, at: datetime) -> Hours | None:
    if is_holiday(at.date()) and not d.open_on_holidays:
        return None
    hhmm = at.strftime("%H:%M")
    return next((h for h in d.opening_hours if at.weekday() in h.days and h.opens <= hhmm < h.closes), None)


def status(d: DeskIn, now: datetime) -> DeskStatus:
    local = now.astimezone(HELSINKI)
    span = _open_span(d, local)
    if span is not None:
        return DeskStatus(True, until=span.closes)
    for days in range(15):
        day = (local + timedelta(days=days)).date()
        if is_holiday(day) and not d.open_on_holidays:
            continue
        starts = sorted(h.opens for h in d.opening_hours if day.weekday() in h.days and h.opens < h.closes)
        for hhmm in starts:
            at = datetime.combine(day, datetime.strptime(hhmm, "%H:%M").time(), HELSINKI)
            if at > local:
                return DeskStatus(False, next_open=at)
    return DeskStatus(False)


@dataclass(frozen=True)
class Found:
    desk: DeskIn
    status: DeskStatus
    topics: tuple[str, ...]
    local: bool


def best_desk(db: Database, *, text: str, lang: str, municipality_code: str | None,
              needs: tuple[str, ...] = (), now: datetime | None = None) -> Found | None:
    """The desk for this conversation, open ones first; None when no desk serves the person at all."""
    now = now or datetime.now(HELSINKI)
    t = normalise(text)
    scored: list[tuple[tuple[int, float, int, str], Found]] = []
    for d in listed(db):
        if lang not in d.languages or (d.municipality_codes and municipality_code not in d.municipality_codes):
            continue
        words = tuple(w for w in d.topics if f" {w}" in t)
        met = tuple(m for m in needs if m in d.needs)
        st = status(d, now)
        found = Found(d, st, words + met, bool(d.municipality_codes))
        scored.append(((int(st.open), 2.0 * len(words) + len(met), int(found.local), d.id), found))
    return max(scored, key=lambda p: p[0])[1] if scored else None
