"""Ablations of the meter relevance model on the real training labels (not run in CI).

Same inputs, folds and scoring as ``aurora eval meters`` (grouped 5-fold CV, ``relevance_cv.held_out_folds``,
``meter_eval.evaluate_systems``, "as served": lexical channel fused in, generality discount); the
``baseline`` row reproduces the command's "recommender" column exactly. Every variant is fitted on the
training folds only and changes one part of the served mix:

* ``text-lr``: a per-meter logistic regression on word 1–2-gram + character 3–5-gram TF-IDF of
  name + summary (vocabulary from the catalogue), mixed into the final relevance (γ);
* ``text-knn``: the neighbours' label shares also from TF-IDF (character n-gram) cosine (ω);
* ``rocchio``: the classifier part mixed with a per-meter prototype (centroid of positives minus
  centroid of the excluded, standardised);
* ``cooc``: label co-occurrence smoothing of the neighbour part, knn_b += η Σ_a knn_a P(b | a);
* ``knn-excl``: the text irrelevance mixed with the excluded share of the nearest labelled services.

    PYTHONPATH=src .venv/bin/python bench/meter_ablations.py --data-dir /tmp/meters-data --seeds 0 1 2
        [--shared-data ../shared/data]

Writes bench/results/meter_ablations.json (figures only; nothing from the data).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Callable

import numpy as np
import scipy.sparse as sp

from common import RESULTS, SHARED_DATA

from auroranet.cliutil import runtime_for
from auroranet.evaluation.baselines import bm25_relevance, catalogue_languages
from auroranet.evaluation.meter_eval import evaluate_systems
from auroranet.recommend import relevance as rel
from auroranet.recommend.labels import read_labels_file
from auroranet.recommend.need_lexical import fuse
from auroranet.recommend.neighbours import KNN_WEIGHT, knn_relevance
from auroranet.recommend.relevance_cv import held_out_folds
from auroranet.recommend.text_irrelevance import TEXT_WEIGHT
from auroranet.recommend.train_relevance import catalogue_texts, labelled_vectors
from auroranet.search.embed import embed_cached_queries

Parts = dict[str, np.ndarray]


def load(data_dir: Path, shared: Path) -> dict[str, Any]:
    LABELS, CATALOGUE = shared / "labels" / "meter_labels_train.jsonl", shared / "catalogue" / "ptv_services_fi.jsonl"
    rt = runtime_for(data_dir)
    labels = rel.LabelSet.from_rows([(x.service_id, x.meters, x.excluded) for x in read_labels_file(LABELS)])
    lab = labelled_vectors(rt.db, rt.embedder, rt.index, labels, CATALOGUE, None)
    ids, texts = catalogue_texts(CATALOGUE)
    lang = catalogue_languages(CATALOGUE)
    L_all = bm25_relevance(texts, [lang.get(i, "fi") for i in ids], rt.analyzer, with_classes=True)
    pos = {s: i for i, s in enumerate(ids)}
    M = rel.meter_vectors(lambda t: embed_cached_queries(rt.db, lab.embedder, list(t)), with_classes=True)
    return dict(lab=lab, M=M, lexical=L_all[[pos[s] for s in lab.labels.ids]])


def tfidf(all_texts: list[str], texts: list[str], word: bool) -> sp.csr_matrix:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vs = [TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True, dtype=np.float32)]
    if word:
        vs.append(TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True, dtype=np.float32))
    return sp.hstack([v.fit(all_texts).transform(texts) for v in vs]).tocsr() / np.sqrt(len(vs))


def parts_for(d: dict[str, Any], seed: int, F_lr: sp.csr_matrix, F_knn: np.ndarray) -> Parts:
    """Out-of-fold parts of the served mix and of the variants' extra signals."""
    from sklearn.linear_model import LogisticRegression

    lab = d["lab"]
    labels, X, texts = lab.labels, lab.X, lab.texts
    n, k = len(X), rel.N_METERS
    p: Parts = {key: np.zeros((n, k), np.float32) for key in ("lr", "prior", "knn", "text_lr", "text_knn", "rocchio")}
    p.update({key: np.zeros(n, np.float32) for key in ("irr_e", "irr_t", "knn_excl")})
    p["cooc"] = np.zeros((n, k, k), np.float32)
    Xn = rel._normalise(X)
    for test in held_out_folds(labels, 5, seed):
        tr = ~test
        sub = labels.subset(tr)
        m = rel.fit(X[tr], sub, d["M"], embedder=lab.embedder.name, kappa=1.0, X_ref=lab.P,
                    texts=[t for t, keep in zip(texts, tr) if keep], ref_texts=lab.all_texts)
        x, tt = X[test], [t for t, keep in zip(texts, test) if keep]
        p["lr"][test], p["prior"][test], p["knn"][test] = m.classifier(x), m.prior(x), m.neighbours(x)
        p["irr_e"][test] = m.irrelevance(x)
        p["irr_t"][test] = m.text_irr.predict(tt) if m.text_irr is not None else p["irr_e"][test]
        p["fitted"] = m.fitted
        p["knn_excl"][test] = knn_relevance(Xn[test], Xn[tr], sub.excluded[:, None])[:, 0]
        p["text_knn"][test] = knn_relevance(F_knn[test], F_knn[tr], sub.Y, temperature=0.05)
        Y = sub.Y.astype(np.float32)
        co = (Y.T @ Y) / np.maximum(Y.sum(axis=0), 1)[:, None]
        np.fill_diagonal(co, 0.0)
        p["cooc"][test] = co
        mu = Xn[tr].mean(axis=0)
        W = np.stack([Xn[tr][sub.Y[:, j]].mean(axis=0) - mu if sub.Y[:, j].any() else np.zeros(X.shape[1])
                      for j in range(k)]) - (Xn[tr][sub.excluded].mean(axis=0) - mu)
        Z_tr = (Xn[tr] - mu) @ W.T
        Z = ((Xn[test] - mu) @ W.T - Z_tr.mean(axis=0)) / (Z_tr.std(axis=0) + 1e-9)
        p["rocchio"][test] = 1.0 / (1.0 + np.exp(-(1.5 * Z - 3.0)))
        for j in range(k):
            if sub.Y[:, j].sum() >= rel.MIN_POSITIVES:
                lr = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000).fit(F_lr[tr], sub.Y[:, j])
                p["text_lr"][test, j] = lr.predict_proba(F_lr[test])[:, 1]
    return p


def served(p: Parts, *, lr: np.ndarray | None = None, knn: np.ndarray | None = None,
           irr_t: np.ndarray | None = None) -> np.ndarray:
    """The served model mix (``RelevanceModel.predict``) from parts, some replaced."""
    irr = (1 - TEXT_WEIGHT) * p["irr_e"] + TEXT_WEIGHT * (p["irr_t"] if irr_t is None else irr_t)
    cls = p["lr"] if lr is None else lr
    a = rel.DEFAULT_ALPHA
    base = np.where(p["fitted"], (1 - a) * cls + a * p["prior"], p["prior"]) * (1 - rel.DEFAULT_BETA * irr)[:, None]
    out: np.ndarray = np.clip((1 - KNN_WEIGHT) * base + KNN_WEIGHT * (p["knn"] if knn is None else knn), 0, 1)
    return out


VARIANTS: dict[str, Callable[[Parts], np.ndarray]] = {
    "baseline": served,
    "text-lr 0.2": lambda p: 0.8 * served(p) + 0.2 * p["text_lr"],
    "text-lr 0.35": lambda p: 0.65 * served(p) + 0.35 * p["text_lr"],
    "text-knn 0.3": lambda p: served(p, knn=0.7 * p["knn"] + 0.3 * p["text_knn"]),
    "rocchio 0.3": lambda p: served(p, lr=0.7 * p["lr"] + 0.3 * p["rocchio"]),
    "cooc 0.1": lambda p: served(p, knn=p["knn"] + 0.1 * np.einsum("na,nab->nb", p["knn"], p["cooc"])),
    "knn-excl 0.2": lambda p: served(p, irr_t=0.8 * p["irr_t"] + 0.2 * p["knn_excl"]),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--shared-data", type=Path, default=SHARED_DATA)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = ap.parse_args()
    d = load(args.data_dir, args.shared_data)
    lab = d["lab"]
    F_lr = tfidf(lab.all_texts, lab.texts, word=True)
    F_knn = rel._normalise(tfidf(lab.all_texts, lab.texts, word=False).toarray())
    rows: dict[str, dict[str, Any]] = {}
    for seed in args.seeds:
        p = parts_for(d, seed, F_lr, F_knn)
        for name, make in VARIANTS.items():
            R = fuse(make(p), d["lexical"])
            r = evaluate_systems({"s": R}, lab.labels, served=["s"])["systems"]["s"]
            rows.setdefault(name, {})[str(seed)] = {
                "single": r["single_low_meter"]["overall"]["ndcg@10"], "double": r["two_low_meters"]["overall"]["ndcg@10"],
                "per_meter": {k: v["ndcg@10"] for k, v in r["single_low_meter"]["per_meter"].items()}}
    for name, by_seed in rows.items():
        s1 = np.mean([v["single"] for v in by_seed.values()])
        s2 = np.mean([v["double"] for v in by_seed.values()])
        each = "  ".join(f"{s}: {v['single']:.3f}/{v['double']:.3f}" for s, v in by_seed.items())
        print(f"{name:14s} mean {s1:.3f} / {s2:.3f}   {each}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "meter_ablations.json").write_text(json.dumps({"seeds": args.seeds, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
