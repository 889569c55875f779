"""A snapshot that follows a version number: rebuilt off the request path, swapped in one assignment.

Why: the search index (and whatever is derived from it) is an immutable in-memory snapshot of the
database. Imports, PTV syncs, label imports and trainings run in other processes, often on other hosts,
so a serving process cannot be told about them; it can only notice. Each of them bumps one counter in
the database (``catalogue/version.py``), and ``LiveSnapshot`` polls that counter:

    live = LiveSnapshot(build=build_index, version=read_catalogue_version, poll_seconds=5)
    live.start()                # daemon poller thread
    idx = live.current()        # never waits for a rebuild once the first build is done
    live.stop()

Rules it keeps:

* Requests never build, except the very first build (there is nothing to serve before it).
* The version is read BEFORE building and recorded with the snapshot: a change committed while a build
  runs leaves the snapshot one version behind, so the next poll builds again. Reading it after the
  build would record a version the snapshot may not contain, and that change would never show up.
* At most one build at a time; a poll that finds a build running leaves it alone.
* A failing build is logged (the exception's type only: messages of database errors can carry row
  values) and the old snapshot keeps serving; the next poll tries again since the version still differs.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Generic, Iterator, TypeVar

if TYPE_CHECKING:
    from prometheus_client.metrics_core import Metric

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_POLL_SECONDS = 5.0


@dataclass(frozen=True)
class Built(Generic[T]):
    """One snapshot and what it was built from; replaced as a whole, never changed."""

    value: T
    version: int
    built_at: float  # time.time() when the build finished


class LiveSnapshot(Generic[T]):
    """Holds the current ``T`` and rebuilds it when ``version()`` changes (see the module docstring)."""

    def __init__(self, build: Callable[[], T], version: Callable[[], int], *,
                 poll_seconds: float = DEFAULT_POLL_SECONDS, name: str = "snapshot") -> None:
        if poll_seconds <= 0:
            raise ValueError("poll_seconds must be positive")
        self._build = build
        self._version = version
        self.poll_seconds = float(poll_seconds)
        self.name = name
        self._built: Built[T] | None = None
        self._build_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._after_swap: Callable[[], None] | None = None
        self.rebuilds = 0  # successful builds, the first one included
        self.failures = 0  # builds (or version reads) that raised

    # -- reading ---------------------------------------------------------------------------

    def current(self) -> T:
        """The current snapshot. Only the first call of a process waits (for the first build)."""
        built = self._built
        if built is None:
            with self._build_lock:
                built = self._built
                if built is None:
                    built = self._rebuild()
        return built.value

    @property
    def version(self) -> int | None:
        """The catalogue version the current snapshot was built from (None before the first build)."""
        built = self._built
        return None if built is None else built.version

    @property
    def built_at(self) -> float | None:
        """Wall-clock time (``time.time()``) the current snapshot was finished, None before the first."""
        built = self._built
        return None if built is None else built.built_at

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- rebuilding ------------------------------------------------------------------------

    def check(self) -> bool:
        """Rebuild in the calling thread when the version moved and no build is running.

        Before the first ``current()`` there is nothing to keep fresh and nothing is built: a process that
        never serves the snapshot never pays for it. Returns True when a new snapshot was swapped in. Never raises: a failure is logged and counted,
        and the old snapshot stays."""
        try:
            seen = self._version()
        except Exception as exc:  # noqa: BLE001 - the database may be away for a moment; poll again later
            self.failures += 1
            log.warning("catalogue version read failed", extra={"snapshot": self.name, "error_type": type(exc).__name__})
            return False
        built = self._built
        if built is None or built.version == seen:
            return False  # nothing built yet (the first ``current()`` builds) or nothing changed
        if not self._build_lock.acquire(blocking=False):
            return False  # a build is running; it (or the next poll) picks the change up
        try:
            try:
                self._rebuild()
            except Exception as exc:  # noqa: BLE001 - keep serving the old snapshot, retry next poll
                log.warning("snapshot rebuild failed; the previous snapshot stays",
                            extra={"snapshot": self.name, "error_type": type(exc).__name__,
                                   "from_version": built.version, "to_version": seen})
                return False
            return True
        finally:
            self._build_lock.release()

    def refresh(self) -> T:
        """Rebuild now in the calling thread, whatever the version (waits for a running build first).

        For CLI commands and tests that change the store in this process; failures propagate."""
        with self._build_lock:
            return self._rebuild().value

    def _rebuild(self) -> Built[T]:
        """Build and swap; the caller holds ``_build_lock``. Raises what ``build``/``version`` raise."""
        try:
            version = self._version()  # before building: a change during the build triggers another one
            t0 = time.perf_counter()
            value = self._build()
        except Exception:
            self.failures += 1
            raise
        built = Built(value, version, time.time())
        previous = self._built
        self._built = built  # the swap: one assignment, readers see the old or the new snapshot
        self.rebuilds += 1
        log.info("snapshot built", extra={"snapshot": self.name, "catalogue_version": version,
                                          "previous_version": -1 if previous is None else previous.version,
                                          "seconds": round(time.perf_counter() - t0, 3)})
        return built

    # -- the poller --------------------------------------------------------------------------

    def start(self, after_swap: Callable[[], None] | None = None) -> None:
        """Start the daemon poller thread (idempotent). Each process polls on its own. ``after_swap`` runs
        in the poller thread after each snapshot it swapped in (the server re-freezes the GC's heap)."""
        if self.running:
            return
        self._after_swap = after_swap
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"live-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the poller; waits up to ``timeout`` seconds for a running build to finish."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.wait(self.poll_seconds):
            try:
                if self.check() and self._after_swap is not None:
                    self._after_swap()
            except Exception as exc:  # noqa: BLE001 - check() does not raise; this is the last guard
                log.error("snapshot poller error", extra={"snapshot": self.name, "error_type": type(exc).__name__})


class SnapshotMetrics(Generic[T]):
    """Prometheus collector for a ``LiveSnapshot``: values are read at scrape time, so nothing has to
    update counters from the poller thread.

        registry.register(SnapshotMetrics(runtime.live, "aurora_catalogue"))
    """

    def __init__(self, snapshot: LiveSnapshot[T], prefix: str) -> None:
        self.snapshot = snapshot
        self.prefix = prefix

    def collect(self) -> Iterator["Metric"]:
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

        s, p = self.snapshot, self.prefix
        yield GaugeMetricFamily(f"{p}_snapshot_version", "Catalogue version the serving snapshot was built from "
                                "(-1 before the first build).", value=-1 if s.version is None else s.version)
        yield GaugeMetricFamily(f"{p}_snapshot_built_at_seconds", "Unix time the serving snapshot was built "
                                "(0 before the first build).", value=s.built_at or 0.0)
        yield CounterMetricFamily(f"{p}_snapshot_rebuilds", "Snapshot builds that succeeded.", value=s.rebuilds)
        yield CounterMetricFamily(f"{p}_snapshot_rebuild_failures", "Snapshot builds or version reads that failed.",
                                  value=s.failures)
