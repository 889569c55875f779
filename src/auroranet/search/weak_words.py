"""Words that say nothing about a query's topic: verbs, adverbs and numbers ("menetin", "riitä", "pois",
"18", "förlorade", "receiving", "enough").

People in a life event write whole sentences ("täytin 18 ja muutin pois lastenkodista"), and the
catalogue lacks many of their verbs and adverbs. An unknown noun ("iPhone", "pizzan", "horoskooppi") is
a good sign that a query is out of scope; an unknown verb or adverb is not, so the relevance floor
(floor.py, ``words_needed``) does not count such a word when it is unknown (index.py).

Finnish words are classed by Voikko (CLASS of every analysis: teonsana = verb, seikkasana = adverb,
lukusana = numeral, ...). There is no tagger for Swedish and English here: a word list of common
everyday verbs and adverbs, and the regular past-tense and participle endings of verbs.

    is_weak("menetin")     # True: a verb
    is_weak("pizzan")      # False: a noun
"""

from __future__ import annotations

import re
from functools import lru_cache

from auroranet.search.life_words import is_life_word
from auroranet.voikko import shared_morphology

# Voikko word classes that name no topic (nimisana = noun, laatusana = adjective and the rest do)
FI_WEAK_CLASSES = frozenset({"teonsana", "seikkasana", "lukusana", "kieltosana", "asemosana", "sidesana",
                             "suhdesana", "huudahdussana"})
PERSON_NAMES = frozenset({"sukunimi", "etunimi"})  # readings that give way to any other
SV_EN_WEAK: frozenset[str] = frozenset(
    """förlora förlorar förlorade förlorat tappa tappar tappade tappat fylla fyller fyllde fyllt
    flytta flyttar flyttade flyttat gå går gick gått göra gör gjorde gjort räcka räcker räckte räckt
    använda använder använde använt hoppa hoppar hoppade hoppat veta vet visste vetat ta tar tog tagit
    komma kommer kom kommit säga säger sa sade sagt ge ger gav gett givit leva lever levde levt bo bor
    bodde bott klara klarar klarade klarat orka orkar orkade orkat hitta hittar hittade hittat
    längre länge nu redan ofta alltid aldrig ibland snart tillräckligt
    lose loses losing lost turn turns turning turned leave leaves leaving left go goes going went gone
    make makes making made take takes taking took taken know knows knowing knew known file files filing
    filed receive receives receiving received drop drops dropping dropped use uses using used apply
    applies applying applied hang hangs hanging hung tell told say said give gave given live lives
    living lived cope coping manage managing keep kept seem seems come comes came coming stay stays
    stayed think thought try tried trying recover recovers recovering recovered struggle struggling
    gräla grälar grälade skilja skiljer fundera funderar åka åker tjäna tjänar sova sover slå slår tala
    talar prata pratar börja börjar
    fight fights fighting hit hits sort speak speaking write writing want wants wanted sleep sleeping
    earn earning start starting get getting
    now already often always never sometimes soon enough anymore because igång
    bad badly severe severely terrible terribly awful really very
    anyway away long longer someone something somebody anything anyone everything
    cant dont wont isnt doesnt didnt ive youre""".split()
)
# Spoken Finnish that Voikko does not know: pronouns and forms of "olla" ("mää oon", "en oo ollu"). Weak,
# not stop words: a stop word may end a compound in the bridge's split ("kurs|sit"), a weak word never does.
FI_SPOKEN_WEAK: frozenset[str] = frozenset("mää mie sää sie oon oot ollu emmä niinku sit mut".split())
# words of the day are no weak words: they ask for news, prices, weather ("bitcoinin hinta tänään",
# "osakekurssit tänään"), which a service catalogue has not
DAY_WORDS = frozenset("""tänään huomenna eilen ylihuomenna toissapäivänä tänä illalla
    idag imorgon igår ikväll today tomorrow yesterday tonight""".split())
SV_WEAK_ENDINGS = ("ade", "ades")  # past tense of the first conjugation ("förlorade", "flyttade")
EN_WEAK_ENDINGS = ("ed",)  # past tense and participle ("dropped", "turned")
AGE_WORD = re.compile(r"\d+-\w")  # an age or a count written with a number ("15-åring", "15-year-old")
MIN_ENDING_WORD = 6  # shorter words ending so are too often nouns ("bed", "need", "lade")


@lru_cache(maxsize=20_000)
def is_weak(word: str) -> bool:
    """Does ``word`` (lower case) say nothing about a topic: a number, a verb, an adverb or an everyday
    life word (life_words.py: "vaimoani", "kompisar", "toddler")?"""
    w = word.lower()
    if w in DAY_WORDS:
        return False
    if w.isdigit() or len(w) < 2 or AGE_WORD.match(w):  # "18", the "n" of "CV:n", "15-åring"
        return True
    if w in SV_EN_WEAK or w in FI_SPOKEN_WEAK:
        return True
    morph = shared_morphology()
    analyses = morph.analyze(w) if morph is not None else []
    if is_life_word(w, [str(a.get("BASEFORM", "")) for a in analyses]):
        return True
    if not analyses and morph is not None and w.endswith("s") and len(w) >= 4:  # spoken "pitäis", "vois"
        analyses = [a for a in morph.analyze(w + "i") if a.get("CLASS") == "teonsana"]
    classes = {a.get("CLASS") for a in analyses}
    if classes - PERSON_NAMES:  # "hukkasin" is a verb, not the family name Hukkanen
        classes -= PERSON_NAMES
    if classes == {"laatusana"} and w.endswith("sti"):  # an adverb made of an adjective: "kovasti"
        return True
    if classes:
        return classes <= FI_WEAK_CLASSES
    return len(w) >= MIN_ENDING_WORD and w.endswith((*SV_WEAK_ENDINGS, *EN_WEAK_ENDINGS))
