"""The real jobs: which exist, PTV delta vs full, and the retraining threshold on new feedback."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from auroranet.config import Settings
from auroranet.db.core import Database, utcnow
from auroranet.jobs import schedule as sched
from auroranet.jobs.runner import DailyAt, Every, JobRunner, WeeklyAt
from auroranet.runtime import Runtime


@pytest.fixture
def rt(db: Database, tmp_path: Path) -> Runtime:
    settings = Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple",
                        rerank_retrain_min_new_feedback=3, token_purge_interval_seconds=300,
                        ptv_full_sync_day="sat", ptv_full_sync_time="05:15")
    return Runtime.create(settings, db=db)


def test_default_jobs_follow_the_settings(rt: Runtime) -> None:
    jobs = {j.name: j for j in sched.default_jobs(rt)}
    assert set(jobs) == {"ptv_delta_sync", "ptv_full_sync", "reference_sync", "token_purge", "log_retention",
                         "rerank_retrain", "usage_aggregates", "referral_delivery", "referral_retention",
                         "insights_open_data", "insights_reference_groups", "wallet_maintenance",
                         "assistant_purge", "consent_webhooks", "profile_retention",
                         "official_lapsed", "result_code_retention",
                         "contribution_retention", "curation_expiry"}
    assert jobs["token_purge"].schedule == Every(300)
    assert jobs["ptv_full_sync"].schedule == WeeklyAt(5, 5, 15)
    assert jobs["ptv_delta_sync"].schedule == DailyAt(2, 30)
    assert not jobs["ptv_delta_sync"].enabled and not jobs["reference_sync"].enabled  # offline by default
    assert jobs["token_purge"].enabled and jobs["rerank_retrain"].enabled


def test_ptv_delta_uses_the_last_successful_ptv_start(rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def fake_sync(settings: Any, db: Any, **kw: Any) -> Any:
        calls.append(kw)
        return SimpleNamespace(counts=SimpleNamespace(new=0, updated=0, unchanged=4, archived=0))

    from auroranet.catalogue.ptv import sync

    monkeypatch.setattr(sync, "sync_ptv", fake_sync)
    runner = JobRunner(rt.db, sched.default_jobs(rt))
    first = runner.run_now("ptv_delta_sync")
    assert calls[-1] == {"since": None, "full": True}  # nothing before: a full sync
    assert first.counts == {"new": 0, "updated": 0, "unchanged": 4, "archived": 0, "incremental": 0}
    runner.run_now("ptv_delta_sync")
    assert first.started_at is not None and calls[-1] == {"since": first.started_at.isoformat(), "full": False}
    full = runner.run_now("ptv_full_sync")
    assert calls[-1] == {"since": None, "full": True}
    runner.run_now("ptv_delta_sync")
    assert full.started_at is not None and calls[-1]["since"] == full.started_at.isoformat()


def test_token_purge_and_retention_report_counts(rt: Runtime) -> None:
    runner = JobRunner(rt.db, sched.default_jobs(rt))
    assert runner.run_now("token_purge").counts == {"deleted": 0, "web_sessions": 0, "session_ids_forgotten": 0,
                                                    "oauth_codes_and_tokens": 0}
    assert runner.run_now("log_retention").counts == {"deleted_recommendations": 0}


def _feedback(db: Database, n: int) -> None:
    from auroranet.usage.models import Recommendation, Redirect

    with db.session() as s:
        rec = Recommendation(calling_service="app", request_path="/v1")
        s.add(rec)
        s.flush()
        for i in range(n):
            s.add(Redirect(recommendation_id=rec.id, service_id=f"s{i}", channel_id="c", link_id=0,
                           created_at=utcnow() + timedelta(milliseconds=i)))


def test_retraining_waits_for_enough_new_feedback(rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    trained: list[int] = []

    def fake_train(*args: Any, **kw: Any) -> Any:
        from auroranet.recommend.train_ranker import TrainResult

        trained.append(1)
        return TrainResult(True, len(trained), "activated")

    from auroranet.recommend import train_ranker

    monkeypatch.setattr(train_ranker, "train", fake_train)
    runner = JobRunner(rt.db, sched.default_jobs(rt))
    _feedback(rt.db, 2)
    assert runner.run_now("rerank_retrain").counts == {"skipped": 1, "new_feedback": 2}
    _feedback(rt.db, 1)  # skipped runs are no reference point: 3 rows in total now
    assert runner.run_now("rerank_retrain").counts == {"new_feedback": 3, "activated": 1, "version": 1}
    _feedback(rt.db, 2)  # only 2 since the last real training
    assert runner.run_now("rerank_retrain").counts == {"skipped": 1, "new_feedback": 2}
    assert trained == [1]


def test_a_training_crash_is_a_failure(rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    from auroranet.recommend import train_ranker

    monkeypatch.setattr(train_ranker, "train",
                        lambda *a, **kw: train_ranker.TrainResult(False, None, "training failed (X)"))
    _feedback(rt.db, 5)
    run = JobRunner(rt.db, sched.default_jobs(rt)).run_now("rerank_retrain")
    assert run.status == "failed" and run.error_type == "RuntimeError"


def test_usage_aggregates_job_writes_daily_rows_and_is_idempotent(rt: Runtime) -> None:
    from sqlalchemy import select

    from auroranet.usage.models import UsageDaily

    _feedback(rt.db, 3)
    with rt.db.session() as s:  # the request happened yesterday
        from auroranet.usage.models import Recommendation

        for rec in s.scalars(select(Recommendation)):
            rec.created_at = utcnow() - timedelta(days=1)
    runner = JobRunner(rt.db, sched.default_jobs(rt))
    first = runner.run_now("usage_aggregates").counts
    assert first["days"] >= 1 and first["rows"] >= 1
    with rt.db.session() as s:
        rows = [(r.kind, r.requests) for r in s.scalars(select(UsageDaily))]
    assert runner.run_now("usage_aggregates").counts["rows"] == first["rows"]
    with rt.db.session() as s:
        assert [(r.kind, r.requests) for r in s.scalars(select(UsageDaily))] == rows
