"""The write-behind usage log (usage/behind.py) on SQLite and PostgreSQL: events land in batches with
reserved ids, shutdown writes what is buffered, feedback and clicks on a buffered recommendation work, a
failing write is retried without crashing, a full buffer is written by the request itself."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from auroranet.db.core import Database
from auroranet.db.writelock import WriteLock
from auroranet.engine.contract import Hit
from auroranet.usage import behind
from auroranet.usage import service as usage
from auroranet.usage.behind import ShownLog
from auroranet.usage.models import Recommendation, RecommendationNeed, RecommendationService

EVENT = usage.Shown(kind="recommend", front="api_v1", path="/x", lang="fi", client_id=None,
                    needs={"housing": 0.8})
HITS = [Hit("s1", 0.9, 1), Hit("s2", 0.5, 2)]


def _count(db: Database, rid: int | None = None) -> int:
    stmt = select(func.count()).select_from(Recommendation)
    if rid is not None:
        stmt = stmt.where(Recommendation.id == rid)
    with db.session() as s:
        return int(s.scalar(stmt) or 0)


def _log(db: Database, **kw: int) -> ShownLog:
    return ShownLog(db, WriteLock(db), **{"flush_ms": 60_000, "batch": 200, "max_buffer": 5000, **kw})


def test_events_land_in_one_batch_with_their_reserved_ids(db: Database) -> None:
    with db.session() as s:  # a row written before, the usual way: reserved ids start above it
        before = usage.record_shown(s, EVENT, HITS)
    log = _log(db)
    ids = [log.record(EVENT, HITS) for _ in range(5)]
    assert len(set(ids)) == 5 and min(ids) > before
    assert _count(db) == 1 and all(log.pending(i) for i in ids)  # buffered, not written yet
    log.flush()
    assert _count(db) == 6 and not any(log.pending(i) for i in ids)
    with db.session() as s:
        shown = s.scalars(select(RecommendationService.service_id).where(
            RecommendationService.recommendation_id == ids[0]).order_by(RecommendationService.rank)).all()
        needs = s.scalars(select(RecommendationNeed.meter).where(RecommendationNeed.recommendation_id == ids[0])).all()
    assert list(shown) == ["s1", "s2"] and list(needs) == ["housing"]
    log.close()


def test_two_processes_and_synchronous_rows_never_share_an_id(db: Database) -> None:
    a, b = _log(db), _log(db)  # two serve workers: each reserves its own blocks
    ids = [a.record(EVENT, HITS), b.record(EVENT, HITS), a.record(EVENT, HITS)]
    with db.session() as s:  # a row written synchronously while write-behind is on takes a reserved id too
        ids.append(usage.record_shown(s, EVENT, HITS, a.allocate()))
    a.flush()
    b.flush()
    assert len(set(ids)) == 4 and _count(db) == 4


def test_the_thread_writes_within_the_interval(db: Database) -> None:
    log = _log(db, flush_ms=50)
    rid = log.record(EVENT, HITS)
    deadline = time.monotonic() + 10
    while _count(db, rid) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _count(db, rid) == 1 and log.written == 1
    log.close()


def test_close_writes_what_is_buffered(db: Database) -> None:
    log = _log(db)
    ids = [log.record(EVENT, HITS) for _ in range(3)]
    assert _count(db) == 0
    log.close()
    assert _count(db) == 3 and {i for i in ids if _count(db, i)} == set(ids)


def test_a_full_buffer_is_written_by_the_request(db: Database) -> None:
    log = _log(db, batch=200, max_buffer=3)
    for _ in range(2):
        log.record(EVENT, HITS)
    assert _count(db) == 0
    log.record(EVENT, HITS)  # the third: the buffer is full, written at once in this thread
    assert _count(db) == 3
    log.close()


def test_a_failing_write_is_retried_and_does_not_crash(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    real = behind.write_rows
    fails = {"left": 2}

    def flaky(conn, batch, **kw):  # type: ignore[no-untyped-def]
        if fails["left"] > 0:
            fails["left"] -= 1
            raise RuntimeError("database went away")
        return real(conn, batch, **kw)

    monkeypatch.setattr(behind, "write_rows", flaky)
    log = _log(db, flush_ms=30)
    rid = log.record(EVENT, HITS)
    deadline = time.monotonic() + 10
    while _count(db, rid) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _count(db, rid) == 1 and log.failures == 2 and log.lost == 0
    assert log._thread is not None and log._thread.is_alive()
    log._stop.set()  # the thread stopped, so the next failure is this test's to see
    log._wake.set()
    log._thread.join(5)
    fails["left"] = 1
    rid2 = log.record(EVENT, HITS)
    with pytest.raises(RuntimeError):  # an explicit flush reports the failure; the event stays buffered
        log.flush()
    assert log.pending(rid2)
    log.flush()
    assert _count(db, rid2) == 1


def test_a_row_that_never_writes_is_counted_not_looped_on(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    real = behind.write_rows

    def bad_one(conn, batch, **kw):  # type: ignore[no-untyped-def]
        if any(r.recommendation["request_path"] == "/bad" for _, r in batch):
            raise ValueError("bad row")
        return real(conn, batch, **kw)

    monkeypatch.setattr(behind, "write_rows", bad_one)
    log = _log(db)
    good = log.record(EVENT, HITS)
    bad = log.record(usage.Shown(kind="search", front="api_v1", path="/bad"), HITS)
    for _ in range(behind.MAX_TRIES - 1):
        with pytest.raises(ValueError):
            log.flush()
    log.flush()  # the last try: one by one
    assert _count(db, good) == 1 and _count(db, bad) == 0 and log.lost == 1 and not log.pending(bad)


def test_a_row_written_elsewhere_never_takes_a_buffered_id(sqlite_db: Database) -> None:
    """SQLite: a process without write-behind (e.g. a CLI command) writing while a server holds reserved
    ids in its buffer takes an id above every reserved block."""
    log = _log(sqlite_db)
    buffered = [log.record(EVENT, HITS) for _ in range(3)]
    with sqlite_db.session() as s:
        other = usage.record_shown(s, EVENT, HITS)  # no reserved id: the database picks one
    assert other > max(buffered)
    log.flush()
    assert _count(sqlite_db) == 4 and log.lost == 0
    more = log.record(EVENT, HITS)  # still in the first block: fine, below the other row but never written
    log.flush()
    assert more not in buffered and more != other and _count(sqlite_db) == 5
