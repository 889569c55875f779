"""The app served by a real uvicorn in a thread of the test process, for browser and HTTP tests.

    with serving(create_app(runtime=rt), port, started_within=60):
        ...  # http://127.0.0.1:{port}
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator

import uvicorn


@contextmanager
def serving(app: Any, port: int, *, started_within: float) -> Iterator[None]:
    """Serve ``app`` on 127.0.0.1:``port`` until the block ends; fails when it has not started within
    ``started_within`` seconds."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + started_within
    while not server.started:
        assert time.time() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=10)
