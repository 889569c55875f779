"""Training the meter → service relevance model from an expert label file (``aurora labels train`` and
``aurora eval meters``): cross-validate, fit on all labels, save a new version beside the others.

Saving a version bumps the catalogue version, so serving processes pick it up with their next snapshot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from auroranet.catalogue import version as catalogue_version
from auroranet.db.core import Database
from auroranet.engine.ports import Embedder
from auroranet.errors import ImportFormatError, InputError
from auroranet.recommend import relevance as rel
from auroranet.recommend import relevance_cv
from auroranet.recommend.labels import read_labels_file
from auroranet.search.embed import embed_cached, embed_cached_queries
from auroranet.search.index import SearchIndex, passage_text

Progress = Callable[[str, int, int], None]


def relevance_dir(models_dir: Path) -> Path:
    return Path(models_dir) / "relevance"


def catalogue_texts(path: Path) -> tuple[list[str], list[str]]:
    """Service ids and texts (name + summary) from a catalogue JSONL such as ptv_services_fi.jsonl."""
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


@dataclass
class Labelled:
    """The labelled services found in the catalogue, with their vectors and texts, and the whole
    catalogue's (the reference pool of the prior and of the n-gram vocabulary)."""

    labels: rel.LabelSet
    X: np.ndarray
    texts: list[str]
    embedder: Embedder
    P: np.ndarray
    all_texts: list[str]


def labelled_vectors(db: Database, embedder: Embedder, index: Callable[[], SearchIndex], labels: rel.LabelSet,
                     catalogue: Path | None, progress: Progress | None = None) -> Labelled:
    """Embeddings and texts for the labelled services (from a catalogue file, "name. summary", or the
    live index, its passage texts) and for the whole catalogue."""
    if catalogue is not None:
        ids, texts = catalogue_texts(catalogue)
        P = embed_cached(db, embedder, texts, progress=progress)
        pos = {s: i for i, s in enumerate(ids)}
    else:
        idx = index()
        embedder, P, pos = idx.embedder, idx.vectors, idx.pos
        texts = [passage_text(s) for s in idx.services]
    found = np.array([s in pos for s in labels.ids], dtype=bool)
    labels = labels.subset(found)
    if not len(labels.ids):
        raise InputError("none of the labelled services is in the catalogue")
    rows = [pos[s] for s in labels.ids]
    return Labelled(labels, P[rows], [texts[i] for i in rows], embedder, P, texts)


def train_relevance(db: Database, embedder: Embedder, index: Callable[[], SearchIndex], models_dir: Path,
                    labels_path: Path, *, catalogue: Path | None = None, folds: int = 5,
                    progress: Progress | None = None, per_meter_kappa: bool = False) -> tuple[Path, dict[str, Any]]:
    """Cross-validate, then fit on all labels and save a new version. Returns (path, CV report).
    ``per_meter_kappa``: neighbour weights per meter chosen by CV on these labels (not the default: on
    the real training labels it scored lower than the shared weight, see relevance_cv)."""
    raw = read_labels_file(labels_path)
    labels = rel.LabelSet.from_rows([(lab.service_id, lab.meters, lab.excluded) for lab in raw])
    lab = labelled_vectors(db, embedder, index, labels, catalogue, progress)
    labels, X, embedder = lab.labels, lab.X, lab.embedder
    M = rel.meter_vectors(lambda t: embed_cached_queries(db, embedder, list(t)))  # kept in the store
    kw: dict[str, Any] = dict(embedder=embedder.name, X_ref=lab.P, texts=lab.texts, ref_texts=lab.all_texts)
    report = relevance_cv.cross_validate(X, labels, M, k=folds, per_meter_kappa=per_meter_kappa,
                                         **kw) if labels.Y.any() else {}
    model = relevance_cv.fit_tuned(X, labels, M, **kw) if per_meter_kappa else rel.fit(X, labels, M, **kw)
    model.meta["cv"] = {k: v["mean"] for k, v in report.get("systems", {}).items()}
    model.meta["labels_file"] = labels_path.name
    path = model.save(relevance_dir(models_dir))
    with db.session() as s:  # serving processes pick the new model up with their next snapshot
        catalogue_version.bump(s, what="relevance model")
    return path, report
