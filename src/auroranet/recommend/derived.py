"""Arrays derived from one engine snapshot, each computed once and kept in the snapshot's cache: the
label view, the relevance model and its matrix, the meter and life-event vectors, the audience rules.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np

from auroranet.recommend import relevance as rel
from auroranet.recommend.need_lexical import fuse, need_lexical
from auroranet.audience.masks import AudienceMasks
from auroranet.recommend.snapshot import EngineSnapshot, LabelView, Relevance
from auroranet.search.index import passage_text
from auroranet.vocab import METER_INDEX, METER_KEYS


def _fingerprint(view: LabelView) -> str:
    return hashlib.sha256(json.dumps(sorted((s, list(m), e) for s, m, e in view.rows)).encode()).hexdigest()[:16]


def _build_label_view(snap: EngineSnapshot) -> LabelView:
    index = snap.index
    n = len(index.ids)
    view = LabelView(np.zeros((n, len(METER_KEYS)), bool), np.zeros(n, bool))
    excl_votes: dict[int, bool] = {}
    for sid, muni, source, meters, excluded in snap.labels:
        i = index.pos.get(sid)
        if i is None:
            continue
        view.rows.append((sid, meters, excluded))
        if meters:
            view.sources.setdefault(i, [])
            if source not in view.sources[i]:
                view.sources[i].append(source)
        ms = {METER_INDEX[m] for m in meters if m in METER_INDEX}
        if muni:
            view.local.setdefault(muni, {}).setdefault(i, set()).update(ms)
        else:
            for m in ms:
                view.marks[i, m] = True
            excl_votes[i] = excl_votes.get(i, True) and excluded
    for i, ex in excl_votes.items():
        view.excluded[i] = ex and not view.marks[i].any()
    snap.cache.label_view = view
    return view


def label_view(snap: EngineSnapshot) -> LabelView:
    return snap.cache.get(lambda: snap.cache.label_view, lambda: _build_label_view(snap))


def embed_queries(snap: EngineSnapshot, texts: list[str]) -> np.ndarray:
    return np.asarray(snap.embedder.embed_queries(list(texts)), dtype=np.float32)


def meter_vectors_for(snap: EngineSnapshot) -> np.ndarray:
    """The meters' vectors: ``build_snapshot`` fills them from the store's embedding cache; a snapshot
    built otherwise (tests) embeds them here once."""
    def compute() -> np.ndarray:
        snap.cache.meter_vectors = rel.meter_vectors(lambda t: embed_queries(snap, list(t)))
        return snap.cache.meter_vectors

    return snap.cache.get(lambda: snap.cache.meter_vectors, compute)


def _build_relevance(snap: EngineSnapshot) -> Relevance:
    index = snap.index
    name, dim = snap.embedder.name, int(index.vectors.shape[1])
    texts = [passage_text(s) for s in index.services]  # for the text part of the irrelevance
    saved = snap.saved_relevance
    if saved is not None and saved.embedder == name and saved.dim == dim:
        model_id, model = f"saved:v{saved.meta.get('version')}", saved
    else:
        view = label_view(snap)
        model_id = f"auto:{_fingerprint(view)}"
        M = meter_vectors_for(snap)
        if view.rows:
            labels = rel.LabelSet.from_rows(view.rows)
            rows = [index.pos[s] for s in labels.ids]
            model = rel.fit(index.vectors[rows], labels, M, embedder=name, X_ref=index.vectors,
                            texts=[texts[i] for i in rows], ref_texts=texts)
        else:
            model = rel.zero_shot_model(M, index.vectors if len(index.vectors) else M, embedder=name)
    R = model.predict(index.vectors, texts) if len(index.vectors) else np.zeros((0, len(METER_KEYS)), np.float32)
    if len(R):
        R = fuse(R, need_lexical(index.lex, index.analyzer))
    snap.cache.relevance = Relevance(model_id, model, R)
    return snap.cache.relevance


def relevance(snap: EngineSnapshot) -> Relevance:
    """The relevance model this snapshot serves with, and its (n_services, 10) matrix."""
    return snap.cache.get(lambda: snap.cache.relevance, lambda: _build_relevance(snap))


def relevance_matrix(snap: EngineSnapshot) -> np.ndarray:
    return relevance(snap).matrix


def audience_rules(snap: EngineSnapshot) -> AudienceMasks:
    def compute() -> AudienceMasks:
        snap.cache.audience = AudienceMasks.from_services(snap.index.services)
        return snap.cache.audience

    return snap.cache.get(lambda: snap.cache.audience, compute)


def life_event_vector(snap: EngineSnapshot, key: str) -> np.ndarray:
    def compute() -> np.ndarray:
        descs = snap.life_events[key].descriptions
        v = embed_queries(snap, [descs["fi"], descs["sv"], descs["en"]]).mean(axis=0)
        vec: np.ndarray = (v / (np.linalg.norm(v) or 1.0)).astype(np.float32)
        snap.cache.life_events[key] = vec
        return vec

    return snap.cache.get(lambda: snap.cache.life_events.get(key), compute)
