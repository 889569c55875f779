"""Shared pieces for the job tests: a settable clock and a second Database on the same store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from auroranet.db.core import Database, make_engine

T0 = datetime(2026, 3, 4, 2, 0, 5, tzinfo=timezone.utc)  # a Wednesday, just after 02:00 UTC


class FakeClock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


def second_host(db: Database) -> Database:
    """Another engine and pool on the same store, as a second host would have."""
    url = db.engine.url.render_as_string(hide_password=False)
    if db.dialect == "postgresql":
        with db.engine.connect() as c:
            schema = c.execute(text("select current_schema()")).scalar()
        return Database(make_engine(url, connect_args={"options": f"-csearch_path={schema}"}))
    return Database(make_engine(url))
