"""Sync the catalogue from the live PTV Open API v11.

Incremental by default: only items changed since ``--since`` or since the start of the last successful
``ptv`` run (a run is recorded in the same transaction as its writes, so every recorded run succeeded).
``--full`` fetches everything. Everything is fetched and mapped FIRST; then one transaction writes the
published items and marks Archived/Withdrawn ones archived (never deleted: people still hold old links).
Any failure before the write leaves the store as it was.

With ``--municipality`` only services offered in those municipalities (and nationwide services, which
are offered everywhere) are kept, with the channels they use.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Callable

import httpx
from sqlalchemy import func, select

from auroranet.catalogue import reference
from auroranet.catalogue import service as catalogue_service
from auroranet.catalogue.flows import write_batch
from auroranet.catalogue.models import Service
from auroranet.catalogue.ptv import mapping
from auroranet.catalogue.ptv.client import PtvClient
from auroranet.catalogue.service import Batch, ImportCounts
from auroranet.config import Settings
from auroranet.db.core import Database, as_utc, utcnow
from auroranet.errors import ImportFormatError, InputError, SourceError

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
GONE_STATUSES = ("Archived", "Withdrawn")
MAX_ARCHIVE_SHARE = 0.4  # an incremental sync that would archive more than this is refused


@dataclass
class SyncResult:
    counts: ImportCounts
    run_id: int
    since: datetime | None
    fetched: dict[str, int] = field(default_factory=dict)


def parse_since(value: str) -> datetime:
    """``2024-05-01`` or ``2024-05-01T12:00:00`` (UTC unless a zone is given)."""
    text = value.strip()
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            d = date.fromisoformat(text)
        except ValueError:
            raise InputError(f"--since: not an ISO date or date-time: {value!r}") from None
        dt = datetime(d.year, d.month, d.day)
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def _check_codes(codes: list[str]) -> list[str]:
    for c in codes:
        if not re.fullmatch(r"\d{3}", c):
            raise InputError(f"--municipality: invalid municipality code {c!r} (expected three digits)")
    return sorted(set(codes))


def sync_ptv(settings: Settings, db: Database, *, municipalities: list[str] | None = None, since: str | None = None, full: bool = False,
             base_url: str | None = None, progress: Progress | None = None,
             transport: httpx.BaseTransport | None = None, client: PtvClient | None = None) -> SyncResult:
    """Fetch from PTV and write in one transaction."""
    codes = _check_codes(list(municipalities or []))
    started = utcnow()
    with db.session() as s:
        known = reference.known_municipalities(s)
        unknown = [c for c in codes if known is not None and c not in known]
        if unknown:
            raise InputError(f"--municipality: unknown municipality code {unknown[0]!r}")
        previous = catalogue_service.last_run(s, "ptv")
        previous_start = as_utc(previous.started_at) if previous else None
    since_dt = None if full else (parse_since(since) if since else previous_start)
    url = (base_url or settings.ptv_base_url).rstrip("/")
    own_client = client is None
    ptv = client or PtvClient(url, transport=transport, timeout=settings.ptv_timeout_seconds,
                              retries=settings.ptv_retries)
    try:
        batch, archive, fetched = _fetch(ptv, db, since_dt, codes, progress)
    except ImportFormatError as exc:  # a record PTV sent that we cannot store (no usable id or type)
        raise SourceError(f"PTV sent an unusable record: {exc}") from None
    finally:
        if own_client:
            ptv.close()
    if since_dt is not None:
        _refuse_mass_archive(db, archive["services"])
    counts, run_id = write_batch(db, batch, source=f"ptv {url}", kind="ptv", started_at=started, since=since_dt,
                                 archive=archive)
    log.info("ptv sync done", extra={"incremental": since_dt is not None, **fetched})
    return SyncResult(counts=counts, run_id=run_id, since=since_dt, fetched=fetched)


def _fetch(ptv: PtvClient, db: Any, since: datetime | None, codes: list[str],
           progress: Progress | None) -> tuple[Batch, dict[str, list[str]], dict[str, int]]:
    def stage(name: str) -> Callable[[int, int], None] | None:
        return (lambda done, total: progress(name, done, total)) if progress else None

    service_ids = ptv.list_ids("Service", since=since, status="Published", progress=stage("PTV service ids"))
    channel_ids = ptv.list_ids("ServiceChannel", since=since, status="Published",
                               progress=stage("PTV channel ids"))
    gone: dict[str, set[str]] = {"services": set(), "channels": set()}
    for status in GONE_STATUSES:
        gone["services"].update(ptv.list_ids("Service", since=since, status=status))
        gone["channels"].update(ptv.list_ids("ServiceChannel", since=since, status=status))

    services = [mapping.service_from_ptv(o, where=f"PTV Service {o.get('id')}")
                for o in ptv.fetch_details("Service", service_ids, progress=stage("PTV services"))]
    if codes:
        wanted = set(codes)
        services = [r for r in services if r.is_national or wanted & set(r.municipality_codes)]
        used = {cid for r in services for cid in r.channel_ids}
        with db.session() as s:
            stored = set(catalogue_service.get_channels(s, sorted(used), include_archived=True))
        channel_ids = [c for c in channel_ids if c in used] + sorted(used - stored - set(channel_ids))
        # Only archive what this filtered catalogue holds; other municipalities' items are not ours to touch.
        gone["channels"] &= used | stored
    warnings: list[str] = []
    channels = [mapping.channel_from_ptv(o, where=f"PTV ServiceChannel {o.get('id')}", warnings=warnings)
                for o in ptv.fetch_details("ServiceChannel", channel_ids, progress=stage("PTV channels"))]

    batch = Batch(services=services, channels=channels, warnings=warnings)
    for rec in services:
        batch.organisations.extend(mapping.organisations_from_service(rec))
    published = {"services": {r.id for r in services}, "channels": {c.id for c in channels}}
    archive = {k: sorted(v - published[k]) for k, v in gone.items()}
    fetched = {"services": len(services), "channels": len(channels), "archived_services": len(archive["services"]),
               "archived_channels": len(archive["channels"])}
    return batch, archive, fetched


def _refuse_mass_archive(db: Any, ids: list[str]) -> None:
    """A broken feed must not wipe the catalogue: an incremental run may archive at most 40 %."""
    if not ids:
        return
    with db.session() as s:
        live = catalogue_service.count_services(s)
        hits = _count_live(s, ids)
    if live >= 10 and hits > live * MAX_ARCHIVE_SHARE:
        raise SourceError(f"PTV sync would archive {hits} of {live} services; refusing. "
                          "Check the source, then run with --full to accept.")


def _count_live(session: Any, ids: list[str]) -> int:
    n = 0
    for i in range(0, len(ids), 500):
        n += session.scalar(select(func.count()).select_from(Service).where(
            Service.id.in_(ids[i : i + 500]), Service.archived.is_(False))) or 0
    return n
