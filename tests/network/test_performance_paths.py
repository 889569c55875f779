"""The request-path shortcuts must not change answers: cached records follow catalogue updates and
archiving, and the SQLite write lock really lets one writer in at a time."""

from __future__ import annotations

import threading
import time

from auroranet.catalogue import service as catalogue
from auroranet.catalogue.models import Service
from auroranet.network import service


def _first_service_id(runtime) -> str:  # noqa: ANN001
    with runtime.db.session() as s:
        return next(r.id for r in catalogue.list_services(s))


def test_record_cache_follows_updates_and_archiving(any_rt):
    sid = _first_service_id(any_rt)
    services, channels = service.load_records(any_rt, [sid], mock=False)
    before = services[sid]
    assert all(cid in channels for cid in before.channel_ids if cid in channels)
    updated = before.model_copy(deep=True)
    updated.names = {**updated.names, "fi": "Uusi nimi välimuistitestiin"}
    with any_rt.db.session() as s:
        catalogue.apply_batch(s, catalogue.Batch(services=[updated]))
    services, _ = service.load_records(any_rt, [sid], mock=False)
    assert services[sid].names["fi"] == "Uusi nimi välimuistitestiin"
    with any_rt.db.session() as s:
        catalogue.archive_ids(s, Service, [sid], catalogue.ImportCounts(), "services")
    services, _ = service.load_records(any_rt, [sid], mock=False)
    assert sid not in services


def test_sqlite_write_lock_admits_one_writer_at_a_time(rt):
    lock = service._write_lock(rt)
    assert lock is service._write_lock(rt)  # one per runtime
    inside, most = 0, 0
    guard = threading.Lock()

    def writer() -> None:
        nonlocal inside, most
        for _ in range(20):
            with lock:
                with guard:
                    inside += 1
                    most = max(most, inside)
                time.sleep(0.0005)
                with guard:
                    inside -= 1

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most == 1
