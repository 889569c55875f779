"""The cross-language bridge: Swedish and English words to the Finnish words services are written in.

Most PTV services have Finnish texts only, and no machine-translation model is available offline. What
is available are texts that exist in fi, sv and en side by side: the service classes and target groups
of the code lists (names and descriptions), the 3X10D meters (names and need descriptions), the life
events, and the names and summaries of services PTV publishes in several languages. These are cut into
small parallel *units*: a name, or one item of an enumeration when the fi/sv/en sentences list the same
number of items ("Bostadsbidrag, boenderådgivning, hyresskulder och vräkning" ↔ "Asumistuki,
asumisneuvonta, vuokravelat ja häätö"), else the whole sentence.

A query is matched (BM25, per language analysis, plus prefixes for inflection the stemmer misses and
the parts of compounds no unit has, bridge_words.py) against the Swedish and English sides of the
units; the Finnish sides of the best units are the expansion that the index then searches with. Units
whose Finnish side no service uses take no place. Finnish words are weighed per query word, so that each
word of the query keeps its own best translations ("daycare for my child": "päivähoito" beside
"lapsi"), except that a unit carrying several query words together ("work trial") replaces the units of
each of those words alone. Each expansion keeps the query word that found it, so an explanation can say
which of the person's words led to which Finnish word.

The glossary's concepts are also a Finnish thesaurus: a Finnish word that no service uses
("yksinäinen", "yksinäisyys": PTV texts say "ystävätoiminta", "kohtaamispaikka") is taken to the
concepts whose Finnish side has it, and so to the concept's other Finnish words the catalogue does use
(also a word at most ``RARE_DOCS`` services use, unless it names no topic, weak_words.py);
so is the Finnish side of a Swedish or English word's best unit when no service uses it ("ensamhet" →
"yksinäisyys"). Such a word is never ``direct`` (its best translation, the word itself, is missing), so
the floor's rules for loosely met words hold for it as for any bridged word.

    br = Bridge.build(units, analyzer)
    br.expand("bostadsbidrag")   # [Expansion(fi='asumistuki', score=0.9, words=('bostadsbidrag',), ...), ...]
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from auroranet.catalogue.models import ServiceRecord
from auroranet.catalogue.reference import ReferenceData
from auroranet.engine.ports import Analyzer
from auroranet.search.analysis import clearly_one_of, is_stopword, tokenize
from auroranet.search.bridge_words import WordMatcher, prefixes
from auroranet.search.glossary import glossary_texts
from auroranet.search.lexical import LexicalIndex
from auroranet.search.weak_words import is_weak
from auroranet.lifeevents.model import builtin_life_events
from auroranet.vocab import METER_NAMES

OTHER_LANGS = ("sv", "en")
RARE_DOCS = 2  # a Finnish word in at most this many services also reaches its glossary concepts
MAX_UNITS = 6  # expansions kept per query
MIN_SHARE = 0.8  # a unit is kept when it scores at least this share of the best unit
DIRECT_SHARE = 0.85  # the translations within this share of a word's best are its best (0.8 let "lonely" in)
MIN_WEIGHT = 0.6  # a Finnish word is kept when its weight reaches this share of the best word's
MAX_WORDS = 6  # Finnish words kept per query word
MAX_TOTAL = 10  # and per query
MAX_ITEM_WORDS = 4
CACHE_SIZE = 1024  # expansions kept per bridge (one snapshot), by query text
CACHE_TEXT_CHARS = 200  # longer texts are expanded every time (rarely repeated)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_ITEMS = re.compile(r",\s*|;\s*|\s+(?:ja|sekä|tai|och|eller|samt|and|or)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    texts: Mapping[str, str]  # lang -> text; "fi" is always present


@dataclass(frozen=True)
class Expansion:
    fi: str  # a Finnish word to search with
    score: float  # its weight in (0, 1]: how consistently the matched units carry it, times its rarity
    words: tuple[str, ...]  # the query words whose units carry it
    terms: tuple[str, ...] = ()  # its index terms (lemma, compound parts)
    direct: tuple[str, ...] = ()  # the query words of ``words`` whose best translation the catalogue has


def _aligned(texts: Mapping[str, str], split_items: bool = True) -> list[Unit]:
    """Cut parallel texts into units: per sentence, and per item of an enumeration when every language
    lists the same number of short items (names are never split: "Työttömän tuet ja etuudet" is not
    item by item "Stöd och förmåner för arbetslösa")."""
    langs = [lang for lang in ("fi", *OTHER_LANGS) if texts.get(lang)]
    if "fi" not in langs or len(langs) < 2:
        return []
    sentences = {lang: [s.strip().rstrip(".") for s in _SENTENCE.split(texts[lang]) if s.strip()] for lang in langs}
    if len({len(v) for v in sentences.values()}) != 1:
        return [Unit({lang: texts[lang] for lang in langs})]
    out: list[Unit] = []
    for i in range(len(sentences["fi"])):
        sent = {lang: sentences[lang][i] for lang in langs}
        items = {lang: [x.strip() for x in _ITEMS.split(s) if x and x.strip()] for lang, s in sent.items()}
        short = all(len(x.split()) <= MAX_ITEM_WORDS for v in items.values() for x in v)
        if split_items and short and len({len(v) for v in items.values()}) == 1 and len(items["fi"]) > 1:
            out.extend(Unit({lang: items[lang][j] for lang in langs}) for j in range(len(items["fi"])))
        else:
            out.append(Unit(sent))
    return out


def _names(names: object) -> dict[str, str]:
    return {k: str(v) for k, v in names.items() if isinstance(v, str) and v} if isinstance(names, dict) else {}


def units_from(reference: ReferenceData, services: Iterable[ServiceRecord] = (),
               extra: Iterable[Mapping[str, str]] = ()) -> list[Unit]:
    """Parallel units from the code lists, the vocabulary, services with texts in several languages and
    any ``extra`` parallel texts (e.g. the meters' need descriptions)."""
    units: list[Unit] = []
    for info in [*reference.service_classes.values(), *reference.target_groups.values()]:
        units.extend(_aligned(_names(info.get("names")), split_items=False))
        units.extend(_aligned(_names(info.get("descriptions"))))
    for names in METER_NAMES.values():
        units.extend(_aligned(names, split_items=False))
    for event in builtin_life_events().values():
        units.extend(_aligned(event.names, split_items=False))
        units.extend(_aligned(event.descriptions))
    for svc in services:
        units.extend(_aligned(svc.names, split_items=False))
        units.extend(_aligned(svc.summary))
    for texts in extra:
        units.extend(_aligned(texts))
    for texts in glossary_texts():  # everyday words of public services in fi/sv/en (glossary.py)
        units.extend(_aligned(texts, split_items=False))
    seen: set[tuple[tuple[str, str], ...]] = set()
    unique: list[Unit] = []
    for u in units:
        key = _unit_key(u)
        if key not in seen:
            seen.add(key)
            unique.append(u)
    return unique


def _unit_key(u: Unit) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v.lower()) for k, v in u.texts.items()))


def _key(terms: Sequence[str]) -> str:
    """A Finnish word's identity across inflections: its first index term (the base form)."""
    return terms[0] if terms else ""


class Bridge:
    def __init__(self, units: Sequence[Unit], lex: LexicalIndex, analyzer: Analyzer,
                 has_word: Callable[[Sequence[str]], bool] | None = None,
                 rare_word: Callable[[Sequence[str]], bool] | None = None) -> None:
        self.units = list(units)
        self.has_word = has_word  # does the catalogue use this Finnish word (its terms)? None: any word
        self.rare_word = rare_word  # does it use it in at most ``RARE_DOCS`` services? None: not at all
        self.lex = lex
        self.analyzer = analyzer
        self._fi_words = [[(w, t) for w, t in analyzer.analyze_words(u.texts["fi"], "fi") if not is_stopword(w)]
                          for u in self.units]
        df: dict[str, int] = {}
        for words in self._fi_words:
            for key in {_key(t) for _, t in words}:
                df[key] = df.get(key, 0) + 1
        self._df = df
        self.words = WordMatcher((u.texts[lang] for u in self.units for lang in OTHER_LANGS if u.texts.get(lang)),
                                 lex.vocab, analyzer)
        self._cache: OrderedDict[str, list[Expansion]] = OrderedDict()  # per query text, LRU
        self._cache_lock = threading.Lock()
        self._offering: dict[int, bool] = {}  # unit -> has a word the catalogue uses
        concepts = {_unit_key(Unit(dict(t))) for t in glossary_texts()}
        self._concepts = [i for i, u in enumerate(self.units) if _unit_key(u) in concepts]
        self.fi_lex = LexicalIndex.build([[("fi", self.units[i].texts["fi"], 1.0)] for i in self._concepts],
                                         analyzer)  # the Finnish sides of the glossary's concepts

    @classmethod
    def build(cls, units: Sequence[Unit], analyzer: Analyzer,
              has_word: Callable[[Sequence[str]], bool] | None = None,
              rare_word: Callable[[Sequence[str]], bool] | None = None) -> "Bridge":
        """``has_word``: only Finnish words the catalogue has are offered ("hammaslääkäri" is no use
        when the services say "suun terveydenhuolto"; the concept's other words are)."""
        docs = [[(lang, u.texts[lang], 1.0) for lang in OTHER_LANGS if u.texts.get(lang)] for u in units]
        lex = LexicalIndex.build(docs, _PrefixAnalyzer(analyzer))
        return cls(units, lex, analyzer, has_word, rare_word)

    def expand(self, text: str) -> list[Expansion]:
        """The Finnish sides of the units the Swedish / English reading of ``text`` matches best."""
        if not self.units:
            return []
        with self._cache_lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return list(hit)
        out = self._expand(text)
        if len(text) <= CACHE_TEXT_CHARS:
            with self._cache_lock:
                self._cache[text] = out
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return list(out)

    def _expand(self, text: str) -> list[Expansion]:
        # Each query word finds its own units (a query may name several things: "lonely", "friends").
        by_word: dict[str, set[str]] = {}
        for lang in clearly_one_of(text, OTHER_LANGS):
            for w, wterms in self.analyzer.analyze_words(text, lang):
                if not is_stopword(w):  # terms, a prefix of the same word, or a compound's parts
                    by_word.setdefault(w, set()).update(self.words.terms(w, lang, wterms))
        kept: dict[int, dict[str, float]] = {}  # unit -> query word -> its share of that word's best unit
        for w, term_set in by_word.items():
            scores = self.lex.score(sorted(term_set))
            top = float(scores.max()) if scores.shape[0] else 0.0
            if top <= 0:
                continue
            order = np.lexsort((np.arange(scores.shape[0]), -scores))[: MAX_UNITS * 4]
            taken = 0
            for i in (int(j) for j in order):
                share = float(scores[i]) / top
                if share < MIN_SHARE or taken >= MAX_UNITS:
                    break
                if self._offers(i):
                    found = [(i, share)]
                else:  # "Kriisiapu", which no service says, takes no place, but its concept may
                    found = [(c, share * s) for c, s in self._thesaurus(self._missing(i))]
                if not found:
                    continue
                taken += 1
                for c, s in found:
                    unit = kept.setdefault(c, {})
                    unit[w] = unit.get(w, 0.0) + s
        for w, wterms in self.analyzer.analyze_words(text, "fi"):  # Finnish words (almost) no service uses
            if not is_stopword(w) and wterms and self._scarce(wterms):
                for c, s in self._thesaurus(wterms[:1]):
                    unit = kept.setdefault(c, {})
                    unit[w] = unit.get(w, 0.0) + s
        if len(by_word) > 1:  # the query as a whole: "student housing" is one concept, not two
            self._phrases(by_word, kept)
        if not kept:
            return []
        at = {w: i for i, w in reversed(list(enumerate(tokenize(text))))}  # each word's first place
        return [replace(e, words=tuple(sorted(e.words, key=lambda w: at.get(w, len(at))))) for e in self._weigh(kept)]

    def _phrases(self, by_word: Mapping[str, set[str]], kept: dict[int, dict[str, float]]) -> None:
        """Units that carry several query words together ("work trial", "sickness allowance") translate
        those words better than the units of each word alone ("trial" → a court, "allowance" → housing
        allowance): a query word that a phrase unit carries keeps only its phrase units."""
        scores = self.lex.score(sorted({t for ts in by_word.values() for t in ts}))
        top = float(scores.max()) if scores.shape[0] else 0.0
        phrase_units: set[int] = set()
        phrase_words: set[str] = set()
        for i in (int(j) for j in np.lexsort((np.arange(scores.shape[0]), -scores))[:MAX_UNITS]):
            if top <= 0 or float(scores[i]) / top < MIN_SHARE:
                break
            inside = [w for w, ts in by_word.items() if any(self.lex.has(t, i) for t in ts)]
            if len(inside) < 2:  # only units that carry several of the query's words together
                continue
            unit = kept.setdefault(i, {})
            for w in inside:
                unit[w] = unit.get(w, 0.0) + float(scores[i]) / top
            # a phrase unit proper: two words met as words (not by a five-letter prefix) and a Finnish
            # side the catalogue has ("Opiskelija-asunto" alone, which no service has, translates nothing)
            whole = [w for w in inside if any(self.lex.has(t, i) for t in by_word[w] if not t.startswith("~"))]
            if len(whole) >= 2 and self._offers(i):
                phrase_units.add(i)
                phrase_words.update(whole)
        for i in [i for i in kept if i not in phrase_units]:
            for w in phrase_words & kept[i].keys():
                del kept[i][w]
            if not kept[i]:
                del kept[i]

    def _scarce(self, terms: Sequence[str]) -> bool:
        """Is a Finnish query word one the catalogue lacks, or uses in at most ``RARE_DOCS`` services
        ("huumeita": one service says "huume", the rest "päihde")? Its glossary concepts then add their
        other words. A rare word that names no topic (weak_words.py: "viikonloppuna") does not."""
        if self.has_word is not None and not self.has_word(terms):
            return True
        return self.rare_word is not None and self.rare_word(terms) and not is_weak(terms[0])

    def _missing(self, i: int) -> list[str]:
        """The base forms of unit ``i``'s Finnish words that no service uses."""
        if self.has_word is None:
            return []
        return [terms[0] for _, terms in self._fi_words[i] if terms and not self.has_word(terms)]

    def _thesaurus(self, terms: Sequence[str]) -> list[tuple[int, float]]:
        """The glossary concepts whose Finnish side has these Finnish base forms, with their share of the
        best such concept (at least ``MIN_SHARE``), that offer a word the catalogue uses."""
        if not terms or not self._concepts:
            return []
        scores = self.fi_lex.score(sorted(set(terms)))
        top = float(scores.max()) if scores.shape[0] else 0.0
        if top <= 0:
            return []
        out: list[tuple[int, float]] = []
        for j in (int(x) for x in np.lexsort((np.arange(scores.shape[0]), -scores))[:MAX_UNITS]):
            share = float(scores[j]) / top
            if share < MIN_SHARE:
                break
            if self._offers(self._concepts[j]):
                out.append((self._concepts[j], share))
        return out

    def _offers(self, i: int) -> bool:
        """Does unit ``i`` have a Finnish word the catalogue uses? (asked once per unit)"""
        hit = self._offering.get(i)
        if hit is None:
            hit = self.has_word is None or any(self.has_word(terms) for _, terms in self._fi_words[i])
            self._offering[i] = hit
        return hit

    def _weigh(self, kept: Mapping[int, Mapping[str, float]]) -> list[Expansion]:
        """Finnish words from the kept units, weighed per query word: each query word's best Finnish word
        scores 1, and a word is kept at ``MIN_WEIGHT`` of it, so that a short unit of one query word
        ("child" → "lapsi") does not crowd out the concept another word names ("daycare")."""
        n = max(len(self.units), 2)
        found: dict[tuple[str, str], float] = {}  # (query word, Finnish base form) -> weight
        info: dict[str, tuple[str, tuple[str, ...]]] = {}  # Finnish base form -> (surface, terms)
        for i, shares in sorted(kept.items()):
            fi_words = self._fi_words[i]
            vagueness = float(np.sqrt(max(len(fi_words), 1)))  # a long unit is a vaguer translation
            seen: set[str] = set()
            for surface, terms in fi_words:
                key = _key(terms)
                info.setdefault(key, (surface, tuple(terms)))
                if key in seen:  # a word repeated in a unit ("lääkäri, lääkärin vastaanotto") counts once
                    continue
                seen.add(key)
                for q, share in shares.items():
                    found[(q, key)] = found.get((q, key), 0.0) + share / vagueness
        per_q: dict[str, list[tuple[float, str]]] = {}
        unfiltered: dict[str, list[tuple[float, bool]]] = {}  # query word -> (weight, in the catalogue)
        in_catalogue = {key: self.has_word is None or self.has_word(terms) for key, (_, terms) in info.items()}
        for (q, key), weight in found.items():
            rarity = float(np.log1p(n / self._df.get(key, 1)) / np.log1p(n))
            has = in_catalogue[key]
            unfiltered.setdefault(q, []).append((weight * rarity, has))
            if has:
                per_q.setdefault(q, []).append((weight * rarity, key))
        # a query word whose best translations the catalogue lacks ("lonely": "yksinäisyys") is only
        # loosely met by the rest of its concept ("vertaistuki"): no proof the catalogue knows the word
        direct = {q for q, ws in unfiltered.items()
                  if any(has for w, has in ws if w >= DIRECT_SHARE * max(x for x, _ in ws))}
        best: dict[str, tuple[float, tuple[str, ...]]] = {}
        for q, scored in per_q.items():
            top_word = max(w for w, _ in scored)
            if top_word <= 0:
                continue
            for w, key in sorted(scored, key=lambda t: (-t[0], t[1]))[:MAX_WORDS]:
                if w / top_word >= MIN_WEIGHT:
                    s0, q0 = best.get(key, (0.0, ()))
                    best[key] = (max(s0, w / top_word), (*q0, q))
        out = [Expansion(fi=info[key][0], score=round(score, 4), words=qwords, terms=info[key][1],
                         direct=tuple(q for q in qwords if q in direct))
               for key, (score, qwords) in best.items()]
        out.sort(key=lambda e: (-e.score, e.fi))
        return out[:MAX_TOTAL]


def bridged_text(expansions: Sequence[Expansion]) -> str:
    """The Finnish words the bridge found, best first, as one text: a second dense query for a Swedish or
    English query, since multilingual e5 meets Finnish service texts far better in Finnish ("sömnproblem"
    → "uni unettomuus")."""
    return " ".join(dict.fromkeys(e.fi.lower() for e in expansions))


class _PrefixAnalyzer:
    """The index analyzer plus five-letter prefixes, so "lonely" meets "loneliness"."""

    def __init__(self, inner: Analyzer) -> None:
        self.inner = inner

    @property
    def name(self) -> str:
        return f"{self.inner.name}+prefix"

    def analyze(self, text: str, lang: str) -> list[str]:
        return [*self.inner.analyze(text, lang), *prefixes(text)]

    def analyze_words(self, text: str, lang: str) -> list[tuple[str, tuple[str, ...]]]:
        return self.inner.analyze_words(text, lang)
