"""The request-path shortcuts must not change answers: records come from the live snapshot and follow
catalogue updates and archiving (through the catalogue version), a response needs no query per id, and
the SQLite write lock really lets one writer in at a time."""

from __future__ import annotations

import threading
import time

from sqlalchemy import event

from auroranet.catalogue import service as catalogue
from auroranet.catalogue.flows import write_batch
from auroranet.catalogue.models import CHANNEL_TYPES
from auroranet.usecases.records import records_for
from tests.network.conftest import make_client, register

V1 = "/service-recommender/v1"
BACKGROUND_THREADS = ("live-", "aurora-jobs")


def _first_service_id(runtime) -> str:  # noqa: ANN001
    with runtime.db.session() as s:
        return next(r.id for r in catalogue.list_services(s) if r.channel_ids)


def _store_channels(runtime, channel_ids: list[str]) -> dict:  # noqa: ANN001
    with runtime.db.session() as s:
        return catalogue.get_channels(s, channel_ids)


def test_record_snapshot_follows_updates_and_archiving(any_rt):
    sid = _first_service_id(any_rt)
    services, channels = records_for(any_rt, [sid])
    before = services[sid]
    in_store = _store_channels(any_rt, before.channel_ids)
    assert in_store, "the demo service has channels"
    assert set(channels) == set(in_store)  # every non-archived channel of the service, nothing else
    updated = before.model_copy(deep=True)
    updated.names = {**updated.names, "fi": "Uusi nimi välimuistitestiin"}
    write_batch(any_rt.db, catalogue.Batch(services=[updated]), source="test", kind="file")
    assert any_rt.snapshots.check()  # the write bumped the catalogue version: the poller rebuilds
    services, _ = records_for(any_rt, [sid])
    assert services[sid].names["fi"] == "Uusi nimi välimuistitestiin"
    write_batch(any_rt.db, catalogue.Batch(), source="test", kind="file", archive={"services": [sid]})
    assert any_rt.snapshots.check()
    services, _ = records_for(any_rt, [sid])
    assert sid not in services
    assert not any_rt.snapshots.check()  # nothing changed since: no rebuild


def test_recommend_service_needs_no_query_per_id(any_rt):
    """One recommend_service call, after a warm-up: every channel of every returned service is in the
    answer (in service order) and the database sees only the caller's credential check (one SELECT of
    its clients row by primary key on the dedicated connection of network/client_rows.py, so a rotated or
    removed secret fails at once in every process) and the log write: no SELECT of services or channels
    (records come from the snapshot, receivers from the directory cache)."""
    from auroranet.network.client_rows import ClientRows

    rt = any_rt
    creds = register(rt, "Kutsuja")
    body = {"life_situation_meters": {"housing": [1], "finance": [3]}, "limit": 10}
    statements: list[str] = []
    row_reads: list[str] = []
    real_read = ClientRows.read

    def read(self, client_id):  # noqa: ANN001, ANN202
        row_reads.append(self._sql)  # noqa: SLF001
        return real_read(self, client_id)

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        # the app's background threads (catalogue poller "live-*", job runner "aurora-jobs") are not the request
        if not threading.current_thread().name.startswith(BACKGROUND_THREADS):
            statements.append(statement)

    with make_client(rt) as http:
        assert http.post(f"{V1}/recommend_service", json=body, headers=creds.headers).status_code == 200  # warm-up
        event.listen(rt.db.engine, "before_cursor_execute", count)
        ClientRows.read = read  # type: ignore[method-assign]
        try:
            r = http.post(f"{V1}/recommend_service", json=body, headers=creds.headers)
        finally:
            ClientRows.read = real_read  # type: ignore[method-assign]
            event.remove(rt.db.engine, "before_cursor_execute", count)
    assert r.status_code == 200, r.text
    services = r.json()["recommended_services"]
    assert len(services) == 10
    with rt.db.session() as s:
        for svc in services:
            rec = catalogue.get_service(s, svc["service_id"])
            chans = catalogue.get_channels(s, rec.channel_ids)
            expected = [c for c in rec.channel_ids if c in chans and chans[c].type in CHANNEL_TYPES]
            assert [c["service_channel_id"] for c in svc["service_channels"]] == expected
    sql = [st.strip().split()[0].upper() for st in statements]
    reads = [st for st in statements if st.lstrip().upper().startswith("SELECT")]
    assert reads == [], reads
    assert len(row_reads) == 1 and "FROM clients WHERE id =" in row_reads[0], row_reads
    assert sql.count("INSERT") >= 2  # the recommendation row, its needs and its services
    assert len(statements) <= 6, statements


def test_sqlite_write_lock_admits_one_writer_at_a_time(rt):
    lock = rt.writes  # one per runtime, used by every use case that writes
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
