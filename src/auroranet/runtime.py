"""The running system: settings, database and the lazily built, atomically replaced search index.

One ``Runtime`` is shared by the API, the web app and CLI commands. Models (embedder, analyzer) are
created on first use, never at import time.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from auroranet.config import Settings, get_settings
from auroranet.db.core import Database

if TYPE_CHECKING:
    from auroranet.search.index import SearchIndex

log = logging.getLogger(__name__)


class Runtime:
    def __init__(self, settings: Settings | None = None, db: Database | None = None) -> None:
        self.settings = settings or get_settings()
        self.db = db or Database.from_settings(self.settings)
        self._lock = threading.Lock()
        self._index: SearchIndex | None = None
        self._embedder: Any = None
        self._analyzer: Any = None
        self.extras: dict[str, Any] = {}  # per-domain singletons (ranker, limiter, ...)

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from auroranet.search.embed import make_embedder

            self._embedder = make_embedder(self.settings.embedder)
        return self._embedder

    @property
    def analyzer(self) -> Any:
        if self._analyzer is None:
            from auroranet.search.analysis import make_analyzer

            self._analyzer = make_analyzer(self.settings.analyzer)
        return self._analyzer

    def index(self) -> "SearchIndex":
        """The current search index; built on first use."""
        idx = self._index
        if idx is None:
            with self._lock:
                if self._index is None:
                    self._index = self._build()
                idx = self._index
        return idx

    def refresh_index(self) -> "SearchIndex":
        """Rebuild from the database and swap in one assignment; readers keep the old one until then."""
        new = self._build()
        with self._lock:
            self._index = new
        return new

    def _build(self) -> "SearchIndex":
        from auroranet.search.index import build_from_db

        return build_from_db(self.db, embedder=self.embedder, analyzer=self.analyzer)

    def close(self) -> None:
        self.db.dispose()
