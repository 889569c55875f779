"""Who receives attributes on which channel, and which browser origins are registered: a small map
read from the registry at most every ``ttl`` seconds, so a response does not scan every registered
client. Changes through the CLI or the admin API reach every process within ``ttl``; the process that
made the change sees it at once (``invalidate``). It only decides what is shown (``session_transfer``,
who would receive): issuing and reading a token, and authenticating a client, always read the registry.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from sqlalchemy import select

from auroranet.db.core import Database
from auroranet.network.clients import ClientInfo
from auroranet.network.models import Client

DIRECTORY_TTL_SECONDS = 10.0


@dataclass(frozen=True)
class Directory:
    receivers: dict[str, ClientInfo]  # channel id -> the active client registered for it (the oldest wins)
    origins: frozenset[str]
    loaded_at: float


class ReceiverDirectory:
    def __init__(self, db: Database, ttl: float = DIRECTORY_TTL_SECONDS) -> None:
        self._db = db
        self._ttl = ttl
        self._current: Directory | None = None
        self._lock = threading.Lock()

    def _load(self) -> Directory:
        receivers: dict[str, ClientInfo] = {}
        origins: set[str] = set()
        with self._db.session() as s:
            for row in s.scalars(select(Client).where(Client.active.is_(True)).order_by(Client.created_at, Client.id)):
                info = ClientInfo.of(row)
                for cid in info.channel_ids:
                    receivers.setdefault(cid, info)
                origins.update(o.rstrip("/") for o in info.allowed_origins)
        return Directory(receivers, frozenset(origins), time.monotonic())

    def current(self) -> Directory:
        d = self._current
        if d is not None and time.monotonic() - d.loaded_at < self._ttl:
            return d
        with self._lock:
            d = self._current
            if d is None or time.monotonic() - d.loaded_at >= self._ttl:
                d = self._current = self._load()
        return d

    def invalidate(self) -> None:
        self._current = None

    def receiver(self, channel_id: str) -> ClientInfo | None:
        return self.current().receivers.get(channel_id)

    def origin_registered(self, origin: str) -> bool:
        return origin.rstrip("/") in self.current().origins
