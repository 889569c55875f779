""""Irrelevant to every meter" from the words of a service's text, beside the embedding's view.

Of the 1,225 services in the real training labels, experts judged 1,093 irrelevant to every meter, and
the embedding model places many of them right beside the ones they marked (services for disabled
people, for companies, for builders next to rental flats and housing benefits). The words the texts
are written in tell them apart better: a class-weighted logistic regression on TF-IDF of character
3–5-grams (within words, so Finnish inflection and compounds share features) of the service's text,
the n-gram vocabulary and IDF taken from the whole catalogue, excluded services against the marked
ones. ``relevance.RelevanceModel`` mixes its probability with the embedding irrelevance
(``TEXT_WEIGHT``). Measured by grouped 5-fold CV on the real training labels, fold seeds 0–4 (README,
"Recommendation quality"): one low / two low nDCG@10 0.612 / 0.605 → 0.639 / 0.626, better on every
seed; word unigrams instead of character n-grams gained a third of that.

The fitted vectoriser is kept as plain arrays (n-grams, IDF, weights) so the model saves without pickle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

NGRAMS = (3, 5)
MIN_DF = 2
C = 10.0  # inverse L2 strength of the regression
TEXT_WEIGHT = 0.5  # share of the text model in the irrelevance


def _vectoriser(vocabulary: Sequence[str] | None = None) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, min_df=1 if vocabulary is not None else MIN_DF,
                           sublinear_tf=True, lowercase=True, vocabulary=vocabulary, dtype=np.float32)


@dataclass
class TextIrrelevance:
    ngrams: np.ndarray  # (v,) str, in feature order
    idf: np.ndarray  # (v,)
    coef: np.ndarray  # (v,)
    intercept: float

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """(n,) probability that each text's service is one experts judge irrelevant to every meter."""
        if not len(texts):
            return np.zeros(0, dtype=np.float32)
        vec = _vectoriser(self.ngrams.tolist())
        vec.idf_ = self.idf
        z = vec.transform(list(texts)) @ self.coef.astype(np.float32) + self.intercept
        p: np.ndarray = (0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))).astype(np.float32)
        return p


def fit_text_irrelevance(texts: Sequence[str], excluded: np.ndarray, marked: np.ndarray,
                         reference_texts: Sequence[str]) -> TextIrrelevance | None:
    """Excluded against marked services (each (n,) bool over ``texts``); n-grams and IDF from
    ``reference_texts`` (normally the whole catalogue). None when either side is empty."""
    from sklearn.linear_model import LogisticRegression

    keep = np.asarray(excluded, bool) | np.asarray(marked, bool)
    y = np.asarray(excluded, bool)[keep]
    if y.all() or not y.any():
        return None
    vec = _vectoriser()
    try:
        vec.fit(list(reference_texts) or list(texts))
    except ValueError:  # no n-gram occurs twice: nothing to learn from
        return None
    F = vec.transform([t for t, k in zip(texts, keep) if k])
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit(F, y)
    ngrams = np.array(vec.get_feature_names_out(), dtype=str)
    return TextIrrelevance(ngrams=ngrams, idf=vec.idf_.astype(np.float32), coef=lr.coef_[0].astype(np.float32),
                           intercept=float(lr.intercept_[0]))
