"""The real jobs of an instance, built from its settings and bound to its runtime as closures.

    runner = JobRunner(rt.db, default_jobs(rt))

Jobs that need the network (PTV, code lists) are disabled by default — the demo runs offline — but
stay listed and can be run by hand (``aurora jobs run ptv_delta_sync``). Each function returns counts
for ``job_runs`` and raises on failure, which the runner records and retries.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Callable, Mapping

from sqlalchemy import func, select

from auroranet.db.core import Database
from auroranet.jobs import store
from auroranet.jobs.runner import JobSpec
from auroranet.jobs.timing import DailyAt, Every, Schedule, WeeklyAt, parse_time, parse_weekday

if TYPE_CHECKING:
    from auroranet.runtime import Runtime

PTV_JOBS = ("ptv_delta_sync", "ptv_full_sync")
RETRAIN_JOB = "rerank_retrain"


def ptv_sync(runtime: Runtime, *, full: bool) -> dict[str, int]:
    """Delta sync since the start of the last successful PTV job (delta or full), else a full sync;
    then embed what changed; every serving process sees the change with its next snapshot."""
    from auroranet.catalogue.ptv.sync import sync_ptv

    last = None if full else store.last_success(runtime.db, PTV_JOBS)
    since = last.started_at.isoformat() if last is not None and last.started_at is not None else None
    result = sync_ptv(runtime.settings, runtime.db, since=since, full=since is None)
    c = result.counts
    counts = {"new": c.new, "updated": c.updated, "unchanged": c.unchanged, "archived": c.archived,
              "incremental": int(since is not None)}
    if c.new or c.updated or c.archived:
        from auroranet.search.service import ensure_embeddings

        counts["embedded"] = ensure_embeddings(runtime.db, runtime.embedder)  # serving processes rebuild
    return counts


def reference_sync(runtime: Runtime) -> dict[str, int]:
    """The code lists (municipalities, areas, service classes, target groups), as ``aurora reference sync``."""
    from auroranet.catalogue.reference_import import sync_reference

    return dict(sync_reference(runtime.db))


def purge_tokens(runtime: Runtime) -> dict[str, int]:
    from auroranet.network.session_attributes import purge_expired
    from auroranet.web.session import purge_expired as purge_web_sessions

    from auroranet.usage.service import forget_session_ids

    from auroranet.oauth.flows import purge_expired as purge_oauth

    deleted = purge_expired(runtime.db)
    web_sessions = purge_web_sessions(runtime.db, runtime.writes)
    oauth = purge_oauth(runtime)
    with runtime.db.session() as s:
        forgotten = forget_session_ids(s, runtime.settings.session_id_retention_hours)
    return {"deleted": deleted, "web_sessions": web_sessions, "session_ids_forgotten": forgotten,
            "oauth_codes_and_tokens": oauth}


def purge_logs(runtime: Runtime) -> dict[str, int]:
    from auroranet.usage.service import purge_old_records

    with runtime.db.session() as s:
        return {"deleted_recommendations": purge_old_records(s, runtime.settings.log_retention_days)}


def aggregate_usage(runtime: Runtime) -> dict[str, int]:
    """Daily usage aggregates for every complete day not yet aggregated (and yesterday again)."""
    from auroranet.usage.aggregates import aggregate_pending

    with runtime.db.session() as s:
        return aggregate_pending(s)


def new_feedback_rows(db: Database, since: datetime | None) -> int:
    """Clicks and feedback rows written after ``since`` (all of them when None): the signal retraining uses."""
    from auroranet.usage.models import RecommendationFeedback, Redirect, ServiceFeedback

    total = 0
    with db.session() as s:
        for column in (Redirect.created_at, ServiceFeedback.updated_at, RecommendationFeedback.updated_at):
            q = select(func.count()).select_from(column.class_)
            if since is not None:
                q = q.where(column > since)
            total += int(s.scalar(q) or 0)
    return total


def retrain(runtime: Runtime) -> dict[str, int]:
    """Retrain the reranker when enough new feedback arrived since the last training that did work.
    ``train`` keeps the active model when the candidate is not better; a crash in training is a failure."""
    last = store.last_success(runtime.db, [RETRAIN_JOB], include_skipped=False)
    new = new_feedback_rows(runtime.db, last.started_at if last is not None else None)
    if new < runtime.settings.rerank_retrain_min_new_feedback:
        return {"skipped": 1, "new_feedback": new}
    from auroranet.recommend.train_ranker import train

    result = train(runtime.db, runtime.snapshot(), runtime.settings.models_dir)
    if result.reason.startswith("training failed"):
        raise RuntimeError(result.reason)
    if result.version is None and not result.activated:
        return {"skipped": 1, "new_feedback": new}  # not enough usable queries yet: keep accumulating
    return {"new_feedback": new, "activated": int(result.activated), "version": int(result.version or 0)}


def deliver_referrals(runtime: Runtime) -> dict[str, int]:
    from auroranet.referrals.delivery import deliver_pending

    return deliver_pending(runtime)


def purge_referrals(runtime: Runtime) -> dict[str, int]:
    from auroranet.referrals.service import purge_closed

    return {"deleted": purge_closed(runtime, days=runtime.settings.referral_retention_days)}
def insights_open_data(runtime: Runtime) -> dict[str, int]:
    from auroranet.insights.opendata import previous_month, publish
    return publish(runtime, previous_month())
def insights_reference_groups(runtime: Runtime) -> dict[str, int]:
    """Last month's reference groups, written once per month (a file that exists is kept: its noise is
    already spent and published)."""
    from auroranet.insights.groups import reference_groups, write_groups
    from auroranet.insights.helped import with_helped
    from auroranet.insights.opendata import previous_month
    from auroranet.insights.service import period_bounds, period_rows
    period = previous_month()
    folder = runtime.settings.data_dir / "insights"
    if (folder / f"reference-groups-{period}.json").exists():
        return {"groups": -1}
    with runtime.db.session() as s:
        rows = period_rows(s, period)
        groups = with_helped(s, period_bounds(period),
                             reference_groups(rows, epsilon=runtime.settings.insights_epsilon_per_release))
    write_groups(folder, period, groups)
    runtime.groups().invalidate()  # this process sees the new file at once, others within the refresh
    return {"contributions": len(rows), "groups": len(groups)}
def contribution_retention(runtime: Runtime) -> dict[str, int]:
    from auroranet.insights.retention import purge_contributions

    return {"deleted": purge_contributions(runtime.db, runtime.writes,
                                           months=runtime.settings.contribution_retention_months)}


def curation_expiry(runtime: Runtime) -> dict[str, int]:
    from auroranet.curation.service import archive_expired

    return {"archived": archive_expired(runtime)}


def wallet_maintenance(runtime: Runtime) -> dict[str, int]:
    from auroranet.wallet.maintenance import run
    return run(runtime)
def purge_conversations(runtime: Runtime) -> dict[str, int]:
    from auroranet.assistant.store import purge_expired
    from auroranet.livechat.service import purge as purge_chats
    return {"deleted": purge_expired(runtime.db, runtime.writes), "live_chats": purge_chats(runtime)}
def consent_webhooks(runtime: Runtime) -> dict[str, int]:
    from auroranet.consent.webhooks import deliver_pending
    return deliver_pending(runtime.db, runtime.writes, runtime.settings)
def profile_retention(runtime: Runtime) -> dict[str, int]:
    from auroranet.profile.service import apply_retention
    st = runtime.settings
    with runtime.writes, runtime.db.session() as s:
        return apply_retention(s, months=st.profile_retention_months, notice_days=st.profile_notice_days,
                               owners=runtime.consent_owners)


def official_lapsed(runtime: Runtime) -> dict[str, int]:
    from auroranet.official.store import purge_lapsed
    with runtime.writes, runtime.db.session() as s:
        return {"deleted": purge_lapsed(s)}


def purge_result_codes(runtime: Runtime) -> dict[str, int]:
    from auroranet.resultcodes.service import purge_expired
    return {"deleted": purge_expired(runtime.db, runtime.writes)}


def default_jobs(runtime: Runtime) -> list[JobSpec]:
    """Every job of this instance, scheduled from ``runtime.settings``."""
    st = runtime.settings

    def job(name: str, description: str, schedule: Schedule, fn: Callable[[Runtime], Mapping[str, int]],
            enabled: bool = True) -> JobSpec:
        return JobSpec(name=name, description=description, schedule=schedule, fn=lambda: fn(runtime),
                       max_attempts=st.jobs_max_attempts, base_backoff_seconds=st.jobs_base_backoff_seconds,
                       stale_after_seconds=st.jobs_stale_after_seconds, enabled=enabled)

    def daily(hhmm: str) -> DailyAt:
        return DailyAt(*parse_time(hhmm))

    return [
        job("ptv_delta_sync", "PTV changes since the last successful PTV sync (a full sync the first time).",
            daily(st.ptv_sync_time), lambda rt: ptv_sync(rt, full=False), st.ptv_sync_enabled),
        job("ptv_full_sync", "Everything from PTV; archives what PTV no longer publishes.",
            WeeklyAt(parse_weekday(st.ptv_full_sync_day), *parse_time(st.ptv_full_sync_time)),
            lambda rt: ptv_sync(rt, full=True), st.ptv_sync_enabled),
        job("reference_sync", "Code lists from the official code-list service.", daily(st.reference_sync_time),
            reference_sync, st.reference_sync_enabled),
        job("token_purge", "Delete expired and used session-attribute tokens and expired web sessions; "
                           "forget day-old session ids.",
            Every(st.token_purge_interval_seconds), purge_tokens),
        job("log_retention", f"Delete recommendation logs older than {st.log_retention_days} days.",
            daily(st.log_retention_time), purge_logs),
        job("usage_aggregates", "Daily usage aggregates that outlive the raw rows' retention.",
            daily(st.aggregates_time), aggregate_usage),
        job(RETRAIN_JOB, f"Retrain the reranker after {st.rerank_retrain_min_new_feedback}+ new clicks/feedback; "
                         "keeps the old model when the new one is worse.",
            daily(st.rerank_retrain_time), retrain, st.rerank_retrain_enabled),
        job("referral_delivery", "Send due referral e-mails (SMTP) and signed webhooks from the outbox.",
            Every(st.referral_delivery_interval_seconds), deliver_referrals),
        job("referral_retention", f"Delete referrals closed more than {st.referral_retention_days} days ago.",
            daily(st.referral_retention_time), purge_referrals),
        job("insights_open_data", "Publish last month's protected aggregates (k = 10, differential privacy) "
                                  "as open data (JSON and CSV at /open-data/insights/).",
            daily(st.insights_open_data_time), insights_open_data),
        job("insights_reference_groups", "Last month's reference groups (PCA + k-means; groups of 10+ only, "
                                         "noisy sizes and means).",
            daily(st.insights_open_data_time), insights_reference_groups),
        job("contribution_retention", f"Delete anonymous contributions older than "
                                      f"{st.contribution_retention_months} months (released figures stay).",
            daily(st.log_retention_time), contribution_retention),
        job("curation_expiry", "Archive curations past their expiry (they stop applying at expiry; audited).",
            daily(st.log_retention_time), curation_expiry),
        job("wallet_maintenance", "Expire wallets (unspent money back to the programme), erase contact details "
                                  "of delivered orders and forget old idempotency records.",
            daily(st.wallet_maintenance_time), wallet_maintenance),
        job("assistant_purge", "Delete the assistant's expired conversations, and live chats closed or abandoned.",
            Every(st.token_purge_interval_seconds), purge_conversations),
        job("consent_webhooks", "Tell recipients of withdrawn consents (signed webhook POSTs, retried).",
            Every(60), consent_webhooks),
        job("profile_retention", f"Notice profiles unused for {st.profile_retention_months} months; erase them "
                                 f"{st.profile_notice_days} days after the notice.",
            daily(st.log_retention_time), profile_retention),
        job("official_lapsed", "Delete official-record values whose consent was withdrawn or expired.",
            daily(st.log_retention_time), official_lapsed),
        job("result_code_retention", "Delete results codes older than 30 days.",
            daily(st.log_retention_time), purge_result_codes),
    ]
