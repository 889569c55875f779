"""The runner on both backends: exactly-once claims across threads and "hosts", retries with backoff,
stale runs, manual runs and the background loop."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Callable, Mapping

import pytest

from auroranet.db.core import Database
from auroranet.errors import ConflictError, NotFoundError
from auroranet.jobs import store
from auroranet.jobs.locks import locks_for
from auroranet.jobs.models import JobRun
from auroranet.jobs.runner import DailyAt, Every, JobRunner, JobSpec
from tests.jobs.helpers import T0, FakeClock, second_host

ROOT = Path(__file__).resolve().parents[2]


class Counter:
    """A job function that counts its calls (thread-safe) and can be slow."""

    def __init__(self, sleep: float = 0.0) -> None:
        self.calls = 0
        self.sleep = sleep
        self._lock = threading.Lock()

    def __call__(self) -> Mapping[str, int]:
        with self._lock:
            self.calls += 1
            n = self.calls
        time.sleep(self.sleep)
        return {"processed": 7, "call": n}


def spec(name: str, fn: Callable[[], Mapping[str, int]], **kw: object) -> JobSpec:
    return JobSpec(name=name, description="test job", schedule=kw.pop("schedule", DailyAt(2, 0)),  # type: ignore[arg-type]
                   fn=fn, **kw)  # type: ignore[arg-type]


def all_rows(db: Database) -> list[JobRun]:
    from sqlalchemy import select

    with db.session() as s:
        return list(s.scalars(select(JobRun).order_by(JobRun.id)))


def tick_together(runners: list[JobRunner], threads_each: int) -> None:
    jobs = [r for r in runners for _ in range(threads_each)]
    barrier = threading.Barrier(len(jobs))

    def go(r: JobRunner) -> None:
        barrier.wait()
        r.tick(T0)

    ts = [threading.Thread(target=go, args=(r,)) for r in jobs]
    for t in ts:
        t.start()
    for t in ts:
        t.join(30)


def test_threads_claim_a_slot_once(db: Database) -> None:
    fn = Counter(sleep=0.2)
    runner = JobRunner(db, [spec("nightly", fn)], clock=FakeClock())
    tick_together([runner], threads_each=8)
    assert fn.calls == 1
    rows = all_rows(db)
    assert [(r.slot, r.attempt, r.status) for r in rows] == [("2026-03-04T02:00:00Z", 1, "succeeded")]
    assert runner.tick(T0 + timedelta(hours=3)) == []  # same slot later: nothing more
    assert fn.calls == 1


def test_two_hosts_claim_a_slot_once(db: Database) -> None:
    other = second_host(db)
    try:
        fn = Counter(sleep=0.2)
        a = JobRunner(db, [spec("nightly", fn)], clock=FakeClock(), host_id="host-a")
        b = JobRunner(other, [spec("nightly", fn)], clock=FakeClock(), host_id="host-b")
        tick_together([a, b], threads_each=4)
        assert fn.calls == 1
        assert len(all_rows(db)) == 1
    finally:
        other.dispose()


def test_unique_constraint_alone_prevents_a_double_run(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every runner is made to believe the slot is free (as if they all read at once): only the INSERT
    decides, and only one gets through."""
    monkeypatch.setattr(store, "latest_attempt", lambda *a, **k: None)
    other = second_host(db)
    lost: list[int] = []
    real_claim = store.claim

    def counting_claim(*a: object, **k: object) -> int | None:
        got = real_claim(*a, **k)  # type: ignore[arg-type]
        if got is None:
            lost.append(1)
        return got

    monkeypatch.setattr(store, "claim", counting_claim)
    try:
        fn = Counter()
        a = JobRunner(db, [spec("nightly", fn)], clock=FakeClock(), host_id="host-a")
        b = JobRunner(other, [spec("nightly", fn)], clock=FakeClock(), host_id="host-b")
        tick_together([a, b], threads_each=3)
        a.tick(T0)
        b.tick(T0)
        assert fn.calls == 1
        assert len(lost) == 7  # 6 threads + 2 later ticks, minus the winner
        assert len(all_rows(db)) == 1
    finally:
        other.dispose()


def test_a_stale_read_of_a_queued_run_does_not_run_it_again(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Host B read "queued" just before host A started and finished the run; B must not start it again
    (queued -> running is a compare-and-set)."""
    fn = Counter()
    run_id = store.claim(db, "nightly", "2026-03-04T02:00:00Z", 1, now=T0, host="a", pid=1)
    assert run_id is not None
    snapshot = store.get_run(db, run_id)
    a = JobRunner(db, [spec("nightly", fn)], clock=FakeClock(), host_id="host-a")
    assert [r.status for r in a.tick(T0)] == ["succeeded"]
    monkeypatch.setattr(store, "latest_attempt", lambda *args, **kw: snapshot)
    b = JobRunner(db, [spec("nightly", fn)], clock=FakeClock(), host_id="host-b")
    assert b.tick(T0) == []
    assert fn.calls == 1 and store.get_run(db, run_id).host == "host-a"


@pytest.mark.parametrize("blind", [False, True], ids=["normal", "blind"])
def test_separate_processes_claim_a_slot_once(db: Database, tmp_path: Path, blind: bool) -> None:
    """Four interpreters (as four hosts would be) tick the same slot at the same moment."""
    from sqlalchemy import text

    schema = "-"
    if db.dialect == "postgresql":
        with db.engine.connect() as c:
            schema = str(c.execute(text("select current_schema()")).scalar())
    go, out = tmp_path / "go", tmp_path / "out"
    url = db.engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    procs = [subprocess.Popen([sys.executable, str(Path(__file__).with_name("proc_worker.py")), url, schema, str(go),
                               str(out), *(["blind"] if blind else [])], env=env) for _ in range(4)]
    time.sleep(1.5)  # let every interpreter import and wait at the start line
    go.touch()
    assert [p.wait(60) for p in procs] == [0, 0, 0, 0]
    assert len(out.read_text().splitlines()) == 1
    rows = all_rows(db)
    assert len(rows) == 1 and rows[0].status == "succeeded" and rows[0].host.startswith("proc-")


def test_claim_is_exactly_once(db: Database) -> None:
    first = store.claim(db, "j", "s", 1, now=T0, host="a", pid=1)
    assert first is not None
    assert store.claim(db, "j", "s", 1, now=T0, host="b", pid=2) is None
    assert store.claim(db, "j", "s", 2, now=T0, host="b", pid=2) is not None


def test_failures_are_recorded_retried_with_backoff_and_given_up(db: Database) -> None:
    calls: list[int] = []

    def boom() -> Mapping[str, int]:
        calls.append(1)
        raise RuntimeError("upstream said no " + "x" * 500 + "\n[SQL: select secret]")

    clock = FakeClock()
    runner = JobRunner(db, [spec("flaky", boom, max_attempts=3, base_backoff_seconds=60)], clock=clock)
    [run] = runner.tick(clock.now)
    assert (run.attempt, run.status, run.error_type) == (1, "failed", "RuntimeError")
    assert run.error_message is not None and len(run.error_message) == 200 and "SQL" not in run.error_message
    assert runner.tick(clock.advance(59)) == []  # backoff 60 s after attempt 1
    [run] = runner.tick(clock.advance(1))
    assert run.attempt == 2 and run.status == "failed"
    assert runner.tick(clock.advance(119)) == []  # backoff 120 s after attempt 2
    [run] = runner.tick(clock.advance(1))
    assert run.attempt == 3
    assert runner.tick(clock.advance(86_000)) == []  # same slot, out of attempts
    assert len(calls) == 3
    [run] = runner.tick(clock.advance(400))  # the next day's slot starts over
    assert (run.slot, run.attempt) == ("2026-03-05T02:00:00Z", 1)


def test_a_retry_that_succeeds_stops_the_retries(db: Database) -> None:
    outcomes = iter([RuntimeError("once"), None])

    def flaky() -> Mapping[str, int]:
        exc = next(outcomes)
        if exc:
            raise exc
        return {"ok": 1}

    clock = FakeClock()
    runner = JobRunner(db, [spec("flaky", flaky, base_backoff_seconds=10)], clock=clock)
    runner.tick(clock.now)
    [run] = runner.tick(clock.advance(10))
    assert (run.attempt, run.status, run.counts) == (2, "succeeded", {"ok": 1})
    assert runner.tick(clock.advance(3600)) == []


def test_bad_counts_are_a_failure(db: Database) -> None:
    runner = JobRunner(db, [spec("bad", lambda: {"n": "many"})], clock=FakeClock())  # type: ignore[dict-item]
    [run] = runner.tick(T0)
    assert run.status == "failed" and run.error_type == "TypeError"


def _insert_running(db: Database, job: str, slot: str, started_ago: float) -> int:
    with db.session() as s:
        row = JobRun(job=job, slot=slot, attempt=1, status="running", claimed_at=T0, host="dead-host", pid=1,
                     started_at=T0 - timedelta(seconds=started_ago), counts={})
        s.add(row)
        s.flush()
        return row.id


def test_a_stale_running_row_is_retried(db: Database) -> None:
    fn = Counter()
    clock = FakeClock()
    runner = JobRunner(db, [spec("nightly", fn, stale_after_seconds=600, base_backoff_seconds=0)], clock=clock)
    _insert_running(db, "nightly", "2026-03-04T02:00:00Z", started_ago=599)
    assert runner.tick(clock.now) == [] and fn.calls == 0  # not stale yet
    [run] = runner.tick(clock.advance(2))
    assert (run.attempt, run.status) == (2, "succeeded")
    first = all_rows(db)[0]
    assert (first.status, first.error_type) == ("failed", "StaleRun")


def test_a_slow_run_whose_lock_is_held_is_not_retired(db: Database) -> None:
    fn = Counter()
    runner = JobRunner(db, [spec("nightly", fn, stale_after_seconds=600, base_backoff_seconds=0)], clock=FakeClock())
    _insert_running(db, "nightly", "2026-03-04T02:00:00Z", started_ago=5000)
    with locks_for(db).hold("nightly") as held:  # the "slow owner" is alive and holds its lock
        assert held
        assert runner.tick(T0) == []
    assert fn.calls == 0 and all_rows(db)[0].status == "running"
    assert [r.attempt for r in runner.tick(T0)] == [2]  # lock released: now it is presumed dead


def test_run_now_records_a_manual_run(db: Database) -> None:
    runner = JobRunner(db, [spec("nightly", Counter())], clock=FakeClock())
    run = runner.run_now("nightly")
    assert run.manual and run.status == "succeeded" and run.counts == {"processed": 7, "call": 1}
    assert run.host and run.pid > 0 and run.duration_seconds is not None
    assert runner.list_runs()[0].id == run.id
    with pytest.raises(NotFoundError):
        runner.run_now("nope")


def test_run_now_refuses_while_running_and_the_schedule_waits(db: Database) -> None:
    release = threading.Event()
    started = threading.Event()

    def slow() -> Mapping[str, int]:
        started.set()
        assert release.wait(20)
        return {"done": 1}

    runner = JobRunner(db, [spec("nightly", slow)], clock=FakeClock())
    t = threading.Thread(target=runner.run_now, args=("nightly",))
    t.start()
    try:
        assert started.wait(20)
        with pytest.raises(ConflictError, match="already running"):
            runner.run_now("nightly")
        assert runner.tick(T0) == []  # the scheduled slot is claimed but must not overlap: it stays queued
        assert [r.status for r in runner.list_runs()] == ["queued", "running"]
    finally:
        release.set()
        t.join(20)
    [run] = runner.tick(T0)  # the next tick starts the queued run
    assert run.status == "succeeded" and not run.manual


def test_run_now_refuses_when_the_table_says_running(db: Database) -> None:
    runner = JobRunner(db, [spec("nightly", Counter())], clock=FakeClock())
    _insert_running(db, "nightly", "manual:x", started_ago=10)
    with pytest.raises(ConflictError):
        runner.run_now("nightly")


def test_a_raising_job_does_not_stop_the_loop(db: Database) -> None:
    def boom() -> Mapping[str, int]:
        raise ValueError("always")

    runner = JobRunner(db, [spec("boom", boom, schedule=Every(3600), max_attempts=1000, base_backoff_seconds=0)])
    runner.start(0.01)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(all_rows(db)) < 3:
            time.sleep(0.02)
        assert len(all_rows(db)) >= 3 and runner.alive
    finally:
        runner.stop()
    assert not runner.alive


def test_the_loop_survives_a_failing_tick(db: Database) -> None:
    class Broken(JobRunner):
        calls = 0

        def tick(self, now=None):  # type: ignore[no-untyped-def]
            Broken.calls += 1
            if Broken.calls == 1:
                raise RuntimeError("database went away")
            return super().tick(now)

    fn = Counter()
    runner = Broken(db, [spec("nightly", fn, schedule=Every(3600))])
    runner.start(0.01)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and fn.calls == 0:
            time.sleep(0.02)
        assert fn.calls == 1 and Broken.calls >= 2 and runner.alive
    finally:
        t0 = time.monotonic()
        runner.stop()
    assert time.monotonic() - t0 < 2 and not runner.alive  # stop is prompt


def test_stop_is_prompt_with_a_long_interval(db: Database) -> None:
    runner = JobRunner(db, [])
    runner.start(3600)
    t0 = time.monotonic()
    runner.stop()
    assert time.monotonic() - t0 < 2 and not runner.alive


def test_stop_leaves_the_due_jobs_after_the_running_one(db: Database) -> None:
    """A shutdown waits for the job that is executing, not for every job due in the same tick."""
    started, release = threading.Event(), threading.Event()

    def first() -> Mapping[str, int]:
        started.set()
        release.wait(20)
        return {"processed": 1}

    later = Counter()
    runner = JobRunner(db, [spec("first", first, schedule=Every(3600)), spec("later", later, schedule=Every(3600))])
    runner.start(3600)
    assert started.wait(20)
    stopping = threading.Thread(target=runner.stop)
    stopping.start()
    deadline = time.monotonic() + 20
    while not runner._stop.is_set() and time.monotonic() < deadline:  # stop() has been asked
        time.sleep(0.01)
    release.set()
    stopping.join(20)
    assert not runner.alive and later.calls == 0
    assert [r.job for r in all_rows(db)] == ["first"]


def test_disabled_jobs_are_not_scheduled_but_run_by_hand(db: Database) -> None:
    fn = Counter()
    runner = JobRunner(db, [spec("off", fn, enabled=False)], clock=FakeClock())
    assert runner.tick(T0) == [] and fn.calls == 0
    assert runner.run_now("off").status == "succeeded"
    [st] = runner.status()
    assert st.next_slot is None and st.last is not None and not st.enabled


def test_status_has_counts_and_next_slot(db: Database) -> None:
    clock = FakeClock()
    runner = JobRunner(db, [spec("nightly", Counter()), spec("never", Counter(), schedule=Every(600))], clock=clock)
    runner.tick(clock.now)
    by = {s.name: s for s in runner.status()}
    assert by["nightly"].last is not None and by["nightly"].last.counts == {"processed": 7, "call": 1}
    assert by["nightly"].last_success == by["nightly"].last
    assert by["nightly"].next_slot == T0.replace(day=5, second=0)
    assert by["never"].schedule == "every 10 min"
