"""How one Swedish or English query word meets the bridge's own Swedish/English words (bridge.py).

A word meets a unit through its index terms (lemma, stem), through a five-letter prefix for inflection
and derivation the stemmer misses ("lonely" → "loneliness"), and, for a compound no unit has, through
its parts ("skolhälsovård" → "skol" + "hälsovård", "fritidsaktiviteter" → "fritid" + "aktiviteter").

A prefix is only a match when it joins two forms of one word: the query word may go on past the
unit's word by at most ``MAX_TAIL`` letters. A longer rest is another word of a compound, and then
both parts must be known: "aktietips" is not "aktiebolag", "mobilskal" not "mobilcertifikat",
"konsertbiljetter" not "konsert" (no unit knows "biljetter").

    m = WordMatcher(["bostadsbidrag", "skolhälsovård", "hälsovård"], vocab, analyzer)
    m.terms("skolhälsovården", "sv", ("skolhälsovård",))
"""

from __future__ import annotations

from os.path import commonprefix
from typing import Container, Iterable

from auroranet.engine.ports import Analyzer
from auroranet.search.analysis import is_stopword, tokenize

PREFIX = 5
MAX_TAIL = 3  # letters a query word may have past the unit word it shares a prefix with
MIN_PART = 3  # letters of each compound part
MIN_COMPOUND = 7  # shorter words are not split
LINKS = ("s",)  # Swedish linking letters between compound parts ("fritid-s-aktiviteter")


def prefix_key(word: str) -> str:
    return f"~{word[:PREFIX]}"


def prefixes(text: str) -> list[str]:
    """The prefix terms of a text's longer content words (indexed beside the units' terms)."""
    return [prefix_key(w) for w in tokenize(text) if len(w) > PREFIX and not is_stopword(w)]


class WordMatcher:
    def __init__(self, unit_texts: Iterable[str], vocab: Container[str], analyzer: Analyzer) -> None:
        self.vocab = vocab  # the bridge index's terms
        self.analyzer = analyzer
        self.by_prefix: dict[str, set[str]] = {}  # prefix term -> the unit words that have it
        for text in unit_texts:
            for w in tokenize(text):
                if len(w) > PREFIX and not is_stopword(w):
                    self.by_prefix.setdefault(prefix_key(w), set()).add(w)

    def _own_terms(self, word: str, lang: str) -> list[str]:
        """The word's index terms that keep most of it ("billigaste" → "bil" is not kept)."""
        out: list[str] = []
        for w, terms in self.analyzer.analyze_words(word, lang):
            if not is_stopword(w):
                out.extend(t for t in terms if 2 * len(t) >= len(w))
        return out

    def _known(self, terms: Iterable[str]) -> bool:
        return any(t in self.vocab for t in terms)

    def _prefix_ok(self, word: str, lang: str) -> bool:
        """Does a unit word share the prefix with ``word`` as another form of the same word? A rest that
        is a word itself is a compound's second part ("birthday" is not a form of "birth")."""
        for u in self.by_prefix.get(prefix_key(word), ()):
            rest = word[len(commonprefix([word, u])):]
            if len(rest) <= MAX_TAIL and (len(rest) < MIN_PART or not self._known(self._own_terms(rest, lang))):
                return True
        return False

    def split(self, word: str, lang: str) -> list[str]:
        """The terms of a compound's two parts when the bridge knows both (longest first part first), or of
        the first part alone when the second only says "service" ("tjänst"); [] when no split fits."""
        if len(word) < MIN_COMPOUND or "-" in word:
            return []
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            generic = is_stopword(word[cut:])  # "tolkningstjänst": the service of "tolkning"
            tail = [] if generic else self._own_terms(word[cut:], lang)
            if not generic and not self._known(tail):
                continue
            head = word[:cut]
            heads = [head, *(head[: -len(x)] for x in LINKS if head.endswith(x) and len(head) - len(x) >= MIN_PART)]
            for h in heads:
                if is_stopword(h):
                    continue
                h_terms = self._own_terms(h, lang)
                if h_terms and self._known(h_terms):
                    return [*h_terms, *tail]
        return []

    def terms(self, word: str, lang: str, word_terms: Iterable[str]) -> set[str]:
        """The terms ``word`` is looked up with in the bridge index."""
        own = {t for t in word_terms if 2 * len(t) >= len(word)}
        if len(word) > PREFIX and self._prefix_ok(word, lang):
            own.add(prefix_key(word))
        if not self._known(own):
            own.update(self.split(word, lang))
        return own
