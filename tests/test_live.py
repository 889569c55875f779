"""LiveSnapshot: swaps after a version change, not without one; a failing build keeps the old snapshot; a
change committed during a build triggers another build; readers never wait for a rebuild and never see
None."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import pytest

from auroranet.live import LiveSnapshot, SnapshotMetrics


@dataclass
class Source:
    """A stand-in for catalogue_state plus the data: ``build`` returns (number, version seen)."""

    version: int = 0
    builds: int = 0
    fail: bool = False
    during_build: list[int] = field(default_factory=list)  # bump this much during the next builds
    gate: threading.Event | None = None  # when set, builds wait for it

    def read_version(self) -> int:
        return self.version

    def build(self) -> tuple[int, int]:
        seen = self.version
        if self.gate is not None:
            assert self.gate.wait(10)
        if self.during_build:
            self.version += self.during_build.pop(0)
        if self.fail:
            raise RuntimeError("database away")
        self.builds += 1
        return self.builds, seen


def live_for(src: Source, poll: float = 5.0) -> LiveSnapshot[tuple[int, int]]:
    return LiveSnapshot(src.build, src.read_version, poll_seconds=poll, name="test")


def test_first_current_builds_and_records_version() -> None:
    src = Source(version=7)
    live = live_for(src)
    assert live.version is None and live.built_at is None
    assert live.current() == (1, 7)
    assert live.current() == (1, 7) and src.builds == 1
    assert live.version == 7 and live.rebuilds == 1
    assert live.built_at is not None and abs(live.built_at - time.time()) < 5


def test_no_swap_without_bump() -> None:
    src = Source()
    live = live_for(src)
    first = live.current()
    for _ in range(3):
        assert live.check() is False
    assert live.current() is first and src.builds == 1 and live.rebuilds == 1


def test_swap_after_bump() -> None:
    src = Source()
    live = live_for(src)
    first = live.current()
    src.version += 1
    assert live.check() is True
    assert live.current() == (2, 1) and live.current() is not first
    assert live.version == 1 and live.rebuilds == 2
    assert live.check() is False


def test_check_before_first_current_builds_nothing() -> None:
    src = Source(version=3)
    live = live_for(src)
    assert live.check() is False and src.builds == 0


def test_failing_rebuild_keeps_old_snapshot_and_retries() -> None:
    src = Source()
    live = live_for(src)
    first = live.current()
    src.version, src.fail = 1, True
    assert live.check() is False
    assert live.current() is first and live.version == 0 and live.failures == 1
    assert live.check() is False and live.failures == 2  # retried on the next poll
    src.fail = False
    assert live.check() is True and live.current() == (2, 1) and live.version == 1


def test_failing_version_read_keeps_snapshot() -> None:
    src = Source()
    live = live_for(src)
    first = live.current()

    def broken() -> int:
        raise OSError("connection refused")

    live._version = broken  # the database goes away for a moment
    assert live.check() is False and live.current() is first and live.failures == 1


def test_change_during_build_triggers_another_build() -> None:
    src = Source()
    live = live_for(src)
    live.current()
    src.version = 1
    src.during_build = [1]  # an import commits version 2 while version 1 is being built
    assert live.check() is True
    assert live.version == 1, "the version read BEFORE the build is recorded"
    assert src.version == 2
    assert live.check() is True
    assert live.version == 2 and live.current() == (3, 2)
    assert live.check() is False


def test_current_does_not_wait_for_a_rebuild_and_a_second_check_skips() -> None:
    src = Source()
    live = live_for(src)
    first = live.current()
    src.version = 1
    src.gate = threading.Event()
    poller = threading.Thread(target=live.check)
    poller.start()
    try:
        deadline = time.monotonic() + 5
        while not live._build_lock.locked() and time.monotonic() < deadline:
            time.sleep(0.001)
        t0 = time.perf_counter()
        assert live.current() is first
        assert time.perf_counter() - t0 < 0.05
        assert live.check() is False  # a build is running: this poll leaves it alone
    finally:
        src.gate.set()
        poller.join(10)
    assert live.current() == (2, 1)


def test_poller_thread_swaps_and_concurrent_readers_never_see_none() -> None:
    src = Source()
    live = live_for(src, poll=0.01)
    live.current()
    seen: list[object] = []
    bad: list[object] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            value = live.current()
            if not isinstance(value, tuple):
                bad.append(value)
            seen.append(value)

    readers = [threading.Thread(target=reader) for _ in range(4)]
    live.start()
    assert live.running
    for t in readers:
        t.start()
    try:
        for _ in range(20):
            src.version += 1
            time.sleep(0.02)
        deadline = time.monotonic() + 5
        while live.version != src.version and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        for t in readers:
            t.join(10)
        live.stop()
    assert not live.running
    assert not bad
    assert live.version == src.version == 20
    assert live.rebuilds >= 3 and len({v for v in seen}) >= 3


def test_stopped_poller_no_longer_rebuilds() -> None:
    src = Source()
    live = live_for(src, poll=0.01)
    live.current()
    live.start()
    live.stop()
    src.version = 5
    time.sleep(0.1)
    assert live.version == 0


def test_poll_seconds_must_be_positive() -> None:
    with pytest.raises(ValueError):
        LiveSnapshot(lambda: 1, lambda: 0, poll_seconds=0)


def test_metrics_collector_reports_version_and_rebuilds() -> None:
    from prometheus_client import CollectorRegistry, generate_latest

    src = Source(version=4)
    live = live_for(src)
    reg = CollectorRegistry()
    reg.register(SnapshotMetrics(live, "aurora_catalogue"))
    assert "aurora_catalogue_snapshot_version -1.0" in generate_latest(reg).decode()
    live.current()
    text = generate_latest(reg).decode()
    assert "aurora_catalogue_snapshot_version 4.0" in text
    assert "aurora_catalogue_snapshot_rebuilds_total 1.0" in text
    assert "aurora_catalogue_snapshot_built_at_seconds " in text


def test_the_poller_calls_after_swap_once_per_swap_it_made() -> None:
    src = Source()
    live = live_for(src, poll=0.01)
    live.current()
    swaps: list[int | None] = []
    live.start(after_swap=lambda: swaps.append(live.version))
    try:
        time.sleep(0.05)
        assert swaps == []  # polls without a version change swap nothing
        src.version = 3
        deadline = time.monotonic() + 5
        while not swaps and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)
    finally:
        live.stop()
    assert swaps == [3]
