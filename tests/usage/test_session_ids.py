"""Session ids link one person's requests together; they are blanked after a day (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from auroranet.db.core import Database, utcnow
from auroranet.engine.contract import Hit
from auroranet.usage import service as usage
from auroranet.usage.models import Recommendation


def _shown(db: Database, session_id: str, age_hours: float) -> int:
    with db.session() as s:
        rid = usage.record_shown(s, usage.Shown(kind="search", front="api_v2", path="/x", lang="fi",
                                                session_id=session_id), [Hit("s0", 1.0, 1)])
        s.execute(update(Recommendation).where(Recommendation.id == rid)
                  .values(created_at=utcnow() - timedelta(hours=age_hours)))
    return rid


def test_day_old_session_ids_are_forgotten_and_fresh_ones_kept(db: Database) -> None:
    old, fresh = _shown(db, "browser-a", 25), _shown(db, "browser-b", 2)
    with db.session() as s:
        assert usage.forget_session_ids(s, 24) == 1
    with db.session() as s:
        ids = {r.id: r.session_id for r in s.execute(select(Recommendation.id, Recommendation.session_id))}
    assert ids == {old: "", fresh: "browser-b"}
    with db.session() as s:  # the rows themselves (the statistics) stay, and a second run changes nothing
        assert usage.forget_session_ids(s, 24) == 0


def test_the_token_purge_job_forgets_session_ids(db: Database) -> None:
    from auroranet.config import Settings
    from auroranet.jobs.schedule import purge_tokens
    from auroranet.runtime import Runtime

    rid = _shown(db, "browser-a", 30)
    rt = Runtime.create(Settings(embedder="hashing", jobs_enabled=False), db=db)
    assert purge_tokens(rt)["session_ids_forgotten"] == 1
    with db.session() as s:
        assert s.get(Recommendation, rid).session_id == ""  # type: ignore[union-attr]
