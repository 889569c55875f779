"""Live-chat fixtures: desks open now (every day, round the clock, holidays too) or closed now (open
only on the other weekdays), and staff principals of two organisations."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Iterator

import pytest

from auroranet.catalogue.hours import HELSINKI
from auroranet.config import Settings
from auroranet.db.core import Database
from auroranet.identity.principal import Principal, Role
from auroranet.livechat import desks
from auroranet.livechat.service import Scope, Staff
from auroranet.runtime import Runtime

ALWAYS = [{"days": list(range(7)), "opens": "00:00", "closes": "24:00"}]


def not_today() -> list[dict[str, object]]:
    today = datetime.now(HELSINKI).weekday()
    return [{"days": [d for d in range(7) if d != today], "opens": "08:00", "closes": "16:00"}]


def desk(id: str = "oulu-chat", org: str = "oulu", *, open_now: bool = True, **kw: object) -> desks.DeskIn:
    data: dict[str, object] = {"id": id, "organisation_id": org,
                               "names": {"fi": "Oulun neuvontachat", "sv": "Uleåborgs rådgivningschatt",
                                         "en": "Oulu advice chat"},
                               "languages": ["fi", "sv", "en"], "opening_hours": ALWAYS if open_now else not_today(),
                               "open_on_holidays": open_now, "phone": "+358 8 123 4567"}
    data.update(kw)
    return desks.DeskIn.model_validate(data)


def add_desk(rt: Runtime, d: desks.DeskIn) -> None:
    with rt.writes:
        desks.add(rt.db, d)


def staff_principal(org: str, subject: str = "staff-1", name: str = "Maija") -> Principal:
    return Principal(subject=subject, kind="staff", display_name=name,
                     roles=(Role("provider_staff", f"organisation:{org}"),))


def staff(org: str, subject: str = "staff-1", name: str = "Maija") -> tuple[Scope, Staff]:
    return Scope(frozenset({org})), Staff(subject, name)


@pytest.fixture
def lrt(db: Database, tmp_path: Path) -> Iterator[Runtime]:
    """A runtime on the parametrised store (SQLite and PostgreSQL); no catalogue needed."""
    settings = Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple",
                        session_secret="test-secret-" + uuid.uuid4().hex, livechat_keep_closed_seconds=0)
    rt = Runtime.create(settings, db=db)
    yield rt
    rt.writes.close()
