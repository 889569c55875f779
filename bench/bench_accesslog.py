"""CPU per access-log line: the call ``NetworkMiddleware._observe`` makes, with the handler that
``logs.configure_logging`` installs writing to a file and to a pipe. Before: ``log.info(..., extra=...)`` with the
``logs`` module of commit BASE (``git show``, loaded on its own: a ``StreamHandler``, one write and flush
per line, the generic formatter). After: ``AccessRecord`` through today's ``configure_logging``
(``BufferedStreamHandler``). Synthetic values; best of five interleaved runs of 20,000 lines each. Also checks that
both write the same JSON fields and values (the timestamp aside).

    PYTHONPATH=src .venv/bin/python bench/bench_accesslog.py [BASE]
"""

from __future__ import annotations

import importlib.util
import json
import logging
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Callable, ContextManager, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine_info, print_table, write_result  # noqa: E402

from common import ROOT  # noqa: E402

from auroranet import logs  # noqa: E402
from auroranet.logs import AccessRecord  # noqa: E402

BASE = sys.argv[1] if len(sys.argv) > 1 else "f3bd34b"  # the commit before the cheaper access line

N, RUNS = 20_000, 5
log = logging.getLogger("auroranet.access")
ARGS = ("POST", "/service-recommender/v1/text_search", 200, 3.27, "client-1234")


def before() -> None:
    method, route, status, ms, client = ARGS
    log.info("request", extra={"method": method, "route": route, "status": status, "duration_ms": ms,
                               "client_id": client})


def after() -> None:
    if log.isEnabledFor(logging.INFO):
        log.handle(AccessRecord(log.name, *ARGS))


def old_logs(tmp: Path) -> object:
    source = subprocess.run(["git", "show", f"{BASE}:src/auroranet/logs.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    (tmp / "old_logs.py").write_text(source)
    spec = importlib.util.spec_from_file_location("old_logs", tmp / "old_logs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def pipe_sink() -> Iterator[IO[str]]:
    """A pipe to ``cat > /dev/null``: stderr under a process manager or a container is such a pipe."""
    proc = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert proc.stdin is not None
    try:
        yield proc.stdin
    finally:
        proc.stdin.close()
        proc.wait()


def per_line_us(call: Callable[[], None], sink: Callable[[], ContextManager[IO[str]]],
                configure: Callable[..., None]) -> float:
    """CPU µs per line (this process, all threads) of one run of N lines, flushed at the end."""
    with sink() as stream:
        configure(stream=stream)
        t0 = time.process_time()
        for _ in range(N):
            call()
        logging.getLogger().handlers[0].flush()
        us = (time.process_time() - t0) / N * 1e6
        logging.getLogger().handlers[0].close()
    return us


def unbuffered(stream: object) -> None:
    """Today's formatter and record, the old one-write-per-line handler (what the buffer alone saves)."""
    logs.configure_logging(stream=stream)
    handler = logging.StreamHandler(stream)  # type: ignore[arg-type]
    handler.setFormatter(logs.JsonFormatter())
    logging.getLogger().handlers[:] = [handler]


def main() -> None:
    paths = {"before": "log.info + StreamHandler (BASE)", "unbuffered": "AccessRecord + fast format, StreamHandler",
             "after": "AccessRecord + fast format, BufferedStreamHandler"}
    calls = {"before": before, "unbuffered": after, "after": after}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "access.log"
        configures = {"before": old_logs(Path(tmp)).configure_logging,  # type: ignore[attr-defined]
                      "unbuffered": unbuffered, "after": logs.configure_logging}
        sinks: dict[str, Callable[[], ContextManager[IO[str]]]] = {"file": lambda: path.open("w"), "pipe": pipe_sink}
        best = {(s, p): float("inf") for s in sinks for p in paths}
        lines: dict[str, list[str]] = {}
        for _ in range(RUNS):  # interleaved, so a busy moment of the machine hits every path alike
            for sink, open_sink in sinks.items():
                for name in paths:
                    best[sink, name] = min(best[sink, name], per_line_us(calls[name], open_sink, configures[name]))
                    if sink == "file":
                        lines[name] = path.read_text().splitlines()
    first_b, first_a = json.loads(lines["before"][0]), json.loads(lines["after"][0])
    first_b.pop("ts"), first_a.pop("ts")
    same = (first_b == first_a and list(first_b) == list(first_a)
            and len(lines["before"]) == len(lines["after"]) == N)
    print_table(["sink", "path", "CPU µs/line"], [[s, paths[p], us] for (s, p), us in best.items()])
    for sink in sinks:
        print(f"{sink}: speed-up {best[sink, 'before'] / best[sink, 'after']:.1f}x")
    print(f"same fields and values: {same}")
    write_result("accesslog", {
        "base": BASE, "lines_per_run": N, "runs": RUNS, "clock": "process_time (all threads), best run",
        "us_per_line": {sink: {name: round(best[sink, name], 2) for name in paths} for sink in sinks},
        "speedup": {sink: round(best[sink, "before"] / best[sink, "after"], 2) for sink in sinks},
        "paths": paths, "same_fields": same})


if __name__ == "__main__":
    main()
