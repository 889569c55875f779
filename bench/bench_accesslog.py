"""CPU per access-log line: the call ``NetworkMiddleware._observe`` makes, with the handler that
``logs.configure_logging`` installs writing to a file. Before: ``log.info(..., extra=...)`` with the
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
from pathlib import Path
from typing import Callable

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


def per_line_us(call: Callable[[], None], path: Path, configure: Callable[..., None]) -> float:
    """CPU µs per line of one run of N lines (written to ``path``, flushed at the end)."""
    with path.open("w") as stream:
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
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "access.log"
        old_configure = old_logs(Path(tmp)).configure_logging  # type: ignore[attr-defined]
        us_before = us_unbuffered = us_after = float("inf")
        for _ in range(RUNS):  # interleaved, so a busy moment of the machine hits all three alike
            us_before = min(us_before, per_line_us(before, path, old_configure))
            lines_before = path.read_text().splitlines()
            us_unbuffered = min(us_unbuffered, per_line_us(after, path, unbuffered))
            us_after = min(us_after, per_line_us(after, path, logs.configure_logging))
            lines_after = path.read_text().splitlines()
    first_b, first_a = json.loads(lines_before[0]), json.loads(lines_after[0])
    first_b.pop("ts"), first_a.pop("ts")
    same = first_b == first_a and list(first_b) == list(first_a) and len(lines_before) == len(lines_after) == N
    rows = [["before: log.info + StreamHandler", us_before],
            ["AccessRecord + fast format, unbuffered StreamHandler", us_unbuffered],
            ["after: AccessRecord + BufferedStreamHandler", us_after]]
    print_table(["path", "CPU µs/line"], rows)
    print(f"speed-up {us_before / us_after:.1f}x; same fields and values: {same}")
    write_result("accesslog", {"base": BASE, "lines_per_run": N, "runs": RUNS, "clock": "process_time, best run",
                               "before_us_per_line": round(us_before, 2), "after_us_per_line": round(us_after, 2),
                               "unbuffered_us_per_line": round(us_unbuffered, 2),
                               "speedup": round(us_before / us_after, 2), "same_fields": same})


if __name__ == "__main__":
    main()
