"""Text analysis for the lexical index: words → lemmas and compound parts, per language.

Documents are analysed per language field and queries with the same analyzers, so a term means the same
on both sides. Finnish uses Voikko when the library and its dictionary load: each word gives its base form
and, for compounds, its parts ("terveysasemalla" → terveysasema, terveys, asema), which is what lets
"asema" find "terveysasema". Without Voikko (and always for Swedish and English) words are lemmatised
with simplemma and reduced with the Snowball stemmer (PyStemmer). Word analyses are cached: Voikko costs
tens of microseconds per word and catalogue texts repeat the same words endlessly.

    an = make_analyzer("auto")
    an.analyze("Vuokra-asunnot Turussa", "fi")   # ['vuokra-asunto', 'vuokra', 'asunto', 'turku']
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

from auroranet.voikko import FinnishMorphology

log = logging.getLogger(__name__)

LANGS = ("fi", "sv", "en")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+(?:['’][^\W_]+)*)*")
# English contractions and the possessive: the tail goes, the word stays ("don't" → "do", "children's" →
# "children", "I'm" → "i"), so no fragment ("t", "s", "m") is left to count as a word of the query
_CONTRACTION = re.compile(r"['’](?:t|s|m|re|ve|ll|d)$")
_NEGATED = {"can't": "can", "won't": "will"}  # the rest are the word before "n't" ("don't" → "do")

# Function words per language (the Swedish and English lists extend NLTK's, shipped with bm25s), plus the
# words people wrap a need in ("I need help with", "tarvitsen apua") that say nothing about the topic.
# A query is read in all three languages, so a query word is dropped when it is a stop word in any of
# them: the English "to" must not match a Finnish abbreviation.
STOPWORDS: dict[str, frozenset[str]] = {
    "fi": frozenset(
        """ja tai sekä on ovat oli olivat olla ole ollut ei eikä en et emme ette eivät että jos kun kuin myös
        mutta niin nyt vain voi voit voin voisi voisin voidaan se ne sen niiden sitä siitä siihen sille
        siinä tämä tämän tätä tässä tästä tähän näiden nämä näitä joka jotka jonka joiden jota joita mikä
        mitkä mitä minkä missä mistä mihin miten miksi milloin kuka ketkä kenen kanssa mukaan kautta ennen
        jälkeen lisäksi esim eli kuten vielä jo hän he me te minä sinä minun sinun hänen meidän teidän
        heidän minua sinua häntä meitä teitä heitä minulla sinulla hänellä meillä teillä heillä minulle
        sinulle hänelle meille teille heille minusta sinusta olen olet olemme olette saa saat saada
        saanko voinko onko ovatko jossa josta johon palvelu palvelua palvelun palvelut palveluja
        palveluun palveluita olin olit olimme olitte olisi olisin olisit olisimme olisitte olisivat oltu
        olleet ollaan mä mun mulla mulle mua multa sä sulla sulle jotain jotakin mitään mikään kukaan
        oo enää koska vaikka joten sitten siis""".split()
    ),
    "sv": frozenset(
        """och eller att är var vara varit har hade ha inte ej icke som en ett den det de dem du ni vi jag
        han hon hans hennes honom henne mig dig sig oss er min mitt mina din ditt dina sin sitt sina
        vår vårt våra ert era deras dess för på i av till från med om men så också bara kan kunde ska
        skall skulle får fick alla allt andra annan detta dessa denna där här då när hur vad vem vilka
        vilken vilket varför vid under över efter före genom mot hos inom utan mellan upp ut åt än
        någon något några ingen inga mycket man sedan samma själv sådan sådant sådana blev bli blir
        blivit bliva haft få måste kunnat fått mej dej
        tjänst tjänsten tjänster""".split()
    ),
    "en": frozenset(
        """a an and or the is are was were be been being am of to in on at by for with from as that this
        these those it its it's you your yours we our ours they their theirs them he she his her him
        i me my mine myself not no nor can could may might will would shall should must if then than
        also only about into over under after before such other any all each both few more most some
        own same so too very just do does did doing done have has had having there here what which who
        whom whose why how when where while until again further once up down out off against between
        through during above below without cannot much many become becomes becoming became
        got gotten getting gets don doesn didn isn aren wasn weren hasn hadn ve ll re
        service services""".split()
    ),
}
QUERY_FILLER: frozenset[str] = frozenset(
    """tarvitsen tarvitsisin tarvitaan haluan haluaisin etsin etsitään apua avun tietoa kysymys
    tarviin tarvin tarvisin tarttisin tarttis tarvis haluun haluisin apuu
    behöver vill skulle söker hjälp information fråga träffa
    need needs want looking look help information get find feel feeling im i'm please see""".split()
)
ALL_STOPWORDS: frozenset[str] = frozenset().union(*STOPWORDS.values())


def is_stopword(word: str) -> bool:
    """A stop word in any of fi/sv/en, or query filler: never a content word of a query."""
    w = word.lower()
    return w in ALL_STOPWORDS or w in QUERY_FILLER


def content_words(text: str) -> list[str]:
    """The query's words that can carry meaning (what an explanation may cite)."""
    return [w for w in tokenize(text) if not is_stopword(w) and len(w) > 1]


_STEMMER_NAMES = {"fi": "finnish", "sv": "swedish", "en": "english"}
_warned = False
_warn_lock = threading.Lock()


def tokenize(text: str) -> list[str]:
    """Lower-case words; hyphenated compounds stay one token (their parts are added by the analyzer);
    an English contraction or possessive is cut back to its word (``_CONTRACTION``)."""
    return [_uncontract(w) for w in _WORD.findall(text.lower())]


def _uncontract(word: str) -> str:
    if "'" not in word and "’" not in word:
        return word
    word = word.replace("’", "'")
    if word in _NEGATED:
        return _NEGATED[word]
    if word.endswith("n't"):
        return word[:-3]
    return _CONTRACTION.sub("", word).replace("'", "")


def clearly_one_of(text: str, langs: tuple[str, ...]) -> tuple[str, ...]:
    """The languages of ``langs`` a text may be read in: only one when at least two of its words are
    function words of that language alone and none of another ("min mamma dog och jag orkar inte" is
    Swedish, so its "dog" is "died", not the animal); all of them when the words do not tell."""
    words = [w for w in tokenize(text) if sum(w in STOPWORDS[lang] for lang in langs) == 1]
    counts = {lang: sum(w in STOPWORDS[lang] for w in words) for lang in langs}
    sure = [lang for lang in langs if counts[lang] >= 2 and all(counts[o] == 0 for o in langs if o != lang)]
    return tuple(sure) or langs


def detect_lang(text: str) -> str:
    """Cheap guess among fi/sv/en for a short query: stopwords first, then letters, else Finnish."""
    words = tokenize(text)
    scores: dict[str, float] = {lang: sum(w in STOPWORDS[lang] for w in words) for lang in LANGS}
    low = text.lower()
    if "å" in low:
        scores["sv"] += 2
    if any(c in low for c in "äö"):
        scores["fi"] += 1
        scores["sv"] += 0.5
    if any(w.endswith(("ing", "tion", "ness")) for w in words):
        scores["en"] += 1
    if any(w.endswith(("ssa", "ssä", "sta", "stä", "lla", "llä", "nen", "minen")) for w in words):
        scores["fi"] += 1
    best = max(LANGS, key=lambda lang: (scores[lang], lang == "fi"))
    return best if scores[best] > 0 else "fi"


class _Base:
    """Shared word loop: stopwords out, each remaining word mapped to its (cached) terms."""

    name = "base"

    def __init__(self) -> None:
        import Stemmer

        self._stemmers = {lang: Stemmer.Stemmer(alg) for lang, alg in _STEMMER_NAMES.items()}
        self._stem_lock = threading.Lock()  # PyStemmer objects are not thread-safe
        self._word = lru_cache(maxsize=200_000)(self._word_terms)

    def analyze(self, text: str, lang: str) -> list[str]:
        out: list[str] = []
        for _, terms in self.analyze_words(text, lang):
            out.extend(terms)
        return out

    def analyze_words(self, text: str, lang: str) -> list[tuple[str, tuple[str, ...]]]:
        """Each non-stopword with its terms; used to report which query words matched."""
        lang = lang if lang in LANGS else "fi"
        stop = STOPWORDS[lang]
        return [(w, self._word(w, lang)) for w in tokenize(text) if w not in stop]

    def _stem(self, word: str, lang: str) -> str:
        with self._stem_lock:
            stem: str = self._stemmers[lang].stemWord(word)
            return stem

    def _simple(self, word: str, lang: str) -> list[str]:
        import simplemma

        lemma = simplemma.lemmatize(word, lang=lang).lower()
        return [self._stem(lemma, lang)]

    def _word_terms(self, word: str, lang: str) -> tuple[str, ...]:
        raise NotImplementedError


def _dedupe(terms: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for t in terms:
        if t and len(t) > 1 and t not in seen:
            seen[t] = None
    return tuple(seen)


class SimpleAnalyzer(_Base):
    """simplemma lemma + Snowball stem in every language; hyphen parts as extra terms."""

    name = "simple"

    def _word_terms(self, word: str, lang: str) -> tuple[str, ...]:
        terms = self._simple(word, lang)
        if "-" in word:
            for part in word.split("-"):
                terms.extend(self._simple(part, lang))
        return _dedupe(terms)


class VoikkoAnalyzer(_Base):
    """Voikko base forms and compound parts for Finnish; Snowball/simplemma for Swedish and English."""

    name = "voikko"

    def __init__(self) -> None:
        super().__init__()
        self._analyses = FinnishMorphology().analyze  # raises when Voikko is missing
        self._fi = lru_cache(maxsize=200_000)(self._fi_terms)

    def _word_terms(self, word: str, lang: str) -> tuple[str, ...]:
        if lang != "fi":
            return SimpleAnalyzer._word_terms(self, word, lang)  # type: ignore[arg-type]
        return self._fi(word)

    def _fi_terms(self, word: str) -> tuple[str, ...]:
        terms: list[str] = []
        analyses = self._analyses(word)
        if not analyses and "-" in word:
            for part in word.split("-"):
                terms.extend(self._fi(part))
            return _dedupe([word, *terms])
        if not analyses and len(word) >= 5 and word[-1] == word[-2] and word[-1] in "aeiouyäö":
            # spoken partitive: "kouluu", "tukee", "asuntoo" for "koulua", "tukea", "asuntoa"
            analyses = self._analyses(word[:-1] + ("ä" if any(c in word for c in "äöy") else "a"))
        if not analyses:
            return _dedupe([word])  # unknown word (name, abbreviation): keep it as written
        for a in analyses[:2]:
            base = a.get("BASEFORM", word).lower()
            terms.append(base)
            terms.extend(self._compound_parts(word, base, a.get("STRUCTURE", "")))
        return _dedupe(terms)

    def _compound_parts(self, word: str, base: str, structure: str) -> list[str]:
        """Split by STRUCTURE ('=' starts a part); non-final parts are lemmatised, the final part is the
        rest of the base form (kaupungintalolla → kaupunki, talo)."""
        if structure.count("=") < 2:
            return []
        parts: list[str] = []
        current = ""
        i = 0
        for ch in structure:
            if ch == "=":
                if current:
                    parts.append(current)
                current = ""
                continue
            if i >= len(word):
                break
            current += word[i]
            i += 1
        if current:
            parts.append(current)
        parts = [p.strip("-") for p in parts if p.strip("-")]
        if len(parts) < 2:
            return []
        out: list[str] = []
        prefix = "".join(parts[:-1])
        for p in parts[:-1]:
            out.append(p)
            sub = self._analyses(p)
            if not sub and len(p) >= 4 and p.endswith("is"):  # the compound form of a -nen word:
                sub = self._analyses(p[:-1] + "nen")  # asumis- (asuminen → asua), ihmis-, nais-
            if sub:
                out.append(sub[0].get("BASEFORM", p).lower())
        flat_base = base.replace("-", "")
        if flat_base.startswith(prefix):
            out.append(flat_base[len(prefix) :])
        else:
            out.append(parts[-1])
        return out


def voikko_available() -> bool:
    try:
        import libvoikko

        libvoikko.Voikko("fi").terminate()
        return True
    except Exception:  # noqa: BLE001 - any load failure means "not available"
        return False


def make_analyzer(mode: str = "auto") -> _Base:
    """"auto": Voikko when it loads, else the simple analyzer (one warning); "voikko": required; "simple"."""
    global _warned
    if mode == "simple":
        return SimpleAnalyzer()
    if mode == "voikko":
        return VoikkoAnalyzer()
    if mode != "auto":
        raise ValueError(f"unknown analyzer {mode!r}: use auto, voikko or simple")
    try:
        return VoikkoAnalyzer()
    except Exception as exc:  # noqa: BLE001
        with _warn_lock:
            if not _warned:
                log.warning("Voikko not available (%s); Finnish falls back to simplemma + Snowball", type(exc).__name__)
                _warned = True
        return SimpleAnalyzer()


@lru_cache(maxsize=None)
def shared_analyzer(mode: str) -> _Base:
    """One analyzer per mode for the whole process: analyzers hold no state but their word caches, which
    every runtime and snapshot built in the process then shares (Voikko also loads its dictionary once)."""
    return make_analyzer(mode)


class LazyAnalyzer:
    """Creates the configured analyzer on first use (Voikko loads its dictionary then)."""

    def __init__(self, mode: str) -> None:
        if mode not in ("auto", "voikko", "simple"):
            raise ValueError(f"unknown analyzer {mode!r}: use auto, voikko or simple")
        self.mode = mode
        self._inner: _Base | None = None
        self._lock = threading.Lock()

    @property
    def inner(self) -> _Base:
        if self._inner is None:
            with self._lock:
                if self._inner is None:
                    self._inner = shared_analyzer(self.mode)
        return self._inner

    @property
    def name(self) -> str:
        return self.inner.name

    def analyze(self, text: str, lang: str) -> list[str]:
        return self.inner.analyze(text, lang)

    def analyze_words(self, text: str, lang: str) -> list[tuple[str, tuple[str, ...]]]:
        return self.inner.analyze_words(text, lang)
