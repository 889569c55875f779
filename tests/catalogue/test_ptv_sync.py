"""PTV sync against a fake PTV (httpx.MockTransport): paging, chunking, incremental runs, archiving,
retries and aborts that leave the store unchanged. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from auroranet.catalogue import service
from auroranet.catalogue.ptv.client import MAX_GUIDS, PtvClient
from auroranet.catalogue.ptv.sync import sync_ptv
from auroranet.config import Settings
from auroranet.db.core import Database
from auroranet.errors import InputError, SourceError
from tests.fakes.fake_ptv import FakePtv, fake_id

BASE = "http://ptv.test"


def client_for(fake: FakePtv, retries: int = 2) -> PtvClient:
    return PtvClient(BASE, transport=fake.transport(), retries=retries, backoff=0, sleep=lambda _s: None)


def run(db: Database, settings: Settings, fake: FakePtv, **kwargs: object):  # type: ignore[no-untyped-def]
    retries = kwargs.pop("retries", 2)
    return sync_ptv(settings, db, base_url=BASE, client=client_for(fake, retries), **kwargs)  # type: ignore[arg-type]


def snapshot(db: Database) -> tuple[list[tuple[str, str, bool]], int]:
    from sqlalchemy import select

    from auroranet.catalogue.models import Channel, ImportRun, Service

    with db.session() as s:
        rows = [(r.id, r.content_hash, r.archived) for r in s.scalars(select(Service).order_by(Service.id))]
        rows += [(r.id, r.content_hash, r.archived) for r in s.scalars(select(Channel).order_by(Channel.id))]
        runs = len(list(s.scalars(select(ImportRun))))
    return rows, runs


@pytest.fixture
def fake(shared_data: Path) -> FakePtv:
    return FakePtv.from_samples(shared_data, services=45, channels=10, page_size=10)


@pytest.fixture
def big_fake(shared_data: Path) -> FakePtv:
    """More than 99 services, so detail lists need several chunks."""
    return FakePtv.from_samples(shared_data, services=130, channels=25, page_size=30)


def test_full_sync_pages_and_chunks(db: Database, settings: Settings, big_fake: FakePtv) -> None:
    fake = big_fake
    result = run(db, settings, fake)
    assert result.counts.by_kind["services"]["new"] == 130
    assert result.counts.by_kind["channels"]["new"] == 25
    pages = [p["page"] for path, p in fake.requests if path == "/api/v11/Service" and p.get("status") == "Published"]
    assert pages == [str(i) for i in range(1, 6)]  # 130 ids at 30 a page
    calls = fake.detail_calls("Service")
    assert len(calls) == 2 and all(len(c) <= MAX_GUIDS for c in calls)
    assert sorted(g for c in calls for g in c) == sorted(fake.services)
    assert all("date" not in p for _path, p in fake.requests)  # first run is a full run
    with db.session() as s:
        rec = service.get_service(s, fake_id("service", 1))
        assert rec is not None and rec.names["fi"].endswith(" 1")
        assert len(rec.channel_ids) == 2
        assert service.count_services(s) == 130


def test_incremental_sync_passes_date_and_updates_only_changes(db: Database, settings: Settings,
                                                                fake: FakePtv) -> None:
    first = run(db, settings, fake)
    with db.session() as s:
        last = service.last_run(s, "ptv")
        assert last is not None
        started = last.started_at if last.started_at.tzinfo else last.started_at.replace(tzinfo=timezone.utc)
    later = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(hours=1)
    changed = fake_id("service", 7)
    fake.touch("Service", changed, later, fundingType="MarketFunded")
    fake.requests.clear()
    second = run(db, settings, fake)
    dates = {p.get("date") for path, p in fake.requests if path in ("/api/v11/Service", "/api/v11/ServiceChannel")}
    assert dates == {started.strftime("%Y-%m-%dT%H:%M:%S")}
    assert second.since is not None and first.since is None
    assert (second.counts.new, second.counts.updated, second.counts.archived) == (0, 1, 0)
    assert fake.detail_calls("Service") == [[changed]]
    with db.session() as s:
        rec = service.get_service(s, changed)
        assert rec is not None and rec.funding_type == "MarketFunded"


def test_explicit_since_and_full(db: Database, settings: Settings, fake: FakePtv) -> None:
    run(db, settings, fake)
    fake.requests.clear()
    run(db, settings, fake, since="2024-01-01T12:30:00")
    calls = fake.detail_calls("Service")
    assert {p["date"] for path, p in fake.requests if path == "/api/v11/Service"} == {"2024-01-01T12:30:00"}
    assert sum(len(c) for c in calls) == 45 - 30  # modified at 12:00 + i minutes
    fake.requests.clear()
    again = run(db, settings, fake, full=True)
    assert all("date" not in p for _path, p in fake.requests)
    assert (again.counts.new, again.counts.updated) == (0, 0) and again.counts.unchanged >= 45 + 10
    with pytest.raises(InputError, match="--since"):
        run(db, settings, fake, since="yesterday")


def test_archived_items_are_marked_not_deleted(db: Database, settings: Settings, fake: FakePtv) -> None:
    run(db, settings, fake)
    gone, withdrawn, channel = fake_id("service", 3), fake_id("service", 4), fake_id("channel", 2)
    later = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(hours=1)
    fake.touch("Service", gone, later, publishingStatus="Archived")
    fake.touch("Service", withdrawn, later, publishingStatus="Withdrawn")
    fake.touch("ServiceChannel", channel, later, publishingStatus="Archived")
    result = run(db, settings, fake)
    assert result.counts.by_kind["services"]["archived"] == 2
    assert result.counts.by_kind["channels"]["archived"] == 1
    with db.session() as s:
        listed = {r.id for r in service.list_services(s)}
        assert gone not in listed and withdrawn not in listed and len(listed) == 43
        kept = service.get_service(s, gone, include_archived=True)
        assert kept is not None and kept.archived and kept.names  # still stored, with its content
        assert service.get_service(s, gone) is None
        assert channel not in service.get_channels(s, [channel])
        assert channel in service.get_channels(s, [channel], include_archived=True)


def test_resync_changes_nothing(db: Database, settings: Settings, fake: FakePtv) -> None:
    run(db, settings, fake)
    before, _ = snapshot(db)
    again = run(db, settings, fake, full=True)
    assert (again.counts.new, again.counts.updated, again.counts.archived) == (0, 0, 0)
    assert again.counts.unchanged >= 45 + 10
    assert snapshot(db)[0] == before


def test_transient_failure_is_retried(db: Database, settings: Settings, fake: FakePtv) -> None:
    fake.fail(lambda path, p: path == "/api/v11/Service" and p.get("page") == "3", "500", times=1)
    fake.fail(lambda path, p: path == "/api/v11/ServiceChannel/list", "timeout", times=1)
    result = run(db, settings, fake)
    assert result.counts.by_kind["services"]["new"] == 45
    assert result.counts.by_kind["channels"]["new"] == 10
    page3 = [p for path, p in fake.requests if path == "/api/v11/Service" and p.get("page") == "3"
             and p.get("status") == "Published"]
    assert len(page3) == 2


@pytest.mark.parametrize("kind", ["500", "timeout"])
def test_persistent_failure_aborts_and_store_unchanged(db: Database, settings: Settings, fake: FakePtv,
                                                       kind: str) -> None:
    run(db, settings, fake)
    before = snapshot(db)
    later = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(hours=1)
    fake.touch("Service", fake_id("service", 5), later, fundingType="MarketFunded")
    fake.touch("Service", fake_id("service", 6), later, publishingStatus="Archived")
    fake.fail(lambda path, p: path == "/api/v11/ServiceChannel" and p.get("status") == "Withdrawn", kind, times=None)
    with pytest.raises(SourceError) as err:
        run(db, settings, fake, retries=2)
    assert "/api/v11/ServiceChannel" in str(err.value) and "3 attempts" in str(err.value)
    assert snapshot(db) == before


def test_wrong_id_set_aborts(db: Database, settings: Settings, fake: FakePtv) -> None:
    fake.fail(lambda path, p: path == "/api/v11/Service/list", "wrong_ids", times=1)
    with pytest.raises(SourceError, match="different id set"):
        run(db, settings, fake)
    assert snapshot(db) == ([], 0)


def test_duplicate_id_across_pages_aborts(db: Database, settings: Settings, fake: FakePtv) -> None:
    original = fake._page

    def dup_page(items, params):  # type: ignore[no-untyped-def]
        body = original(items, params)
        if params.get("page") == "2" and body["itemList"]:
            body["itemList"][0] = original(items, {**params, "page": "1"})["itemList"][0]
        return body

    fake._page = dup_page  # type: ignore[method-assign]
    with pytest.raises(SourceError, match="twice"):
        run(db, settings, fake)
    assert snapshot(db) == ([], 0)


def test_nameless_items_are_skipped(sqlite_db: Database, settings: Settings, fake: FakePtv) -> None:
    nameless = fake_id("service", 9)
    for n in fake.services[nameless]["serviceNames"]:
        n["value"] = None
    result = run(sqlite_db, settings, fake)
    assert result.counts.by_kind["services"]["new"] == 44
    assert all(nameless not in c for c in fake.detail_calls("Service"))


def test_municipality_filter_keeps_local_and_national(sqlite_db: Database, settings: Settings,
                                                      fake: FakePtv) -> None:
    run(sqlite_db, settings, fake, municipalities=["426"])
    with sqlite_db.session() as s:
        kept = service.list_services(s)
    assert kept and all(r.is_national or "426" in r.municipality_codes for r in kept)
    assert {r.is_national for r in kept} == {True, False}
    with pytest.raises(InputError, match="municipality"):
        run(sqlite_db, settings, fake, municipalities=["12"])


def test_incremental_sync_refuses_to_archive_most_of_the_catalogue(sqlite_db: Database, settings: Settings,
                                                                   fake: FakePtv) -> None:
    run(sqlite_db, settings, fake)
    later = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(hours=1)
    for i in range(20):
        fake.touch("Service", fake_id("service", i), later, publishingStatus="Withdrawn")
    before = snapshot(sqlite_db)
    with pytest.raises(SourceError, match="refusing"):
        run(sqlite_db, settings, fake)
    assert snapshot(sqlite_db) == before
    result = run(sqlite_db, settings, fake, full=True)
    assert result.counts.by_kind["services"]["archived"] == 20
