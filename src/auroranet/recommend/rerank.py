"""LightGBM LambdaMART reranker learnt from the usage log.

Training data: every logged recommendation is a query; its shown services are the documents, graded
positive service feedback 3, click (redirect) 2, shown 0; negative feedback makes it 0 whatever else
happened. Features per (recommendation, service) are listed in ``FEATURES``: the base score and rank,
relevance × need weight per meter, label flag, national flag, channel counts, text length and the calling
service as a categorical. The feature list and the category vocabulary are saved WITH the model (LightGBM
text model + JSON meta), versioned in ``ranker_models``.

A training is activated only when it is at least as good as the active model (or, without one, the base
ranking) on a held-out part of the log; a failed or worse training leaves the old model serving.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from sqlalchemy import select, update

from auroranet.errors import InputError
from auroranet.evaluation.metrics import ndcg_at_k
from auroranet.recommend.meters import METER_INDEX, METER_KEYS, needs_from_scores
from auroranet.recommend.models import RankerModel
from auroranet.search.schemas import Hit, RecommendQuery

NUMERIC = ["base_score", "rank", *[f"rel_need_{m}" for m in METER_KEYS], "label", "national", "n_channels",
           "n_echannel", "n_phone", "n_location", "n_webpage", "text_length"]
CATEGORICAL = ["calling_service"]
FEATURES = NUMERIC + CATEGORICAL
GRADE_FEEDBACK, GRADE_CLICK = 3, 2
DEFAULT_PARAMS: dict[str, Any] = {
    "objective": "lambdarank", "metric": "ndcg", "ndcg_eval_at": [5, 10], "learning_rate": 0.05,
    "num_leaves": 15, "min_data_in_leaf": 20, "feature_fraction": 0.9, "lambda_l2": 1.0, "verbose": -1,
    "seed": 0, "deterministic": True, "num_threads": 1, "cat_smooth": 10,
}
ROUNDS = 150


@dataclass
class LoggedQuery:
    recommendation_id: int
    calling_service: str
    meters: dict[str, float]
    items: list[dict[str, Any]]  # service_id, rank, score, features, grade


@dataclass
class RankerArtefact:
    version: int | None
    booster: Any
    features: list[str]
    vocab: dict[str, list[str]]

    def encode(self, rows: list[dict[str, Any]]) -> np.ndarray:
        X = np.full((len(rows), len(self.features)), np.nan, dtype=np.float64)
        codes = {c: {v: i for i, v in enumerate(vals)} for c, vals in self.vocab.items()}
        for r, row in enumerate(rows):
            for j, f in enumerate(self.features):
                v = row.get(f)
                if f in codes:
                    X[r, j] = codes[f].get(str(v or ""), np.nan)
                elif v is not None:
                    X[r, j] = float(v)
        return X

    def predict(self, rows: list[dict[str, Any]]) -> np.ndarray:
        return np.asarray(self.booster.predict(self.encode(rows)), dtype=np.float64)


@dataclass
class TrainResult:
    activated: bool
    version: int | None
    reason: str
    metrics: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------------------------


def _static_features(index: Any, i: int) -> dict[str, float]:
    cache = index.extras.setdefault("rerank.static", {})
    if i not in cache:
        svc = index.services[i]
        channels = [index.channels.get(c) for c in svc.channel_ids]
        types = [c.type for c in channels if c is not None]
        text = " ".join(v for d in (svc.names, svc.summary, svc.description) for v in d.values())
        cache[i] = {"national": float(svc.is_national), "n_channels": float(len(types)),
                    "n_echannel": float(types.count("EChannel")), "n_phone": float(types.count("Phone")),
                    "n_location": float(types.count("ServiceLocation")), "n_webpage": float(types.count("WebPage")),
                    "text_length": math.log1p(len(text))}
    return cache[i]


def feature_rows(runtime: Any, index: Any, meters: dict[str, float], items: Sequence[tuple[str, int, float]],
                 calling_service: str = "") -> list[dict[str, Any]]:
    """Feature dicts for (service id, rank, base score) triples of one request. Unknown ids get NaNs."""
    from auroranet.recommend.service import label_view, relevance_matrix

    R = relevance_matrix(runtime, index)
    view = label_view(runtime, index)
    needs = dict(needs_from_scores(meters)) if meters else {}
    rows = []
    for sid, rank, score in items:
        row: dict[str, Any] = {"base_score": float(score), "rank": float(rank), "calling_service": calling_service}
        i = index.pos.get(sid)
        if i is not None:
            for m in METER_KEYS:
                row[f"rel_need_{m}"] = float(R[i, METER_INDEX[m]] * needs.get(m, 0.0))
            row["label"] = float(any(view.marks[i, METER_INDEX[m]] for m in needs))
            row.update(_static_features(index, i))
        rows.append(row)
    return rows


def hit_features(runtime: Any, q: RecommendQuery, hits: Sequence[Hit], calling_service: str = "") -> list[dict[str, Any]]:
    """What the network log should store in ``recommendation_services.features`` for each hit."""
    rows = feature_rows(runtime, runtime.index(), dict(q.meters), [(h.service_id, h.rank, h.score) for h in hits],
                        calling_service)
    return [{k: v for k, v in r.items() if k in NUMERIC} for r in rows]


# ---------------------------------------------------------------------------------------------
# The log
# ---------------------------------------------------------------------------------------------


def _meters_from_request(attrs: dict[str, Any] | None) -> dict[str, float]:
    raw = (attrs or {}).get("life_situation_meters") or {}
    out = {}
    for k, v in raw.items() if isinstance(raw, dict) else ():
        vals = v if isinstance(v, list) else [v]
        nums = [float(x) for x in vals if isinstance(x, (int, float)) and not isinstance(x, bool)]
        if k in METER_INDEX and nums and all(0 <= x <= 10 for x in nums):
            out[k] = sum(nums) / len(nums)
    return out


def load_log(db: Any) -> list[LoggedQuery]:
    from auroranet.network.models import (Recommendation, RecommendationService, Redirect, ServiceFeedback)

    with db.session() as s:
        recs = {r.id: r for r in s.scalars(select(Recommendation))}
        clicks = {(r, sid) for r, sid in s.execute(select(Redirect.recommendation_id, Redirect.service_id))}
        feedback = {(r, sid): score for r, sid, score in s.execute(
            select(ServiceFeedback.recommendation_id, ServiceFeedback.service_id, ServiceFeedback.feedback_score))}
        shown: dict[int, list[RecommendationService]] = {}
        for row in s.scalars(select(RecommendationService).order_by(RecommendationService.recommendation_id,
                                                                    RecommendationService.rank)):
            shown.setdefault(row.recommendation_id, []).append(row)
    out = []
    for rid in sorted(shown):
        rec = recs.get(rid)
        if rec is None:
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
        out.append(LoggedQuery(rid, rec.calling_service or "", _meters_from_request(rec.request_attributes), items))
    return out


def _rows_for(runtime: Any, index: Any, q: LoggedQuery) -> list[dict[str, Any]]:
    rows = feature_rows(runtime, index, q.meters, [(it["service_id"], it["rank"], it["score"]) for it in q.items],
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


# ---------------------------------------------------------------------------------------------
# Models on disk and in the table
# ---------------------------------------------------------------------------------------------


def reranker_dir(runtime: Any) -> Path:
    return Path(runtime.settings.models_dir) / "reranker"


def load_artefact(path: Path, version: int | None = None) -> RankerArtefact:
    import lightgbm as lgb

    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return RankerArtefact(version, lgb.Booster(model_file=str(path)), list(meta["features"]),
                          {k: list(v) for k, v in meta["vocab"].items()})


def active_model(runtime: Any) -> RankerArtefact | None:
    """The active reranker, cached per process; None when none is active or its files are gone."""
    from auroranet.recommend.service import _cached

    def load() -> RankerArtefact | None:
        with runtime.db.session() as s:
            row = s.scalars(select(RankerModel).where(RankerModel.active.is_(True))
                            .order_by(RankerModel.version.desc())).first()
            if row is None:
                return None
            version, path = row.version, Path(row.path)
        try:
            return load_artefact(path, version)
        except (OSError, ValueError, KeyError, Exception):  # noqa: BLE001 - a broken file must not break serving
            return None

    return _cached(runtime, "recommend.reranker", load)


def rerank(runtime: Any, q: RecommendQuery, hits: list[Hit], *, calling_service: str = "") -> list[Hit]:
    """Reorder hits with the active model; unchanged when there is none. Ties keep the base order."""
    model = active_model(runtime)
    if model is None or len(hits) < 2:
        return hits
    rows = feature_rows(runtime, runtime.index(), dict(q.meters), [(h.service_id, h.rank, h.score) for h in hits],
                        calling_service)
    pred = model.predict(rows)
    order = sorted(range(len(hits)), key=lambda j: (-pred[j], hits[j].rank))
    out = []
    for new_rank, j in enumerate(order, start=1):
        h = hits[j]
        h.explanation.sources["rerank"] = round(float(pred[j]), 6)
        h.rank = new_rank
        out.append(h)
    return out


# ---------------------------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------------------------


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


def train(runtime: Any, *, holdout: float = 0.2, seed: int = 0, min_queries: int = 20, activate: bool = True,
          params: dict[str, Any] | None = None) -> TrainResult:
    """Fit on the log, compare on the held-out part, save a new version; activate it only if not worse."""
    if not 0.05 <= holdout <= 0.5:
        raise InputError("holdout must be between 0.05 and 0.5")
    index = runtime.index()
    queries = load_log(runtime.db)
    train_q, test_q = split(queries, holdout, seed)
    positives = sum(1 for q in train_q if any(it["grade"] > 0 for it in q.items))
    if positives < min_queries or not test_q:
        return TrainResult(False, None, f"not enough usage data: {positives} recommendations with clicks or feedback "
                                        f"(need {min_queries}); the current model stays active")
    train_rows = [_rows_for(runtime, index, q) for q in train_q]
    test_rows = [_rows_for(runtime, index, q) for q in test_q]
    try:
        cand = _fit(train_rows, [[it["grade"] for it in q.items] for q in train_q], params or {})
    except Exception as exc:  # noqa: BLE001 - any training failure keeps the old model
        return TrainResult(False, None, f"training failed ({type(exc).__name__}: {exc}); the current model stays active")
    metrics: dict[str, Any] = {"train_queries": len(train_q), "heldout_queries": len(test_q), "seed": seed}
    for name, art in (("candidate", cand), ("active", active_model(runtime))):
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
    version = _store(runtime, cand, metrics, activate=ok)
    if ok:
        from auroranet.recommend.service import invalidate

        invalidate(runtime)
        return TrainResult(True, version, "activated", metrics)
    what = "the active model" if "active" in metrics else "the base ranking"
    return TrainResult(False, version, f"not activated: held-out nDCG is not better than {what}", metrics)


def _store(runtime: Any, art: RankerArtefact, metrics: dict[str, Any], *, activate: bool) -> int:
    directory = reranker_dir(runtime)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    path = directory / f"lambdamart-{stamp}.txt"
    meta = {"features": art.features, "vocab": art.vocab, "grades": {"feedback": GRADE_FEEDBACK, "click": GRADE_CLICK},
            "metrics": metrics, "created_at": stamp}
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    art.booster.save_model(str(path))
    with runtime.db.session() as s:
        if activate:
            s.execute(update(RankerModel).where(RankerModel.active.is_(True)).values(active=False))
        row = RankerModel(kind="lambdamart", path=str(path.resolve()), metrics=metrics, active=activate)
        s.add(row)
        s.flush()
        return int(row.version)


def list_models(runtime: Any) -> list[dict[str, Any]]:
    with runtime.db.session() as s:
        return [{"version": r.version, "kind": r.kind, "created_at": r.created_at, "active": r.active,
                 "metrics": r.metrics, "path": r.path}
                for r in s.scalars(select(RankerModel).order_by(RankerModel.version))]
