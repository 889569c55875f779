"""Training the LightGBM LambdaMART reranker from the usage log.

Every logged recommendation is a query; its shown services are the documents, graded positive service
feedback 3, click 2, shown 0; negative feedback makes it 0 whatever else happened. The needs come from
``recommendation_needs`` and the calling service from the log, exactly as serving passes them.

A training is activated only when it is at least as good as the active model (or, without one, the base
ranking) on a held-out part of the log; a failed or worse training leaves the old model serving.
Activating bumps the catalogue version, so every serving process picks the model up with its next
snapshot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from auroranet.catalogue import version as catalogue_version
from auroranet.db.core import Database
from auroranet.errors import InputError
from auroranet.evaluation.metrics import ndcg_at_k
from auroranet.recommend.models import RankerModel
from auroranet.recommend.ranker_model import (
    CATEGORICAL,
    DEFAULT_PARAMS,
    FEATURES,
    GRADE_CLICK,
    GRADE_FEEDBACK,
    NUMERIC,
    ROUNDS,
    RankerArtefact,
)
from auroranet.recommend.rerank import feature_rows
from auroranet.recommend.snapshot import EngineSnapshot
from auroranet.usage.models import Recommendation, RecommendationNeed, RecommendationService, Redirect, ServiceFeedback


@dataclass
class LoggedQuery:
    recommendation_id: int
    calling_service: str
    needs: dict[str, float]  # meter -> need weight, as logged
    items: list[dict[str, Any]]  # service_id, rank, score, features, grade




@dataclass
class TrainResult:
    activated: bool
    version: int | None
    reason: str
    metrics: dict[str, Any] = field(default_factory=dict)


def load_log(s: Session) -> list[LoggedQuery]:
    recs = {r.id: r.calling_service or "" for r in s.scalars(select(Recommendation))}
    needs: dict[int, dict[str, float]] = {}
    for rid, meter, weight in s.execute(select(RecommendationNeed.recommendation_id, RecommendationNeed.meter,
                                               RecommendationNeed.weight)):
        needs.setdefault(rid, {})[meter] = float(weight)
    clicks = {(r, sid) for r, sid in s.execute(select(Redirect.recommendation_id, Redirect.service_id))}
    feedback = {(r, sid): score for r, sid, score in s.execute(
        select(ServiceFeedback.recommendation_id, ServiceFeedback.service_id, ServiceFeedback.feedback_score))}
    shown: dict[int, list[RecommendationService]] = {}
    for row in s.scalars(select(RecommendationService).order_by(RecommendationService.recommendation_id,
                                                                RecommendationService.rank)):
        shown.setdefault(row.recommendation_id, []).append(row)
    out = []
    for rid in sorted(shown):
        if rid not in recs:
            continue
        items = []
        for row in shown[rid]:
            fb = feedback.get((rid, row.service_id))
            grade = GRADE_CLICK if (rid, row.service_id) in clicks else 0
            if fb is not None and fb > 0:
                grade = GRADE_FEEDBACK
            elif fb is not None and fb < 0:
                grade = 0
            items.append({"service_id": row.service_id, "rank": row.rank, "score": row.score,
                          "features": dict(row.features or {}), "grade": grade})
        out.append(LoggedQuery(rid, recs[rid], needs.get(rid, {}), items))
    return out


def _rows_for(snap: EngineSnapshot, q: LoggedQuery) -> list[dict[str, Any]]:
    rows = feature_rows(snap, q.needs, [(it["service_id"], it["rank"], it["score"]) for it in q.items],
                        q.calling_service)
    for row, it in zip(rows, q.items):  # what was logged at serving time wins over today's catalogue
        row.update({k: v for k, v in it["features"].items() if k in NUMERIC and isinstance(v, (int, float))})
    return rows


def split(queries: list[LoggedQuery], holdout: float, seed: int) -> tuple[list[LoggedQuery], list[LoggedQuery]]:
    rng = np.random.default_rng(seed)
    perm = rng.permutation(len(queries))
    n_test = max(1, int(round(holdout * len(queries)))) if len(queries) > 1 else 0
    test = set(perm[:n_test].tolist())
    return [q for i, q in enumerate(queries) if i not in test], [q for i, q in enumerate(queries) if i in test]


def ndcg_of(queries: list[LoggedQuery], scores: list[np.ndarray] | None, k: int) -> float:
    """Mean nDCG@k over queries with a positive grade; ``scores`` None = the logged (base) order."""
    vals = []
    for qi, q in enumerate(queries):
        gains = {it["service_id"]: float(it["grade"]) for it in q.items if it["grade"] > 0}
        if not gains:
            continue
        if scores is None:
            order = sorted(range(len(q.items)), key=lambda j: (q.items[j]["rank"], q.items[j]["service_id"]))
        else:
            order = sorted(range(len(q.items)), key=lambda j: (-scores[qi][j], q.items[j]["rank"]))
        vals.append(ndcg_at_k([q.items[j]["service_id"] for j in order], gains, k))
    return float(np.mean(vals)) if vals else 0.0


def _fit(rows: list[list[dict[str, Any]]], grades: list[list[int]], params: dict[str, Any]) -> RankerArtefact:
    import lightgbm as lgb

    vocab = {"calling_service": sorted({str(r.get("calling_service") or "") for q in rows for r in q})}
    art = RankerArtefact(None, None, list(FEATURES), vocab)
    X = np.vstack([art.encode(q) for q in rows])
    y = np.concatenate([np.asarray(g, dtype=np.float64) for g in grades])
    ds = lgb.Dataset(X, label=y, group=[len(q) for q in rows], feature_name=FEATURES,
                     categorical_feature=[FEATURES.index(c) for c in CATEGORICAL], free_raw_data=False)
    p = dict(DEFAULT_PARAMS)
    p.update(params)
    rounds = int(p.pop("num_boost_round", ROUNDS))
    art.booster = lgb.train(p, ds, num_boost_round=rounds)
    return art


def train(db: Database, snap: EngineSnapshot, models_dir: Path, *, holdout: float = 0.2, seed: int = 0, min_queries: int = 20, activate: bool = True,
          params: dict[str, Any] | None = None) -> TrainResult:
    """Fit on the log, compare on the held-out part, save a new version; activate it only if not worse."""
    if not 0.05 <= holdout <= 0.5:
        raise InputError("holdout must be between 0.05 and 0.5")
    with db.session() as s:
        queries = load_log(s)
    train_q, test_q = split(queries, holdout, seed)
    positives = sum(1 for q in train_q if any(it["grade"] > 0 for it in q.items))
    if positives < min_queries or not test_q:
        return TrainResult(False, None, f"not enough usage data: {positives} recommendations with clicks or feedback "
                                        f"(need {min_queries}); the current model stays active")
    train_rows = [_rows_for(snap, q) for q in train_q]
    test_rows = [_rows_for(snap, q) for q in test_q]
    try:
        cand = _fit(train_rows, [[it["grade"] for it in q.items] for q in train_q], params or {})
    except Exception as exc:  # noqa: BLE001 - any training failure keeps the old model
        return TrainResult(False, None, f"training failed ({type(exc).__name__}: {exc}); the current model stays active")
    metrics: dict[str, Any] = {"train_queries": len(train_q), "heldout_queries": len(test_q), "seed": seed}
    for name, art in (("candidate", cand), ("active", snap.reranker)):
        if art is None:
            continue
        scores = [art.predict(r) for r in test_rows]
        metrics[name] = {"ndcg@5": ndcg_of(test_q, scores, 5), "ndcg@10": ndcg_of(test_q, scores, 10)}
    metrics["base"] = {"ndcg@5": ndcg_of(test_q, None, 5), "ndcg@10": ndcg_of(test_q, None, 10)}
    reference = metrics.get("active", metrics["base"])
    better = (metrics["candidate"]["ndcg@10"], metrics["candidate"]["ndcg@5"]) >= (reference["ndcg@10"], reference["ndcg@5"])
    improves_base = metrics["candidate"]["ndcg@10"] > metrics["base"]["ndcg@10"] or "active" in metrics
    ok = activate and better and improves_base
    if not activate:
        return TrainResult(False, None, "evaluation only", metrics)
    version = _store(db, models_dir, cand, metrics, activate=ok)
    if ok:
        return TrainResult(True, version, "activated", metrics)
    what = "the active model" if "active" in metrics else "the base ranking"
    return TrainResult(False, version, f"not activated: held-out nDCG is not better than {what}", metrics)


def _store(db: Database, models_dir: Path, art: RankerArtefact, metrics: dict[str, Any], *, activate: bool) -> int:
    directory = Path(models_dir) / "reranker"
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    path = directory / f"lambdamart-{stamp}.txt"
    meta = {"features": art.features, "vocab": art.vocab, "grades": {"feedback": GRADE_FEEDBACK, "click": GRADE_CLICK},
            "metrics": metrics, "created_at": stamp}
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    art.booster.save_model(str(path))
    with db.session() as s:
        if activate:
            s.execute(update(RankerModel).where(RankerModel.active.is_(True)).values(active=False))
            catalogue_version.bump(s, what="reranker")
        row = RankerModel(kind="lambdamart", path=str(path.resolve()), metrics=metrics, active=activate)
        s.add(row)
        s.flush()
        return int(row.version)


def list_models(db: Database) -> list[dict[str, Any]]:
    with db.session() as s:
        return [{"version": r.version, "kind": r.kind, "created_at": r.created_at, "active": r.active,
                 "metrics": r.metrics, "path": r.path}
                for r in s.scalars(select(RankerModel).order_by(RankerModel.version))]
