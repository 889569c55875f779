"""Usage events and their daily aggregates, on SQLite and PostgreSQL: typed dimensions per front door,
needs as rows, clicks and feedback counted on the day they happen, idempotent rebuilds, and counts that
outlive the raw rows' retention."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select, update

from auroranet.db.core import Database
from auroranet.engine.contract import Hit, ServiceFilters
from auroranet.usage import service as usage
from auroranet.usage.aggregates import aggregate_day, aggregate_pending
from auroranet.usage.models import Recommendation, RecommendationNeed, Redirect, ServiceFeedback, UnmetNeed, UsageDaily

DAY = date(2026, 11, 30)
NOON = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)


def _shown(db: Database, *, front: usage.Front = "api_v1", needs: dict[str, float] | None = None,
           hits: int = 2, age: int | None = 17, municipality: str | None = "091") -> int:
    with db.session() as s:
        rid = usage.record_shown(s, usage.Shown(kind="recommend", front=front, path="/x", lang="sv", age=age,
                                                municipality_code=municipality, needs=needs or {"housing": 0.7}),
                                 [Hit(f"s{i}", 1.0 - i / 10, i + 1) for i in range(hits)])
        s.execute(update(Recommendation).where(Recommendation.id == rid).values(created_at=NOON))
    return rid


def _daily(db: Database, day: date = DAY) -> dict[tuple[str, str, str], UsageDaily]:
    """Recommendation rows by (front, age band, need); unmet-need rows under front "unmet:<front>"."""
    with db.session() as s:
        return {(r.front if r.kind == "recommend" else f"unmet:{r.front}", r.age_band, r.need): r
                for r in s.scalars(select(UsageDaily).where(UsageDaily.day == day))}


def test_dimensions_are_columns_and_needs_are_rows(db: Database) -> None:
    rid = _shown(db, needs={"housing": 0.7, "finance": 0.3, "not_a_meter": 1.0})
    with db.session() as s:
        rec = s.get(Recommendation, rid)
        needs = {n.meter: n.weight for n in s.scalars(select(RecommendationNeed))}
    assert rec is not None
    assert (rec.front, rec.lang, rec.age_band, rec.municipality_code, rec.n_results) == ("api_v1", "sv", "16-17", "091", 2)
    assert needs == {"housing": 0.7, "finance": 0.3}  # unknown keys are not stored


def test_daily_counts_per_dimension_and_need(db: Database) -> None:
    a = _shown(db, front="api_v1", needs={"housing": 0.7})
    _shown(db, front="api_v1", needs={"housing": 0.5, "finance": 0.2})
    _shown(db, front="web", needs={"friends": 0.4}, hits=0, age=None, municipality=None)
    with db.session() as s:
        usage.record_click(s, recommendation_id=a, service_id="s0", channel_id="c", link_id=0)
        usage.upsert_service_feedback(s, recommendation_id=a, service_id="s1", score=-1)
        s.execute(update(Redirect).values(created_at=NOON))
        s.execute(update(ServiceFeedback).values(updated_at=NOON))
        usage.record_unmet_need(s, text="[phone]", lang="fi", filters=ServiceFilters(municipality_codes=("091",)),
                                front="web")
        s.execute(update(UnmetNeed).values(created_at=NOON))
        assert aggregate_day(s, DAY) > 0
    d = _daily(db)
    total = d[("api_v1", "16-17", "")]
    assert (total.requests, total.clicks, total.negative_feedback, total.positive_feedback) == (2, 1, 1, 0)
    assert d[("api_v1", "16-17", "housing")].requests == 2 and d[("api_v1", "16-17", "finance")].requests == 1
    web = d[("web", "", "")]
    assert (web.requests, web.empty_results) == (1, 1)
    assert d[("unmet:web", "", "")].unmet_needs == 1 and sum(r.unmet_needs for r in d.values()) == 1


def test_a_click_the_next_day_counts_on_that_day_with_the_request_dims(db: Database) -> None:
    rid = _shown(db)
    with db.session() as s:
        usage.record_click(s, recommendation_id=rid, service_id="s0", channel_id="c", link_id=0)
        s.execute(update(Redirect).values(created_at=NOON + timedelta(days=1)))
        aggregate_day(s, DAY)
        aggregate_day(s, DAY + timedelta(days=1))
    assert _daily(db)[("api_v1", "16-17", "")].clicks == 0
    assert _daily(db, DAY + timedelta(days=1))[("api_v1", "16-17", "")].clicks == 1


def test_rebuilding_is_idempotent_and_aggregates_outlive_retention(db: Database) -> None:
    _shown(db)
    with db.session() as s:
        first = aggregate_pending(s, today=DAY + timedelta(days=1))
    with db.session() as s:
        again = aggregate_pending(s, today=DAY + timedelta(days=1))
    assert first["rows"] == again["rows"] > 0
    before = _daily(db)
    with db.session() as s:  # retention deletes the raw rows ...
        s.execute(update(Recommendation).values(created_at=NOON - timedelta(days=400)))
        assert usage.purge_old_records(s, 180) == 1
        assert s.scalar(select(RecommendationNeed.meter)) is None
    after = _daily(db)  # ... the day's counts stay
    assert {k: v.requests for k, v in after.items()} == {k: v.requests for k, v in before.items()}
