"""LightGBM LambdaMART reranker: features and serving. Training is in ``train_ranker.py``.

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

import math
from typing import Any, Sequence


from auroranet.recommend.snapshot import EngineSnapshot

from auroranet.engine.contract import Hit
from auroranet.recommend.derived import label_view, relevance_matrix
from auroranet.vocab import METER_INDEX, METER_KEYS

# ---------------------------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------------------------


def _static_features(snap: EngineSnapshot, i: int) -> dict[str, float]:
    cache = snap.cache.static_features
    if i not in cache:
        index = snap.index
        svc = index.services[i]
        channels = [index.channels.get(c) for c in svc.channel_ids]
        types = [c.type for c in channels if c is not None]
        text = " ".join(v for d in (svc.names, svc.summary, svc.description) for v in d.values())
        cache[i] = {"national": float(svc.is_national), "n_channels": float(len(types)),
                    "n_echannel": float(types.count("EChannel")), "n_phone": float(types.count("Phone")),
                    "n_location": float(types.count("ServiceLocation")), "n_webpage": float(types.count("WebPage")),
                    "text_length": math.log1p(len(text))}
    return cache[i]


def feature_rows(snap: EngineSnapshot, needs: dict[str, float], items: Sequence[tuple[str, int, float]],
                 calling_service: str) -> list[dict[str, Any]]:
    """Feature dicts for (service id, rank, base score) triples of one request; ``needs`` maps meter
    keys to need weights (``meters.needs_from_scores``). Unknown ids get NaNs."""
    R = relevance_matrix(snap)
    view = label_view(snap)
    rows = []
    for sid, rank, score in items:
        row: dict[str, Any] = {"base_score": float(score), "rank": float(rank), "calling_service": calling_service}
        i = snap.index.pos.get(sid)
        if i is not None:
            for m in METER_KEYS:
                row[f"rel_need_{m}"] = float(R[i, METER_INDEX[m]] * needs.get(m, 0.0))
            row["label"] = float(any(view.marks[i, METER_INDEX[m]] for m in needs))
            row.update(_static_features(snap, i))
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------
# Serving
# ---------------------------------------------------------------------------------------------


def rerank(snap: EngineSnapshot, needs: dict[str, float], hits: list[Hit], *, calling_service: str) -> list[Hit]:
    """Reorder hits with the snapshot's active model; unchanged when there is none. Ties keep the base
    order. ``calling_service`` must be what the log stores for the caller (the model was trained on it)."""
    model = snap.reranker
    if model is None or len(hits) < 2:
        return hits
    rows = feature_rows(snap, needs, [(h.service_id, h.rank, h.score) for h in hits], calling_service)
    pred = model.predict(rows)
    order = sorted(range(len(hits)), key=lambda j: (-pred[j], hits[j].rank))
    out = []
    for new_rank, j in enumerate(order, start=1):
        h = hits[j]
        h.explanation.sources["rerank"] = round(float(pred[j]), 6)
        h.rank = new_rank
        out.append(h)
    return out
