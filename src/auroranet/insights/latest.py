"""The newest reference groups (``insights/reference-groups-YYYY-MM.json``) as one refresh-throttled
holder on the Runtime: the recommend use case reads them on every request, and looking for a new file
(a glob and a stat) costs more than the rest of the reference-group signal, so the folder is looked at
again at most every ``refresh_seconds`` (``AURORA_CURATION_REFRESH_SECONDS``, as curations).

    groups = LatestGroups(data_dir / "insights", refresh_seconds=30).get()
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from auroranet.insights.helped import latest_groups


class LatestGroups:
    def __init__(self, folder: Path, refresh_seconds: float) -> None:
        self.folder = folder
        self.refresh_seconds = refresh_seconds
        self._groups: list[dict[str, Any]] = []
        self._at = float("-inf")
        self._lock = threading.Lock()

    def get(self) -> list[dict[str, Any]]:
        if time.monotonic() - self._at < self.refresh_seconds:
            return self._groups
        with self._lock:
            if time.monotonic() - self._at >= self.refresh_seconds:
                self._groups = latest_groups(self.folder)
                self._at = time.monotonic()
            return self._groups

    def invalidate(self) -> None:
        """Look at the folder on the next ``get`` (this process wrote a new file)."""
        self._at = float("-inf")
