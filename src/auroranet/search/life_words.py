"""Everyday life words: the persons, times, body parts and everyday places people name when they tell
their situation ("mieheni lyö minua", "hammasta särkee viikonloppuna", "I look after my sick wife",
"jag sover hos kompisar").

Service texts rarely use these words ("vaimo", "taapero", "kompis", "toddler" are in no PTV service), so
the relevance floor would take them, like an unknown noun of another domain ("pizzan", "iPhone",
"horoskooppi"), for a sign that the query is out of scope. A life word says whose or when the need is,
not what it is about, so when the catalogue lacks it, it does not count against the query (weak_words.py,
floor.py ``topical_words``); the words of the need itself still have to be met. A word the catalogue
has still counts as usual.

Finnish words are matched by their base form (Voikko BASEFORM: "vaimoani" → "vaimo", "kavereilla" →
"kaveri"); Swedish and English by the word as written (no stemmer agrees on their inflection), so their
common forms are listed. The list stays with people, time, the body and the home: no word of a domain
(food, games, sports, shopping, vehicles, entertainment) belongs here, and neither does a word that
asks for a date's news (weak_words.DAY_WORDS).

    is_life_word("vaimoani", ["vaimo"])   # True
    is_life_word("pizzan", ["pizza"])     # False
"""

from __future__ import annotations

from typing import Iterable

FI_LIFE_BASES: frozenset[str] = frozenset(
    """mies aviomies vaimo puoliso kumppani avopuoliso kaveri ystävä poika tytär äiti isä vanhempi taapero
    vauva teini teini-ikäinen nuoriso veli sisko sisar isovanhempi mummo mummi isoäiti isoisä vaari pappa
    naapuri lapsenlapsi serkku setä täti eno anoppi appi miniä vävy
    viikonloppu ilta yö aamu iltapäivä viikko kuukausi kesä talvi syksy kevät hetki
    hammas selkä vatsa polvi niska olkapää kurkku korva silmä rinta iho
    koti koto bussi juna ratikka metro raitiovaunu huone keittiö kylpyhuone piha porras rappu hissi
    arki asia juttu tavara""".split()
)
SV_EN_LIFE: frozenset[str] = frozenset(
    """man mannen make maken fru frun hustru hustrun sambo sambon partner partnern kompis kompisen kompisar
    vän vännen vänner son sonen söner dotter dottern döttrar mamma mamman pappa pappan förälder föräldrar
    småbarn småbarnet bebis bebisen tonåring tonåringen tonåringar bror brodern syster systern mormor
    farmor morfar farfar granne grannen grannar barnbarn
    helg helgen helger kväll kvällen natt natten morgon morgonen vecka veckan sommar sommaren vinter
    vintern höst hösten vår våren stund tid tiden
    tand tanden tänder rygg ryggen mage magen knä knät nacke nacken axel axeln hals halsen öra örat öga
    ögat
    hem hemmet hemma buss bussen tåg tåget spårvagn rum rummet kök köket trappa hiss vardag vardagen sak
    saker grej grejer ställe
    husband husbands wife wives spouse partner friend friends mate mates son sons daughter daughters mum
    mom mother dad father parent parents toddler toddlers baby babies teens teenager teenagers
    teenage kid kids brother sister grandma grandmother grandpa grandfather grandparents neighbour
    neighbor neighbours neighbors grandchild grandchildren
    weekend weekends evening evenings night nights morning mornings week weeks month months summer
    winter autumn spring while
    tooth teeth back stomach knee knees neck shoulder throat ear ears eye eyes
    home house bus buses train tram room kitchen stairs lift elevator thing things stuff place places
    daily everyday""".split()
)


def is_life_word(word: str, bases: Iterable[str] = ()) -> bool:
    """Is ``word`` (lower case; ``bases``: its Finnish base forms) an everyday life word?"""
    return word in SV_EN_LIFE or any(b.lower() in FI_LIFE_BASES for b in bases)
