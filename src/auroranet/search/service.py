"""Search entry points for the API, the web app and the CLI: validate, then ask the current index.

    hits = text_search(index, SearchQuery(text="vuokra-asunto", filters=ServiceFilters(municipality_codes=("853",))))
    n = ensure_embeddings(db, embedder)      # after an import: embed new and changed service texts
"""

from __future__ import annotations

import re
from typing import Callable

import numpy as np

from auroranet.db.core import Database
from auroranet.engine.contract import Hit, SearchQuery
from auroranet.engine.ports import Embedder
from auroranet.errors import InputError
from auroranet.search.embed import embed_cached_count
from auroranet.search.index import SearchIndex, load_records, passage_text

MAX_TEXT = 1024
MAX_LIMIT = 100
# Letters of the scripts the catalogue is written in (Latin incl. Nordic letters, Cyrillic) and digits.
_SEARCHABLE = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ɏЀ-ӿ]")


def text_problem(text: str) -> str | None:
    """Why ``text_search`` refuses this text (the message of its 400), or None when it is searchable:
    empty, too long, or without a letter or digit."""
    if not text.strip():
        return "search text is empty / hakuteksti on tyhjä / söktexten är tom"
    if len(text) > MAX_TEXT:
        return f"search text is longer than {MAX_TEXT} characters"
    if not _SEARCHABLE.search(text):
        return ("search text has no letters or digits to search for / "
                "hakutekstissä ei ole kirjaimia tai numeroita / söktexten saknar bokstäver eller siffror")
    return None


def searchable(text: str) -> bool:
    """A text ``text_search`` accepts (``text_problem`` finds nothing wrong with it)."""
    return text_problem(text) is None


def validate_query(q: SearchQuery) -> None:
    problem = text_problem(q.text if isinstance(q.text, str) else "")
    if problem is not None:
        raise InputError(problem)
    if not 1 <= q.limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}")
    if q.offset < 0:
        raise InputError("offset must not be negative")
    if q.age is not None and (isinstance(q.age, bool) or not 0 <= int(q.age) <= 200):
        raise InputError("age must be a whole number 0..200")


def text_search(index: SearchIndex, q: SearchQuery, allowed: np.ndarray | None = None) -> list[Hit]:
    """Hybrid (BM25 + dense) search over one index snapshot, filters (and ``allowed``: the audience
    rules' mask) applied first."""
    validate_query(q)
    return index.search(q, allowed=allowed)


def ensure_embeddings(db: Database, embedder: Embedder, progress: Callable[[str, int, int], None] | None = None) -> int:
    """Embed the passage texts of new and changed services into the cache; returns how many were embedded."""
    services, _, _ = load_records(db)
    texts = [passage_text(s) for s in sorted(services, key=lambda s: s.id) if not s.archived]
    return embed_cached_count(db, embedder, texts, progress=progress)[1]
