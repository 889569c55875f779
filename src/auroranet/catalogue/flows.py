"""Import runs: parse everything first, then write it in one transaction, then embed what changed.

A run that fails while parsing or writing leaves the previous catalogue intact: nothing is written
until every input has parsed, and the write is a single transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from auroranet.catalogue import reference
from auroranet.catalogue import service as catalogue_service
from auroranet.catalogue.importers import expand_paths, parse_path
from auroranet.catalogue.service import Batch, ImportCounts
from auroranet.catalogue.version import bump
from auroranet.db.core import Database, utcnow

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class ImportResult:
    counts: ImportCounts
    files: int
    run_id: int
    warnings: list[str] = field(default_factory=list)  # dropped unsafe links, each naming its record


def parse_files(db: Database, paths: list[Path], progress: Progress | None = None) -> Batch:
    files = expand_paths(paths)
    with db.session() as s:
        known = reference.known_municipalities(s)
    batch = Batch()
    for i, f in enumerate(files, start=1):
        batch.extend(parse_path(f, known_municipalities=known))
        if progress:
            progress("parse", i, len(files))
    return batch


def write_batch(db: Database, batch: Batch, *, source: str, kind: str, started_at: object | None = None,
                since: object | None = None, archive: dict[str, list[str]] | None = None) -> tuple[ImportCounts, int]:
    """Write a parsed batch (and optional archive lists) in one transaction and record the run.

    When anything was new, updated or archived, the catalogue version is bumped in the same transaction
    (file imports, the demo and PTV syncs all come through here), so serving processes rebuild."""
    from auroranet.catalogue.models import Channel, Service

    started = started_at or utcnow()
    with db.session() as s:
        counts = catalogue_service.apply_batch(s, batch)
        counts.dropped_links = len(batch.warnings)
        if archive:
            catalogue_service.archive_ids(s, Service, archive.get("services", []), counts, "services")
            catalogue_service.archive_ids(s, Channel, archive.get("channels", []), counts, "channels")
        detail = "\n".join(batch.warnings[:100]) or None  # each names its record; the count is in the summary
        run = catalogue_service.record_run(s, source=source, kind=kind, counts=counts, started_at=started, since=since,
                                           detail=detail)
        run_id = run.id
        if counts.changed:  # an unchanged re-import must not make every server rebuild its index
            bump(s, what=f"catalogue {kind}")
    log.info("import written", extra={"source_kind": kind, "new": counts.new, "updated": counts.updated,
                                       "unchanged": counts.unchanged, "archived": counts.archived,
                                       "dropped_links": counts.dropped_links})
    return counts, run_id


def import_files(db: Database, paths: list[Path], progress: Progress | None = None, kind: str = "file") -> ImportResult:
    started = utcnow()
    files = expand_paths(paths)
    batch = parse_files(db, files, progress)
    counts, run_id = write_batch(db, batch, source=",".join(str(p) for p in paths), kind=kind, started_at=started)
    return ImportResult(counts=counts, files=len(files), run_id=run_id, warnings=batch.warnings)
