"""Writing and reading usage events. Functions take the caller's session and flush, never commit: the
use case that records an event owns the transaction.

    rid = record_shown(s, Shown(kind="search", front="api_v1", path=..., lang="fi"), hits)
    record_click(s, recommendation_id=rid, service_id=..., channel_id=..., link_id=0)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any, Literal, Sequence

from sqlalchemy import Connection, Table, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from auroranet.badtext import NOT_LAYOUT
from auroranet.db.core import utcnow
from auroranet.engine.contract import Hit, ServiceFilters
from auroranet.logs import scrub
from auroranet.usage.bulk import BulkInsert
from auroranet.usage.models import (
    IdBlock,
    Recommendation,
    RecommendationFeedback,
    RecommendationNeed,
    RecommendationService,
    Redirect,
    ServiceFeedback,
    UnmetNeed,
)
from auroranet.vocab import METER_INDEX, age_band

Kind = Literal["recommend", "search", "handover"]
Front = Literal["api_v1", "api_v2", "web"]
SESSION_ID_CHARS = 200
UNMET_TEXT_CHARS = 1024
NAME_CHARS = 200
INT64 = 2**63


@dataclass(frozen=True)
class Shown:
    """The coarse facts of one answered request. ``age`` is turned into a band before it is stored;
    ``session_id`` must already be capped and scrubbed (``clean``), so nothing slow runs in the write."""

    kind: Kind
    front: Front
    path: str
    lang: str = "fi"
    client_id: str | None = None
    calling_service: str = ""
    calling_organisation: str = ""
    session_id: str = ""
    municipality_code: str | None = None
    age: int | None = None
    life_event: str | None = None
    needs: dict[str, float] = field(default_factory=dict)
    ranker: str = "base"


# Core statements, built once: the ORM unit of work cost more than the inserts themselves per request.
_RECOMMENDATIONS: Table = Recommendation.__table__  # type: ignore[assignment]
_INSERT_RECOMMENDATION = insert(_RECOMMENDATIONS).returning(_RECOMMENDATIONS.c.id)
_INSERT_RECOMMENDATION_WITH_ID = insert(_RECOMMENDATIONS)
# SQLite has no sequence: a row written without a reserved id takes one above every block a write-behind
# log has reserved (usage/ids.py), so it never takes an id whose row is still buffered in a server process.
_SQLITE_NEXT_ID = func.max(
    select(func.coalesce(func.max(_RECOMMENDATIONS.c.id), 0)).scalar_subquery(),
    select(func.coalesce(func.max(IdBlock.next_id) - 1, 0)).where(IdBlock.name == _RECOMMENDATIONS.name).scalar_subquery(),
) + 1
_INSERT_RECOMMENDATION_SQLITE = insert(_RECOMMENDATIONS).values(id=_SQLITE_NEXT_ID).returning(_RECOMMENDATIONS.c.id)
_BULK_RECOMMENDATIONS = BulkInsert(_RECOMMENDATIONS)  # every column: the rows carry them all
_BULK_NEEDS = BulkInsert(RecommendationNeed.__table__)  # type: ignore[arg-type]
_BULK_SHOWN = BulkInsert(RecommendationService.__table__)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ShownRows:
    """The rows of one shown-results event, built before any write (``recommendation`` without its id)."""

    recommendation: dict[str, Any]
    needs: list[dict[str, Any]]
    services: list[dict[str, Any]]


def shown_rows(event: Shown, hits: Sequence[Hit]) -> ShownRows:
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, h in enumerate(hits):
        if h.service_id in seen:
            continue
        seen.add(h.service_id)
        features: dict[str, Any] = dict(h.explanation.sources)
        if h.need:
            features["need"] = h.need
        rows.append({"service_id": h.service_id, "rank": h.rank or i + 1, "score": float(h.score),
                     "features": features or None})
    rec = {
        "created_at": utcnow(), "client_id": event.client_id, "calling_service": event.calling_service[:NAME_CHARS],
        "calling_organisation": event.calling_organisation[:NAME_CHARS], "request_path": event.path[:200],
        "session_id": event.session_id[:SESSION_ID_CHARS], "ranker": event.ranker, "kind": event.kind,
        "front": event.front, "lang": event.lang if event.lang in ("fi", "sv", "en") else "fi",
        "municipality_code": event.municipality_code or None, "age_band": age_band(event.age),
        "life_event": event.life_event, "n_results": len(rows)}
    needs = [{"meter": m, "weight": float(w)} for m, w in event.needs.items() if m in METER_INDEX]
    return ShownRows(rec, needs, rows)


def record_shown(session: Session | Connection, event: Shown, hits: Sequence[Hit], rid: int | None = None) -> int:
    """Log which services were shown, in which order, with the engine's per-source scores (the
    reranker's training signal): three INSERT statements (a Core connection's or a session's
    transaction). ``rid``: an id reserved before (``usage/ids.py``); else the database picks one.
    Returns the recommendation id."""
    rows = shown_rows(event, hits)
    if rid is None:
        dialect = session.get_bind().dialect.name if isinstance(session, Session) else session.dialect.name
        stmt = _INSERT_RECOMMENDATION_SQLITE if dialect == "sqlite" else _INSERT_RECOMMENDATION
        rid = int(session.execute(stmt, rows.recommendation).scalar_one())
    else:
        session.execute(_INSERT_RECOMMENDATION_WITH_ID, {**rows.recommendation, "id": rid})
    write_rows(session, [(rid, rows)], with_recommendations=False)
    return rid


def write_rows(session: Session | Connection, batch: Sequence[tuple[int, ShownRows]], *,
               with_recommendations: bool = True) -> None:
    """The rows of many events with reserved ids: one DBAPI executemany INSERT per table (``usage/bulk.py``;
    the write-behind log writes this way)."""
    if with_recommendations:
        _BULK_RECOMMENDATIONS.run(session, [{**r.recommendation, "id": rid} for rid, r in batch])
    _BULK_NEEDS.run(session, [{"recommendation_id": rid, **n} for rid, r in batch for n in r.needs])
    _BULK_SHOWN.run(session, [{"recommendation_id": rid, **row} for rid, r in batch for row in r.services])


def recommendation_owner(session: Session, recommendation_id: int) -> tuple[bool, str | None]:
    """(exists, client id) of a logged recommendation."""
    if not -INT64 <= recommendation_id < INT64:
        return False, None  # the driver cannot even bind an integer this large
    rec = session.get(Recommendation, recommendation_id)
    return (False, None) if rec is None else (True, rec.client_id)


def was_shown(session: Session, recommendation_id: int, service_id: str) -> bool:
    if not -INT64 <= recommendation_id < INT64:
        return False
    return session.get(RecommendationService, (recommendation_id, service_id)) is not None


def upsert_service_feedback(session: Session, *, recommendation_id: int, service_id: str, score: int) -> None:
    """Feedback on one shown service; a second vote replaces the first."""
    now = utcnow()
    row = session.get(ServiceFeedback, (recommendation_id, service_id))
    if row is None:
        session.add(ServiceFeedback(recommendation_id=recommendation_id, service_id=service_id,
                                    feedback_score=score, updated_at=now))
    else:
        row.feedback_score, row.updated_at = score, now
    session.flush()


def upsert_recommendation_feedback(session: Session, *, recommendation_id: int, score: int) -> None:
    now = utcnow()
    row = session.get(RecommendationFeedback, recommendation_id)
    if row is None:
        session.add(RecommendationFeedback(recommendation_id=recommendation_id, feedback_score=score, updated_at=now))
    else:
        row.feedback_score, row.updated_at = score, now
    session.flush()


_REDIRECTS: Table = Redirect.__table__  # type: ignore[assignment]
_CLICK_KEY = ["recommendation_id", "service_id", "channel_id", "link_id"]  # uq_redirects_click


def record_click(session: Session, *, recommendation_id: int, service_id: str, channel_id: str, link_id: int) -> bool:
    """Count a click once per recommendation, service, channel and link: a repeat is a no-op (ON CONFLICT
    DO NOTHING on both backends, so it neither fails nor aborts the transaction). True when counted."""
    dialect = session.get_bind().dialect.name
    dialect_insert = pg_insert if dialect == "postgresql" else sqlite_insert
    values = dialect_insert(_REDIRECTS).values(recommendation_id=recommendation_id, service_id=service_id,
                                               channel_id=channel_id, link_id=link_id, created_at=utcnow())
    stmt = values.on_conflict_do_nothing(index_elements=_CLICK_KEY).returning(_REDIRECTS.c.id)
    return session.execute(stmt).scalar_one_or_none() is not None  # no row back: already counted


def filters_json(filters: ServiceFilters) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(filters).items()
            if v not in ((), None)}


def clean(text: str, cap: int) -> str:
    """Cap first, then drop control characters and scrub identity codes, e-mail addresses and phone
    numbers: call before a write."""
    return scrub(NOT_LAYOUT.sub("", text[:cap]))  # never kept; NUL cannot be stored on PostgreSQL


def record_unmet_need(session: Session, *, text: str, lang: str, filters: ServiceFilters, front: Front,
                      client_id: str | None = None) -> None:
    """A search that found nothing. ``text`` must already be ``clean``ed."""
    session.add(UnmetNeed(lang=lang if lang in ("fi", "sv", "en") else "fi",
                          text=text[:UNMET_TEXT_CHARS], filters=filters_json(filters), front=front,
                          client_id=client_id,
                          municipality_code=filters.municipality_codes[0] if filters.municipality_codes else None))


def forget_session_ids(session: Session, retention_hours: int) -> int:
    """Blank the session ids of recommendations older than ``retention_hours``: a session id links one
    person's requests together, which the statistics and the reranker never need after the day."""
    cutoff = utcnow() - timedelta(hours=retention_hours)
    result = session.execute(update(Recommendation)
                             .where(Recommendation.created_at < cutoff, Recommendation.session_id != "")
                             .values(session_id=""))
    return int(getattr(result, "rowcount", 0) or 0)


def purge_old_records(session: Session, retention_days: int) -> int:
    """Delete recommendations (with their needs, services, feedback and clicks) and unmet needs past
    retention. The daily aggregates stay."""
    cutoff = utcnow() - timedelta(days=retention_days)
    ids = list(session.scalars(select(Recommendation.id).where(Recommendation.created_at < cutoff)))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for table in (Redirect, ServiceFeedback, RecommendationFeedback, RecommendationService, RecommendationNeed):
            session.execute(delete(table).where(table.recommendation_id.in_(chunk)))
        session.execute(delete(Recommendation).where(Recommendation.id.in_(chunk)))
    session.execute(delete(UnmetNeed).where(UnmetNeed.created_at < cutoff))
    return len(ids)
