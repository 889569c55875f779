"""3X10D recommendations: the use cases the API, the web app and the CLI call.

    hits = recommend(runtime, RecommendQuery(meters={"housing": 2, "finance": 3}, age=16))

How the parts fit: ``meters.needs_from_scores`` turns values into weighted needs; the relevance matrix
(n_services, 10) comes from the newest trained ``relevance`` model for the index's embedder (or, when none
was trained, a model fitted on the fly from the labels in the database, or the zero-shot prior when there
are none) and is cached in ``index.extras`` per snapshot; expert labels in the database boost the services
they link to a need (municipality-specific labels only in that municipality); ``rank.rank`` mixes the
needs; ``rerank.rerank`` reorders when asked and a model is active.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from auroranet.errors import InputError
from auroranet.recommend import relevance as rel
from auroranet.recommend.meters import METER_INDEX, METER_KEYS, needs_from_scores, validate_meters
from auroranet.recommend.rank import Aspect, AudienceRules, calibrate_similarity, rank
from auroranet.search.schemas import Explanation, Hit, RecommendQuery

log = logging.getLogger(__name__)

LABEL_BOOST = 0.6  # labelled: relevance r → 1 − (1 − r)(1 − LABEL_BOOST)
EXCLUDED_DAMPING = 0.5  # experts judged the service irrelevant to every meter
CACHE_SECONDS = 30.0
MAX_LIMIT = 100
EXPLAIN_MIN_RELEVANCE = 0.5  # other needs a hit also serves
EXPLAIN_NEED_FLOOR = 0.1  # the need a hit was picked for, unless it barely relates
_lock = threading.Lock()

LIFE_EVENTS: dict[str, dict[str, Any]] = {
    "dropout_risk": {
        "names": {"fi": "Opinnot uhkaavat keskeytyä", "sv": "Risk att avbryta studierna",
                  "en": "At risk of dropping out"},
        "descriptions": {
            "fi": "Nuori, jonka opinnot uhkaavat keskeytyä. Opintojen ohjaus, opiskeluhuolto, kuraattori, "
                  "nuorten työpajat, etsivä nuorisotyö, Ohjaamo ja tuki koulutuksen jatkamiseen.",
            "sv": "En ung person som riskerar att avbryta studierna. Studiehandledning, elevhälsa, kurator, "
                  "verkstäder för unga, uppsökande ungdomsarbete och Navigatorn.",
            "en": "A young person at risk of dropping out of school. Study guidance, student welfare, school "
                  "social worker, youth workshops, outreach youth work and the one-stop guidance centre.",
        },
        "meters": ("working_studying", "self_esteem"),
    },
    "moving_to_study": {
        "names": {"fi": "Muutto opiskelemaan uudelle paikkakunnalle", "sv": "Flytt till en ny ort för studier",
                  "en": "Moving to a new city to study"},
        "descriptions": {
            "fi": "Opiskelija muuttaa uudelle paikkakunnalle. Opiskelija-asunto, vuokra-asunto, asumistuki, "
                  "opintotuki, muuttoilmoitus, opiskeluterveydenhuolto ja uusien ystävien löytäminen.",
            "sv": "En studerande flyttar till en ny ort. Studentbostad, hyresbostad, bostadsbidrag, studiestöd, "
                  "flyttanmälan, studerandehälsovård och nya vänner.",
            "en": "A student moving to a new city. Student housing, rental flat, housing allowance, student "
                  "financial aid, notice of move, student health care and finding new friends.",
        },
        "meters": ("housing", "finance", "friends"),
    },
    "job_seeking": {
        "names": {"fi": "Työnhaku ja jatkuva oppiminen", "sv": "Jobbsökning och kontinuerligt lärande",
                  "en": "Job seeking and continuous learning"},
        "descriptions": {
            "fi": "Työnhakija tai työtön. Työnhaku, TE-palvelut, työllisyyspalvelut, työvoimakoulutus, "
                  "ammatillinen aikuiskoulutus, uudelleenkoulutus, työttömyysturva ja urasuunnittelu.",
            "sv": "En arbetssökande eller arbetslös. Jobbsökning, TE-tjänster, sysselsättningstjänster, "
                  "arbetskraftsutbildning, yrkesinriktad vuxenutbildning och arbetslöshetsskydd.",
            "en": "A job seeker or unemployed person. Job search, employment services, labour market training, "
                  "vocational adult education, retraining, unemployment benefit and career planning.",
        },
        "meters": ("working_studying", "finance", "improvement_of_strengths"),
    },
}
LIFE_EVENT_METER_WEIGHT = 0.3


# ---------------------------------------------------------------------------------------------
# Labels and relevance, cached per index snapshot
# ---------------------------------------------------------------------------------------------


@dataclass
class LabelView:
    """Stored labels aligned with an index: global marks, per-municipality marks, exclusions, sources."""

    marks: np.ndarray  # (n, 10) bool, labels valid everywhere
    excluded: np.ndarray  # (n,) bool
    local: dict[str, dict[int, set[int]]] = field(default_factory=dict)  # municipality -> pos -> meters
    sources: dict[int, list[str]] = field(default_factory=dict)
    rows: list[tuple[str, Sequence[str], bool]] = field(default_factory=list)  # for training

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(sorted((s, list(m), e) for s, m, e in self.rows)).encode()).hexdigest()[:16]


def _cached(runtime: Any, key: str, loader: Callable[[], Any]) -> Any:
    now = time.monotonic()
    hit = runtime.extras.get(key)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    value = loader()
    runtime.extras[key] = (now, value)
    return value


def invalidate(runtime: Any) -> None:
    """Forget cached labels and models (after an import or a training in this process)."""
    for key in ("recommend.labels", "recommend.relevance_model", "recommend.reranker"):
        runtime.extras.pop(key, None)


def _load_label_rows(runtime: Any) -> list[tuple[str, str, str, tuple[str, ...], bool]]:
    from auroranet.recommend.labels import load_labels

    with runtime.db.session() as s:
        return load_labels(s)


def label_view(runtime: Any, index: Any) -> LabelView:
    rows = _cached(runtime, "recommend.labels", lambda: _load_label_rows(runtime))
    key = ("labels", id(rows))
    cached = index.extras.get("recommend.label_view")
    if cached is not None and cached[0] == key:
        return cached[1]
    n = len(index.ids)
    view = LabelView(np.zeros((n, len(METER_KEYS)), bool), np.zeros(n, bool))
    excl_votes: dict[int, bool] = {}
    for sid, muni, source, meters, excluded in rows:
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
    index.extras["recommend.label_view"] = (key, view)
    return view


def relevance_dir(runtime: Any) -> Path:
    return Path(runtime.settings.models_dir) / "relevance"


def _embed_queries(index: Any) -> Callable[[list[str]], np.ndarray]:
    return lambda texts: np.asarray(index.embedder.embed_queries(list(texts)), dtype=np.float32)


def meter_vectors_for(index: Any) -> np.ndarray:
    M = index.extras.get("recommend.meter_vectors")
    if M is None:
        M = rel.meter_vectors(_embed_queries(index))
        index.extras["recommend.meter_vectors"] = M
    return M


def relevance_model(runtime: Any, index: Any) -> tuple[str, rel.RelevanceModel]:
    """The trained model for this embedder; else one fitted now on the stored labels; else the prior."""
    name, dim = index.embedder.name, int(index.vectors.shape[1])
    saved = _cached(runtime, "recommend.relevance_model",
                    lambda: rel.load_latest(relevance_dir(runtime), embedder=name, dim=dim))
    if saved is not None and saved.embedder == name and saved.dim == dim:
        return f"saved:v{saved.meta.get('version')}", saved
    view = label_view(runtime, index)
    model_id = f"auto:{view.fingerprint()}"
    cached = index.extras.get("recommend.auto_model")
    if cached is not None and cached[0] == model_id:
        return cached
    M = meter_vectors_for(index)
    if view.rows:
        labels = rel.LabelSet.from_rows(view.rows)
        X = index.vectors[[index.pos[s] for s in labels.ids]]
        model = rel.fit(X, labels, M, embedder=name, X_ref=index.vectors)
    else:
        model = rel.zero_shot_model(M, index.vectors if len(index.vectors) else M, embedder=name)
    index.extras["recommend.auto_model"] = (model_id, model)
    return model_id, model


def relevance_matrix(runtime: Any, index: Any) -> np.ndarray:
    """(n_services, 10) relevance for the index, computed once per snapshot and model."""
    with _lock:
        model_id, model = relevance_model(runtime, index)
        cached = index.extras.get("meter_relevance_key")
        if cached == model_id and "meter_relevance" in index.extras:
            return index.extras["meter_relevance"]
        R = model.predict(index.vectors) if len(index.vectors) else np.zeros((0, len(METER_KEYS)), np.float32)
        index.extras["meter_relevance"] = R
        index.extras["meter_relevance_key"] = model_id
        return R


def audience_rules(index: Any) -> AudienceRules:
    rules = index.extras.get("recommend.audience")
    if rules is None:
        rules = AudienceRules.from_services(index.services)
        index.extras["recommend.audience"] = rules
    return rules


def _life_event_vector(index: Any, key: str) -> np.ndarray:
    cache = index.extras.setdefault("recommend.life_events", {})
    if key not in cache:
        descs = LIFE_EVENTS[key]["descriptions"]
        v = _embed_queries(index)([descs["fi"], descs["sv"], descs["en"]]).mean(axis=0)
        cache[key] = (v / (np.linalg.norm(v) or 1.0)).astype(np.float32)
    return cache[key]


# ---------------------------------------------------------------------------------------------
# Recommend
# ---------------------------------------------------------------------------------------------


def validate_query(q: RecommendQuery) -> dict[str, float]:
    meters = validate_meters(dict(q.meters or {}))
    if q.age is not None and (isinstance(q.age, bool) or not 0 <= int(q.age) <= 200):
        raise InputError("age must be a whole number 0..200")
    if q.life_event is not None and q.life_event not in LIFE_EVENTS:
        raise InputError(f"unknown life event {q.life_event!r}; known: {', '.join(LIFE_EVENTS)}")
    if not meters and not q.life_event and not (q.text and q.text.strip()):
        raise InputError("give at least one life situation meter (0..10), a life event or a text")
    if not 1 <= q.limit <= MAX_LIMIT:
        raise InputError(f"limit must be 1..{MAX_LIMIT}")
    if q.text is not None and len(q.text) > 2000:
        raise InputError("text is too long (at most 2000 characters)")
    return meters


def candidate_mask(runtime: Any, index: Any, q: RecommendQuery) -> np.ndarray:
    return np.asarray(index.mask(q.filters), dtype=bool) & audience_rules(index).allowed(q.age)


def build_aspects(runtime: Any, index: Any, q: RecommendQuery, meters: dict[str, float],
                  candidates: np.ndarray, R: np.ndarray | None = None) -> list[Aspect]:
    """Needs (with label boosts) plus the optional text and life-event aspects."""
    R = relevance_matrix(runtime, index) if R is None else R
    view = label_view(runtime, index)
    needs = needs_from_scores(meters) if meters else []
    if q.life_event:
        have = {k for k, _ in needs}
        needs += [(m, LIFE_EVENT_METER_WEIGHT) for m in LIFE_EVENTS[q.life_event]["meters"] if m not in have]
    local = {}
    for muni in {q.municipality_code, *q.filters.municipality_codes} - {None, ""}:
        for i, ms in view.local.get(str(muni), {}).items():
            local.setdefault(i, set()).update(ms)
    damp = np.where(view.excluded, 1.0 - EXCLUDED_DAMPING, 1.0).astype(np.float32)
    aspects: list[Aspect] = []
    for meter, weight in needs:
        m = METER_INDEX[meter]
        col = R[:, m] * damp
        marked = view.marks[:, m].copy()
        for i, ms in local.items():
            if m in ms:
                marked[i] = True
        col = np.where(marked, 1.0 - (1.0 - col) * (1.0 - LABEL_BOOST), col).astype(np.float32)
        aspects.append(Aspect(meter, weight, col))
    top_weight = max((w for _, w in needs), default=0.5)
    if q.text and q.text.strip():
        qv = np.asarray(index.embedder.embed_queries([q.text.strip()]), dtype=np.float32)[0]
        aspects.append(Aspect("text", top_weight, calibrate_similarity(index.vectors @ qv, candidates), is_meter=False))
    if q.life_event:
        cos = index.vectors @ _life_event_vector(index, q.life_event)
        aspects.append(Aspect("life_event", top_weight, calibrate_similarity(cos, candidates), is_meter=False))
    return aspects


def recommend(runtime: Any, q: RecommendQuery, *, rerank: bool = False, calling_service: str = "") -> list[Hit]:
    """Up to ``q.limit`` services for the person's needs, mixed across needs, best first."""
    meters = validate_query(q)
    index = runtime.index()
    if not len(index.ids):
        return []
    candidates = candidate_mask(runtime, index, q)
    aspects = build_aspects(runtime, index, q, meters, candidates)
    ranked = rank(aspects, candidates, index.ids, limit=q.limit)
    view = label_view(runtime, index)
    hits: list[Hit] = []
    for pos, r in enumerate(ranked, start=1):
        served = [(a, s) for a, s in r.aspect_scores.items() if a in METER_INDEX]
        needs = [(m, meters.get(m, 0.0)) for m, s in served
                 if (m == r.need and s >= EXPLAIN_NEED_FLOOR) or s >= EXPLAIN_MIN_RELEVANCE]
        needs = [(m, v) for m, v in needs if m in meters]
        labelled = any(view.marks[r.index, METER_INDEX[m]] for m, _ in served)
        sources = {"meter": round(r.base, 6)}
        if labelled:
            sources["label"] = 1.0
        for extra in ("text", "life_event"):
            if extra in r.aspect_scores:
                sources["dense" if extra == "text" else extra] = round(r.aspect_scores[extra], 6)
        expl = Explanation(needs=needs, admitted_by=list(index.admitted_by(r.index, q.filters)), sources=sources,
                           label_sources=list(view.sources.get(r.index, [])) if labelled else [])
        hits.append(Hit(service_id=index.ids[r.index], score=round(r.score, 6), rank=pos, need=r.need,
                        explanation=expl))
    if rerank:
        from auroranet.recommend.rerank import rerank as do_rerank

        hits = do_rerank(runtime, q, hits, calling_service=calling_service)
    return hits


# ---------------------------------------------------------------------------------------------
# Training the relevance model
# ---------------------------------------------------------------------------------------------


def catalogue_texts(path: Path) -> tuple[list[str], list[str]]:
    """Service ids and texts (name + summary) from a catalogue JSONL such as ptv_services_fi.jsonl."""
    from auroranet.errors import ImportFormatError

    ids, texts = [], []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ImportFormatError(str(path), None, "file not found") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            sid, name = str(obj["id"]), str(obj.get("name") or "")
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ImportFormatError(path.name, n, "expected a JSON object with 'id' and 'name'") from None
        ids.append(sid)
        texts.append(f"{name}. {obj.get('summary') or ''}".strip())
    return ids, texts


def labelled_vectors(runtime: Any, labels: rel.LabelSet, catalogue: Path | None,
                     progress: Callable[[str, int, int], None] | None = None) -> tuple[rel.LabelSet, np.ndarray, Any, np.ndarray]:
    """Embeddings for the labelled services (from a catalogue file or the index) and the reference pool.

    Returns (labels that were found, their vectors, embedder, all catalogue vectors)."""
    if catalogue is not None:
        from auroranet.search.embed import embed_cached

        ids, texts = catalogue_texts(catalogue)
        embedder = runtime.embedder
        P = embed_cached(runtime.db, embedder, texts, progress=progress)
        pos = {s: i for i, s in enumerate(ids)}
    else:
        index = runtime.index()
        embedder, P, pos = index.embedder, index.vectors, index.pos
    found = np.array([s in pos for s in labels.ids], dtype=bool)
    labels = labels.subset(found)
    if not len(labels.ids):
        raise InputError("none of the labelled services is in the catalogue")
    return labels, P[[pos[s] for s in labels.ids]], embedder, P


def train_relevance(runtime: Any, labels_path: Path, *, catalogue: Path | None = None, folds: int = 5,
                    progress: Callable[[str, int, int], None] | None = None) -> tuple[Path, dict[str, Any]]:
    """Cross-validate, then fit on all labels and save a new version. Returns (path, CV report)."""
    from auroranet.recommend.labels import read_labels_file

    raw = read_labels_file(labels_path)
    labels = rel.LabelSet.from_rows([(lab.service_id, lab.meters, lab.excluded) for lab in raw])
    labels, X, embedder, P = labelled_vectors(runtime, labels, catalogue, progress)
    M = rel.meter_vectors(lambda t: np.asarray(embedder.embed_queries(list(t)), dtype=np.float32))
    report = rel.cross_validate(X, labels, M, embedder=embedder.name, k=folds) if labels.Y.any() else {}
    model = rel.fit(X, labels, M, embedder=embedder.name, X_ref=P)
    model.meta["cv"] = {k: v["mean"] for k, v in report.get("systems", {}).items()}
    model.meta["labels_file"] = labels_path.name
    path = model.save(relevance_dir(runtime))
    invalidate(runtime)
    return path, report
