"""Search entry points for the API, the web app and the CLI: validate, then ask the current index.

    hits = text_search(runtime, SearchQuery(text="vuokra-asunto", filters=ServiceFilters(municipality_codes=("853",))))
    n = ensure_embeddings(runtime)      # after an import: embed new and changed service texts
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from auroranet.errors import InputError
from auroranet.search.embed import embed_cached_count
from auroranet.search.index import load_records, passage_text
from auroranet.search.schemas import Hit, SearchQuery

if TYPE_CHECKING:
    from auroranet.runtime import Runtime

MAX_TEXT = 1024
MAX_LIMIT = 100
# Letters of the scripts the catalogue is written in (Latin incl. Nordic letters, Cyrillic) and digits.
_SEARCHABLE = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ɏЀ-ӿ]")


def validate_query(q: SearchQuery) -> None:
    text = q.text if isinstance(q.text, str) else ""
    if not text.strip():
        raise InputError("search text is empty / hakuteksti on tyhjä / söktexten är tom")
    if len(text) > MAX_TEXT:
        raise InputError(f"search text is longer than {MAX_TEXT} characters")
    if not _SEARCHABLE.search(text):
        raise InputError("search text has no letters or digits to search for / "
                         "hakutekstissä ei ole kirjaimia tai numeroita / söktexten saknar bokstäver eller siffror")
    if not 1 <= q.limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}")
    if q.offset < 0:
        raise InputError("offset must not be negative")


def text_search(runtime: "Runtime", q: SearchQuery) -> list[Hit]:
    """Hybrid (BM25 + dense) search over the current index, filters applied first."""
    validate_query(q)
    return runtime.index().search(q)


def ensure_embeddings(runtime: "Runtime", progress: Callable[[str, int, int], None] | None = None) -> int:
    """Embed the passage texts of new and changed services into the cache; returns how many were embedded."""
    services, _, _ = load_records(runtime.db)
    texts = [passage_text(s) for s in sorted(services, key=lambda s: s.id) if not s.archived]
    return embed_cached_count(runtime.db, runtime.embedder, texts, progress=progress)[1]
