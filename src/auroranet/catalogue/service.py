"""Catalogue logic: read and write services, channels and organisations. No HTTP, no commit: callers own
the transaction (``Database.session()``), so a whole import is one unit of work.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auroranet.catalogue.models import (
    Channel,
    ChannelRecord,
    ImportRun,
    Organisation,
    OrganisationRecord,
    Record,
    Service,
    ServiceRecord,
)
from auroranet.db.core import utcnow


@dataclass
class ImportCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0
    dropped_links: int = 0  # unsafe web page links left out while parsing (``Batch.warnings``)
    by_kind: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, kind: str, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.by_kind.setdefault(kind, Counter())[outcome] += 1

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated or self.archived)

    def summary(self) -> str:
        out = f"new: {self.new}, updated: {self.updated}, unchanged: {self.unchanged}, archived: {self.archived}"
        return out + (f", dropped links: {self.dropped_links}" if self.dropped_links else "")


@dataclass
class Batch:
    """Everything one import brings, parsed and validated before anything is written."""

    services: list[ServiceRecord] = field(default_factory=list)
    channels: list[ChannelRecord] = field(default_factory=list)
    organisations: list[OrganisationRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # one per dropped link, naming the record

    def extend(self, other: "Batch") -> None:
        self.services.extend(other.services)
        self.channels.extend(other.channels)
        self.organisations.extend(other.organisations)
        self.warnings.extend(other.warnings)

    def __len__(self) -> int:
        return len(self.services) + len(self.channels) + len(self.organisations)


R = TypeVar("R", bound=Record)


def _dedupe(records: Iterable[R]) -> list[R]:
    """Last record of an id wins, so a file that lists a service twice imports it once."""
    by_id: dict[str, R] = {}
    for rec in records:
        by_id[rec.id] = rec  # type: ignore[attr-defined]
    return list(by_id.values())


def _upsert(session: Session, table: type, records: Sequence[Record], kind: str, counts: ImportCounts) -> None:
    if not records:
        return
    ids = [r.id for r in records]  # type: ignore[attr-defined]
    existing: dict[str, object] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for row in session.scalars(select(table).where(table.id.in_(chunk))):  # type: ignore[attr-defined]
            existing[row.id] = row
    now = utcnow()
    for rec in records:
        digest = rec.content_hash()
        data = rec.model_dump(mode="json")
        row = existing.get(rec.id)  # type: ignore[attr-defined]
        extra = _scalar_columns(table, rec)
        if row is None:
            session.add(table(id=rec.id, data=data, content_hash=digest, archived=rec.archived,  # type: ignore[attr-defined]
                              created_at=now, updated_at=now, **extra))
            counts.add(kind, "archived" if rec.archived else "new")  # type: ignore[attr-defined]
        elif row.content_hash == digest:  # type: ignore[attr-defined]
            counts.add(kind, "unchanged")
        else:
            was_archived = row.archived  # type: ignore[attr-defined]
            row.data = data  # type: ignore[attr-defined]
            row.content_hash = digest  # type: ignore[attr-defined]
            row.archived = rec.archived  # type: ignore[attr-defined]
            row.updated_at = now  # type: ignore[attr-defined]
            for k, v in extra.items():
                setattr(row, k, v)
            counts.add(kind, "archived" if rec.archived and not was_archived else "updated")  # type: ignore[attr-defined]


def _scalar_columns(table: type, rec: Record) -> dict[str, object]:
    if table is Service:
        assert isinstance(rec, ServiceRecord)
        return {"source": rec.source, "area_type": rec.area_type, "modified": rec.modified}
    if table is Channel:
        assert isinstance(rec, ChannelRecord)
        return {"type": rec.type, "modified": rec.modified}
    return {}


def apply_batch(session: Session, batch: Batch) -> ImportCounts:
    """Upsert a parsed batch. Unchanged records are left alone (same content hash)."""
    counts = ImportCounts()
    _upsert(session, Organisation, _dedupe(batch.organisations), "organisations", counts)
    _upsert(session, Channel, _dedupe(batch.channels), "channels", counts)
    _upsert(session, Service, _dedupe(batch.services), "services", counts)
    session.flush()
    return counts


def archive_ids(session: Session, table: type, ids: Iterable[str], counts: ImportCounts, kind: str) -> None:
    """Mark records archived (PTV Archived/Withdrawn). Rows are never deleted."""
    now = utcnow()
    id_list = list(ids)
    for i in range(0, len(id_list), 500):
        for row in session.scalars(select(table).where(table.id.in_(id_list[i : i + 500]))):  # type: ignore[attr-defined]
            if not row.archived:
                row.archived = True
                row.data = {**row.data, "archived": True}
                row.content_hash = type(row.record())(**row.data).content_hash()
                row.updated_at = now
                counts.add(kind, "archived")


def record_run(session: Session, *, source: str, kind: str, counts: ImportCounts, started_at: object,
               since: object = None, detail: str | None = None) -> ImportRun:
    run = ImportRun(source=source[:200], kind=kind, started_at=started_at, finished_at=utcnow(), since=since,
                    new=counts.new, updated=counts.updated, unchanged=counts.unchanged,
                    archived=counts.archived, detail=detail)
    session.add(run)
    session.flush()
    return run


def last_run(session: Session, kind: str | None = None) -> ImportRun | None:
    stmt = select(ImportRun).order_by(ImportRun.id.desc()).limit(1)
    if kind:
        stmt = stmt.where(ImportRun.kind == kind)
    return session.scalars(stmt).first()


def any_import_made(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(ImportRun)) > 0


def get_service(session: Session, service_id: str, *, include_archived: bool = False) -> ServiceRecord | None:
    row = session.get(Service, service_id)
    if row is None or (row.archived and not include_archived):
        return None
    return row.record()


def list_services(session: Session, *, include_archived: bool = False) -> list[ServiceRecord]:
    stmt = select(Service).order_by(Service.id)
    if not include_archived:
        stmt = stmt.where(Service.archived.is_(False))
    return [row.record() for row in session.scalars(stmt)]


def get_channels(session: Session, ids: Sequence[str], *, include_archived: bool = False) -> dict[str, ChannelRecord]:
    out: dict[str, ChannelRecord] = {}
    id_list = list(dict.fromkeys(ids))
    for i in range(0, len(id_list), 500):
        stmt = select(Channel).where(Channel.id.in_(id_list[i : i + 500]))
        if not include_archived:
            stmt = stmt.where(Channel.archived.is_(False))
        for row in session.scalars(stmt):
            out[row.id] = row.record()
    return out


def list_channels(session: Session, *, include_archived: bool = False) -> list[ChannelRecord]:
    stmt = select(Channel).order_by(Channel.id)
    if not include_archived:
        stmt = stmt.where(Channel.archived.is_(False))
    return [row.record() for row in session.scalars(stmt)]


def service_ids(session: Session) -> list[str]:
    """The ids of every service served (not archived), in order."""
    return list(session.scalars(select(Service.id).where(Service.archived.is_(False)).order_by(Service.id)))


def count_services(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Service).where(Service.archived.is_(False))) or 0


@dataclass
class CatalogueStats:
    services: int
    archived_services: int
    channels: int
    organisations: int
    by_language: dict[str, int]
    by_area: dict[str, int]
    by_channel_type: dict[str, int]


def stats(session: Session) -> CatalogueStats:
    services = list_services(session)
    by_language: Counter[str] = Counter()
    by_area: Counter[str] = Counter()
    for s in services:
        langs = set(s.languages) | {k for k, v in s.names.items() if v}
        for lang in sorted(langs):
            by_language[lang] += 1
        if s.is_national:
            by_area["national"] += 1
        for code in s.municipality_codes:
            by_area[code] += 1
    archived = session.scalar(select(func.count()).select_from(Service).where(Service.archived.is_(True))) or 0
    ch_types = Counter(
        t for (t,) in session.execute(select(Channel.type).where(Channel.archived.is_(False)))
    )
    orgs = session.scalar(select(func.count()).select_from(Organisation)) or 0
    return CatalogueStats(
        services=len(services),
        archived_services=archived,
        channels=sum(ch_types.values()),
        organisations=orgs,
        by_language=dict(by_language.most_common()),
        by_area=dict(by_area.most_common()),
        by_channel_type=dict(ch_types.most_common()),
    )


def page_services(session: Session, *, limit: int, offset: int = 0) -> tuple[int, list[ServiceRecord]]:
    """One page of live services ordered by id, and the total count (for the read-only catalogue API)."""
    stmt = select(Service).where(Service.archived.is_(False)).order_by(Service.id).limit(limit).offset(offset)
    return count_services(session), [row.record() for row in session.scalars(stmt)]
