"""The composition root: every long-lived part of a running auroranet, as typed fields.

One ``Runtime`` is shared by the API, the web app, the CLI and the jobs. ``Runtime.create(settings)``
wires the real parts; a test passes its own (``Runtime.create(settings, db=db, engine=FakeEngine())``)
instead of patching anything. Models (embedder, analyzer) load on first use, never at import time.

    rt = Runtime.create(settings)
    rt.engine.search(SearchQuery(text="asumistuki"))   # over the live snapshot
    rt.catalogue().services                            # the snapshot's records
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from auroranet.catalogue import version as catalogue_version
from auroranet.config import Settings, get_settings, session_secret
from auroranet.consent.owners import ConsentOwner
from auroranet.db.core import Database
from auroranet.db.writelock import WriteLock
from auroranet.engine.ports import Analyzer, Embedder, Engine
from auroranet.insights.latest import LatestGroups
from auroranet.lifeevents.model import LifeEvent, load_life_events
from auroranet.live import LiveSnapshot, SnapshotMetrics
from auroranet.network.auth import ClientAuth
from auroranet.network.codes import CodeSets
from auroranet.network.directory import ReceiverDirectory
from auroranet.network.robustness import ConcurrencyLimiter, Metrics, TokenBucket
from auroranet.official.withdrawal import OfficialConsents
from auroranet.recommend.engine import CatalogueEngine
from auroranet.recommend.snapshot import EngineSnapshot, build_snapshot
from auroranet.referrals.withdrawal import ReferralConsents
from auroranet.search.analysis import LazyAnalyzer
from auroranet.search.embed import LazyEmbedder
from auroranet.search.index import SearchIndex
from auroranet.usage.behind import ShownLog

if TYPE_CHECKING:
    from auroranet.jobs.runner import JobRunner

log = logging.getLogger(__name__)


@dataclass
class Limits:
    """Per-process limits (each ``serve --workers`` process has its own; see docs/network.md)."""

    bucket: TokenBucket
    engine_calls: ConcurrencyLimiter
    admin_failures: TokenBucket  # failed admin-key checks per client IP (api/admin.py)


@dataclass(eq=False)
class Runtime:
    settings: Settings
    db: Database
    embedder: Embedder
    analyzer: Analyzer
    snapshots: LiveSnapshot[EngineSnapshot]
    engine: Engine
    limits: Limits
    metrics: Metrics
    receivers: ReceiverDirectory
    writes: WriteLock
    auth: ClientAuth
    life_events: dict[str, LifeEvent] = field(default_factory=dict)  # lifeevents/files + AURORA_LIFE_EVENT_DIR
    consent_owners: tuple[ConsentOwner, ...] = ()  # domains that stop what a withdrawn consent allowed
    jobs: "JobRunner | None" = None
    usage_log: ShownLog | None = None  # AURORA_USAGE_WRITE_BEHIND: shown results written in batches
    reference_groups: LatestGroups | None = None  # set by __post_init__: the newest reference groups
    _codes: tuple[object, CodeSets] | None = field(default=None, repr=False)
    _session_secret: str | None = field(default=None, repr=False)

    @classmethod
    def create(cls, settings: Settings | None = None, *, db: Database | None = None,
               embedder: Embedder | None = None, analyzer: Analyzer | None = None,
               engine: Engine | None = None) -> "Runtime":
        settings = settings or get_settings()
        db = db or Database.from_settings(settings)
        emb: Embedder = embedder or LazyEmbedder(settings.embedder)
        ana: Analyzer = analyzer or LazyAnalyzer(settings.analyzer)
        life_events = load_life_events(settings.life_event_dir)  # a broken file fails start-up

        def build() -> EngineSnapshot:
            return build_snapshot(db, embedder=emb, analyzer=ana, models_dir=settings.models_dir,
                                  life_events=life_events)

        def version() -> int:
            with db.session() as s:
                return catalogue_version.current(s)

        snapshots = LiveSnapshot(build, version, poll_seconds=settings.catalogue_poll_seconds, name="catalogue")
        writes = WriteLock(db)
        usage_log = ShownLog(db, writes, flush_ms=settings.usage_flush_ms, batch=settings.usage_batch,
                             max_buffer=settings.usage_buffer_max) if settings.usage_write_behind else None
        metrics = Metrics(settings.metrics_multiprocess_dir)
        metrics.add_collector(SnapshotMetrics(snapshots, "aurora_catalogue"))
        return cls(settings=settings, db=db, embedder=emb, analyzer=ana, snapshots=snapshots,
                   engine=engine or CatalogueEngine(snapshots, settings.ranking_cache_size),
                   limits=Limits(TokenBucket(settings.rate_limit_per_minute),
                                 ConcurrencyLimiter(settings.max_concurrent_recommendations,
                                                    settings.engine_threads),
                                 TokenBucket(settings.admin_max_failures_per_minute)),
                   metrics=metrics, receivers=ReceiverDirectory(db), writes=writes, usage_log=usage_log,
                   auth=ClientAuth(db, recheck=settings.auth_recheck_seconds), life_events=life_events,
                   consent_owners=(ReferralConsents(), OfficialConsents()))

    def __post_init__(self) -> None:
        if self.reference_groups is None:
            self.reference_groups = LatestGroups(self.settings.data_dir / "insights",
                                                 self.settings.curation_refresh_seconds)

    def groups(self) -> LatestGroups:
        """The newest reference groups, looked for again at most every AURORA_CURATION_REFRESH_SECONDS."""
        assert self.reference_groups is not None
        return self.reference_groups

    def snapshot(self) -> EngineSnapshot:
        """The current engine snapshot (built on first use)."""
        return self.snapshots.current()

    def catalogue(self) -> SearchIndex:
        """The current catalogue snapshot: records, code lists and the search index."""
        return self.snapshots.current().index

    def index(self) -> SearchIndex:
        return self.catalogue()

    def refresh(self) -> SearchIndex:
        """Rebuild now (CLI commands and tests that changed the store in this process)."""
        return self.snapshots.refresh().index

    def codes(self) -> CodeSets:
        """Valid codes from the snapshot's code lists, derived once per snapshot."""
        ref = self.catalogue().reference
        cached = self._codes
        if cached is not None and cached[0] is ref:
            return cached[1]
        codes = CodeSets.of(ref)
        self._codes = (ref, codes)
        return codes

    def session_secret(self) -> str:
        """The web session secret (configured, or generated once into the data directory); raises
        ``InputError`` when the configured one is weak."""
        if self._session_secret is None:
            self._session_secret = session_secret(self.settings)
        return self._session_secret

    def close(self) -> None:
        self.snapshots.stop()
        if self.jobs is not None:
            self.jobs.stop()
        if self.usage_log is not None:
            self.usage_log.close()  # what is still buffered is written now
        self.writes.close()
        self.auth.close()
        self.db.dispose()
