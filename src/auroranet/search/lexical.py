"""BM25 over analysed service texts, as one precomputed sparse matrix.

Each service is one document made of weighted fields in every language it has: names count 3×,
alternative names, keywords, ontology terms, classes and target groups 2×, summary and description 1×
(BM25F-style: weighted term frequencies and a weighted document length). The full BM25 weight of every
(term, document) pair, IDF included, is computed once at build and stored in a CSR matrix with one row
per term, so a query is a handful of row slices added with ``np.bincount`` — milliseconds at 100k.

    idx = LexicalIndex.build(docs, analyzer)     # docs: per document [(lang, text, weight), ...]
    scores, matched = idx.score(["asunto"])
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from typing import Sequence

import numpy as np
from scipy import sparse

from auroranet.catalogue.models import ServiceRecord
from auroranet.engine.ports import Analyzer

K1 = 1.2
B = 0.75
NAME_WEIGHT = 3.0
TERM_WEIGHT = 2.0
TEXT_WEIGHT = 1.0

Field = tuple[str, str, float]  # (lang, text, weight)


def service_fields(svc: ServiceRecord) -> list[Field]:
    """The searchable texts of a service with their weights."""
    fields: list[Field] = []
    for lang, text in svc.names.items():
        fields.append((lang, text, NAME_WEIGHT))
    for lang, text in svc.alternative_names.items():
        fields.append((lang, text, TERM_WEIGHT))
    for lang, words in svc.keywords.items():
        fields.append((lang, " ".join(words), TERM_WEIGHT))
    for term in [*svc.ontology_terms, *svc.service_classes, *svc.target_groups, *svc.life_events]:
        for lang, text in term.names.items():
            fields.append((lang, text, TERM_WEIGHT))
    for lang, text in svc.summary.items():
        fields.append((lang, text, TEXT_WEIGHT))
    for lang, text in svc.description.items():
        fields.append((lang, text, TEXT_WEIGHT))
    return [(lang, text, w) for lang, text, w in fields if text and lang in ("fi", "sv", "en")]


class LexicalIndex:
    def __init__(self, vocab: dict[str, int], weights: sparse.csr_matrix, n_docs: int) -> None:
        self.vocab = vocab
        self.weights = weights  # (terms, docs) BM25 weight incl. IDF
        self.n_docs = n_docs

    @classmethod
    def build(cls, docs: Sequence[Sequence[Field]], analyzer: Analyzer) -> "LexicalIndex":
        # Postings go into compact typed arrays, not Python lists: at 100k services a list of ten million
        # boxed ints and floats took about 700 MB at its peak.
        vocab: dict[str, int] = {}
        rows = array("i")
        vals = array("d")
        counts = np.zeros(len(docs), dtype=np.int64)
        lengths = np.zeros(len(docs), dtype=np.float64)
        analyze = analyzer.analyze
        for d, fields in enumerate(docs):
            tf: defaultdict[str, float] = defaultdict(float)  # weighted term frequencies
            length = 0.0
            for lang, text, weight in fields:
                terms = analyze(text, lang)
                length += weight * len(terms)
                for t in terms:
                    tf[t] += weight
            lengths[d] = length
            counts[d] = len(tf)
            rows.extend([vocab.setdefault(t, len(vocab)) for t in tf])
            vals.extend(tf.values())
        n = len(docs)
        if not vals:
            return cls(vocab, sparse.csr_matrix((len(vocab), n), dtype=np.float32), n)
        r = np.frombuffer(rows, dtype=np.int32)
        c = np.repeat(np.arange(n, dtype=np.int32), counts)
        tf_arr = np.frombuffer(vals, dtype=np.float64)
        del rows, vals
        avgdl = float(lengths.mean()) or 1.0
        df = np.bincount(r, minlength=len(vocab)).astype(np.float64)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        norm = K1 * (1.0 - B + B * lengths[c] / avgdl)
        w = idf[r] * tf_arr * (K1 + 1.0) / (tf_arr + norm)
        del norm
        mat = sparse.csr_matrix((w.astype(np.float32), (r, c)), shape=(len(vocab), n))
        mat.sum_duplicates()
        mat.sort_indices()  # docs_with() relies on sorted postings
        return cls(vocab, mat, n)

    def score(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every document for the (de-duplicated) query terms; 0 means no hit."""
        ids = sorted({self.vocab[t] for t in terms if t in self.vocab})
        if not ids:
            return np.zeros(self.n_docs, dtype=np.float32)
        m = self.weights
        parts_idx = [m.indices[m.indptr[i] : m.indptr[i + 1]] for i in ids]
        parts_val = [m.data[m.indptr[i] : m.indptr[i + 1]] for i in ids]
        return np.bincount(np.concatenate(parts_idx), weights=np.concatenate(parts_val),
                           minlength=self.n_docs).astype(np.float32)

    def docs_with(self, term: str) -> np.ndarray:
        i = self.vocab.get(term)
        if i is None:
            return np.zeros(0, dtype=np.int32)
        post: np.ndarray = self.weights.indices[self.weights.indptr[i] : self.weights.indptr[i + 1]]
        return post

    def has(self, term: str, doc: int) -> bool:
        """Does document ``doc`` contain ``term``? (binary search in its sorted postings)"""
        post = self.docs_with(term)
        at = int(np.searchsorted(post, doc))
        return at < post.shape[0] and int(post[at]) == doc
