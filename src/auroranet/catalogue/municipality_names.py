"""Municipality input → municipality code: what a person types in a municipality field.

Accepted, in this order: a code ("091", "91"); a name in Finnish, Swedish or English, any case
("Helsinki", "Helsingfors", "Uleåborg", "Åbo"); a Finnish inflected form ("Oulussa", "Helsingistä",
"Tampereella", "Lahdessa", "Uudessakaupungissa"). Inflected forms go through Voikko when it loads (its
base forms checked against the names) and otherwise, or when Voikko does not know the word, through a
small suffix stripper whose stems know Finnish consonant gradation (Turku → Turu-ssa, Helsinki →
Helsingi-ssä, Lahti → Lahde-ssa, Seinäjoki → Seinäjoe-lla). Every candidate must name exactly one
municipality: nothing is guessed from a prefix, and text matching two municipalities gives None.

    resolve_municipality(ref.municipalities, "Oulusta")   # '564'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from auroranet.voikko import shared_morphology

BaseForms = Callable[[str], Iterable[str]]

_VOWELS = "aeiouyäö"
_SPACE = re.compile(r"\s+")
_TRIM = " \t.,;:!?\"'()[]"
# Trailing words that name the kind of place ("Oulun kaupunki", "Vasa stad", "Oulu municipality").
_KIND_WORDS = (" kaupunki", " kunta", " stad", " kommun", " city", " municipality", " town")
_LEADING = ("i ", "in ")  # "i Uleåborg", "in Oulu"
# Case endings, longest first: inessive, elative, adessive, ablative, allative, essive, translative, genitive.
_SUFFIXES = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "na", "nä", "n")
# Illative: Ouluun, Helsinkiin, Lahteen (vowel repeated + n); Espooseen (long vowel + seen); Joensuuhun.
# Group 1 ends where the stem ends.
_ILLATIVE = (re.compile(r"([aeiouyäö])\1n$"), re.compile(r"(([aeiouyäö])\2)seen$"),
             re.compile(r"(([aeiouyäö])\2)h\2n$"))
# Consonant gradation, strong → weak, before the stem's last vowel (two-letter clusters first).
_CLUSTERS = (("kk", "k"), ("pp", "p"), ("tt", "t"), ("nk", "ng"), ("mp", "mm"), ("nt", "nn"), ("lt", "ll"),
             ("rt", "rr"), ("ht", "hd"), ("lk", "l"), ("rk", "r"), ("lp", "lv"), ("rp", "rv"))
_SINGLE = (("k", ""), ("t", "d"), ("p", "v"))  # only between vowels (joki → joe, but Kotka stays)


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.strip(_TRIM).casefold()).strip(_TRIM)


def _weak(stem: str) -> str | None:
    """The weak grade of a stem ending in consonant(s) + one vowel, or None when nothing alternates."""
    if len(stem) < 3 or stem[-1] not in _VOWELS or stem[-2] in _VOWELS:
        return None
    body, last = stem[:-1], stem[-1]
    for strong, weak in _CLUSTERS:
        if body.endswith(strong):
            return body[: -len(strong)] + weak + last
    for strong, weak in _SINGLE:
        if body.endswith(strong) and len(body) >= 2 and body[-2] in _VOWELS:
            return body[:-1] + weak + last
    return None


def stems(name: str) -> set[str]:
    """The stems case endings attach to, for a base form (lower case)."""
    out = {name}
    if name.endswith("nen"):  # Kauniainen → Kauniaise-ssa, Kauniaisi-ssa (plural use)
        out |= {name[:-3] + "se", name[:-3] + "si"}
    elif name.endswith("us"):  # Alavus → Alavude-lla, Kannus → Kannukse-ssa
        out |= {name[:-1] + "de", name[:-1] + "kse", name + "i"}
    elif name.endswith("s"):  # Muhos → Muhokse-lla, Korsnäs → Korsnäsi-ssä
        out |= {name[:-1] + "kse", name + "i"}
    elif name[-1] not in _VOWELS:  # Finström → Finströmi-ssä, Virrat
        out.add(name + "i")
    elif name.endswith("i") and not name.endswith("ii"):  # Lahti → Lahde-ssa, Rovaniemi → Rovanieme-llä
        out.add(name[:-1] + "e")
    elif name.endswith("e") and not name.endswith("ee"):  # Tampere → Tamperee-lla (and Raahe-ssa)
        out.add(name + "e")
    for s in list(out):
        if (w := _weak(s)) is not None:
            out.add(w)
    return out


def suffix_candidates(word: str) -> set[str]:
    """Possible stems of an inflected word: the word with one case ending removed."""
    out = set()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            out.add(word[: -len(suffix)])
    for pattern in _ILLATIVE:
        if m := pattern.search(word):
            out.add(word[: m.end(1)])
    return out


@dataclass(frozen=True)
class NameIndex:
    names: dict[str, frozenset[str]]  # normalised name → codes
    stems: dict[str, frozenset[str]]  # inflection stem of a name → codes

    @classmethod
    def of(cls, municipalities: Mapping[str, Mapping[str, str]]) -> "NameIndex":
        names: dict[str, set[str]] = {}
        for code, labels in municipalities.items():
            for label in labels.values():
                for name in _aliases(normalise(label)):
                    names.setdefault(name, set()).add(code)
        by_stem: dict[str, set[str]] = {}
        for name, codes in names.items():
            for stem in stems(name):
                by_stem.setdefault(stem, set()).update(codes)
        return cls({n: frozenset(c) for n, c in names.items()}, {s: frozenset(c) for s, c in by_stem.items()})

    def named(self, candidates: Iterable[str]) -> set[str]:
        return {code for c in candidates for code in self.names.get(normalise(c), ())}

    def stemmed(self, candidates: Iterable[str]) -> set[str]:
        return {code for c in candidates for code in self.stems.get(c, ())}


def _aliases(name: str) -> set[str]:
    """A name and the names inside it: "maarianhamina - mariehamn", "pedersören kunta", "koski tl"."""
    if not name:
        return set()
    out = {name}
    if " - " in name:
        out.update(p.strip() for p in name.split(" - ") if p.strip())
    for word in _KIND_WORDS:
        if name.endswith(word) and name[: -len(word)].endswith("n"):
            out.add(name[: -len(word) - 1])  # "pedersören kunta" → "pedersöre"
    if name.endswith(" tl"):
        out.add(name[:-3])
    out.update(n.replace("-", " ") for n in list(out) if "-" in n and " - " not in n)  # "mänttä vilppula"
    return out


def _one(codes: set[str]) -> str | None:
    return next(iter(codes)) if len(codes) == 1 else None


def _forms(value: str) -> list[str]:
    """The text, and without a leading preposition or a trailing "kaupunki"/"kunta"/"stad"… word."""
    out = [value]
    for lead in _LEADING:
        if value.startswith(lead) and len(value) > len(lead) + 1:
            out.append(value[len(lead):])
    for form in list(out):
        for word in _KIND_WORDS:
            if form.endswith(word) and len(form) > len(word) + 1:
                out.append(form[: -len(word)])
    return out


def voikko_base_forms(word: str) -> list[str]:
    """Voikko's base forms of one Finnish word, or [] when Voikko (libvoikko and its dictionary) is missing."""
    morphology = shared_morphology()
    if morphology is None:
        return []
    return [a["BASEFORM"] for a in morphology.analyze(word) if isinstance(a.get("BASEFORM"), str)]


_cache: tuple[object, NameIndex] | None = None


def index_for(municipalities: Mapping[str, Mapping[str, str]]) -> NameIndex:
    """The name index of one code list (cached while the same mapping, e.g. one snapshot's, is asked)."""
    global _cache
    cached = _cache
    if cached is not None and cached[0] is municipalities:
        return cached[1]
    idx = NameIndex.of(municipalities)
    _cache = (municipalities, idx)
    return idx


def resolve_municipality(municipalities: Mapping[str, Mapping[str, str]], text: str,
                         base_forms: BaseForms | None = voikko_base_forms) -> str | None:
    """The code of the one municipality ``text`` names, or None (unknown, empty or ambiguous).

    ``municipalities`` maps code → {lang: name}; ``base_forms`` gives a word's dictionary forms (Voikko by
    default; None uses only the suffix stripper)."""
    value = normalise(text)
    if not value:
        return None
    if value.isdigit() and len(value) <= 3:
        code = value.zfill(3)
        return code if code in municipalities else None
    idx = index_for(municipalities)
    forms = _forms(value)
    if found := _one(idx.named(forms)):
        return found
    if base_forms is not None:
        words = [f for f in forms if " " not in f]
        if found := _one(idx.named(b for w in words for b in base_forms(w))):
            return found
    return _one(idx.stemmed(s for f in forms for s in suffix_candidates(f)))
