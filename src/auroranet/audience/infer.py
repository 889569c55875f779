"""Who a service is for, from its PTV target groups or, when those are missing or only say "citizens",
from its texts in fi, sv and en.

    aud = infer_audience(record)          # Audience(groups={"older_people", "adults"}, source="text", ...)
    audience_allowed(aud, age=16, asked_business=False)   # False: a service for older people

Groups: children, young_people, families, adults (working-age and older), older_people, disabled,
everyone (the text addresses all ages or all residents), businesses, authorities. The service NAME is
read first: when it names an audience ("Liikuntaa ikääntyneille", "Aikuissosiaalityö") that is the
audience; otherwise the summary, then the description. Explicit age ranges in the name or summary
("18–24-vuotiaille", "13–17-åriga", "16-29 year-olds") are kept as well.

The age and organisation rules (``audience_allowed``, the one place they are written):

* services only for businesses or authorities are not offered to persons unless they ask for them
  (the request text mentions a company, an employer, an association …); PTV's personal business groups
  (inventors, people founding a company) stay open to adults, as before;
* people under 30 get no service only for older people;
* minors (under 18) get no service only for adults (adult social work, detox, assisted living);
* people over 29 get no service only for young people (the Youth Act: young people are under 29);
* a stated age range ("18–24-vuotiaille") is respected, except for services for children or families,
  where it is the children's age and parents use the service;
* services only for children are NOT closed to adults: parents use them on their children's behalf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from auroranet.catalogue.models import ServiceRecord

CHILDREN, YOUNG, FAMILIES, ADULTS, OLDER, DISABLED, EVERYONE = (
    "children", "young_people", "families", "adults", "older_people", "disabled", "everyone")
BUSINESSES, AUTHORITIES = "businesses", "authorities"
AUDIENCE_GROUPS: tuple[str, ...] = (CHILDREN, YOUNG, FAMILIES, ADULTS, OLDER, DISABLED, EVERYONE, BUSINESSES,
                                    AUTHORITIES)
CITIZEN_GROUPS = frozenset({CHILDREN, YOUNG, FAMILIES, ADULTS, OLDER, DISABLED, EVERYONE})
ORGANISATION_GROUPS = frozenset({BUSINESSES, AUTHORITIES})

ADULT_AGE = 18
SENIOR_SERVICES_MIN_AGE = 30  # relatives of older people use these too; minors and young adults do not
YOUTH_SERVICES_MAX_AGE = 29  # the Youth Act: young people are those under 29

# PTV target groups (ptvkohderyhmat): KR1 citizens, KR2 businesses and communities, KR3 authorities.
PTV_GROUPS: dict[str, tuple[str, ...]] = {
    "KR1.1": (OLDER, ADULTS), "KR1.2": (CHILDREN, FAMILIES), "KR1.3": (YOUNG,), "KR1.4": (EVERYONE,),
    "KR1.5": (EVERYONE,), "KR1.6": (DISABLED,), "KR3": (AUTHORITIES,),
}
PERSONAL_BUSINESS_GROUPS = frozenset({"KR2.2", "KR2.8"})  # inventors, people founding a company

# Word beginnings (after a word start, so compounds are caught only where written with ``\w*``).
_CUES: dict[str, str] = {
    OLDER: r"ikäihmi|ikäänty|\w*vanhu[sk]|\w*seniori|eläkeläi|iäkkä|\w*muistisair|muistihoi|sotainvalid|"
           r"sotavetera|\w*kotihoi|tehostet\w* palveluasu|ympärivuorokauti\w* palveluasu|vanhainko|hoivako|"
           r"\w*laitoshoi|äldre|pensionär|äldreomsorg|hemvård|elderly|older (?:people|persons|adults)|senior|"
           r"pensioner|retired|home care|care home|nursing home",
    ADULTS: r"\w*aikuis|täysi-ikäi|palkansaaj|työikäi|\w*palveluasu|katkaisuhoi|vieroitushoi|selviämis|"
            r"\w*päihdekuntoutu|työntekij|vuxna|vuxen|myndiga|serviceboende|avgiftning|adult|detox",
    CHILDREN: r"\w*lapsi|\w*lapse|\w*lasten|lapsil|vauva|koululai|oppilai|\w*esiopetu|\w*perusopetu|"
              r"varhaiskasv|\w*päiväko|\w*päivähoi|alle kouluikäi|\w*barn|elever|elevhäls|daghem|dagvård|förskol|"
              r"child|pupil|kids?\b|bab(?:y|ies)|infant|day care|pre-?school",
    YOUNG: r"\w*nuor|\w*ungdom|unga\b|\bung\b|young (?:people|person|adults)|youth|teen|adolescen",
    FAMILIES: r"\w*perhe|vanhemm|raskaa?n|odottav\w* äi|\w*familj|föräld|famil(?:y|ies)|parent|pregnan",
    DISABLED: r"\w*vamma|\w*vammai|toimintarajoit|invalid|funktionsne|funktionshind|handikapp|disab|handicap",
    EVERYONE: r"kaiken\s?ikäi|kaikille|kansalai|kuntalai|\w*kuluttaj|asuk(?:as|ka)|\w*henkilö(?!kun|kort|tunn|stö)|"
              r"alla åldrar|för alla|medborgar|invånar|privatperson|all ages|everyone|anyone|citizen|"
              r"residents|private (?:person|individual)s?|individuals?",
}
# Organisations: any mention in the NAME ("Yritysten rahoitus", "Kemikaalineuvonta maahantuojille"), but
# in longer texts only the forms that address them ("yrityksille", "työnantajana voit"), since citizen
# services mention companies and municipalities too ("riita kuluttajan ja yrityksen välillä").
_ORG_NAME: dict[str, str] = {
    BUSINESSES: r"\w*yritys|\w*yrityk|\w*yrittäj|\w*yhtiö|elinkeino|toiminnanharjoitt|työnantaj|maahantuoj|"
                r"valmistaj|viljelij|tuottajil|\w*yhdistyks|\w*yhdistyst|järjestöil|yhteisöil|\w*företag|"
                r"näringsidkar|arbetsgivar|föreningar|busines|compan(?:y|ies)|enterprise|entrepreneur|employer|"
                r"manufacturer|importer|farmer|valtionavustu|\w*kehittämisavustu|\w*kohdeavustu|\w*toiminta-avustu|"
                r"\w*vuosiavustu|\w*erityisavustu|\w*hankeavustu",
    AUTHORITIES: r"viranomai|kunnille|kuntien|hyvinvointialueil|\w*ammattilai|\w*ammattikort|\w*ammattihenkilö|"
                 r"organisaatioil|julkishallin|"
                 r"virastoil|oppilaitoksil|myndighet|yrkesverksamma|authorit|professionals|municipalities|"
                 r"public administration|public bodies",
}
_ORG_TEXT: dict[str, str] = {
    BUSINESSES: r"\w*yrityksille|\w*yrittäjille|\w*yrityksesi|\w*yrityksellesi|työnantajille|työnantajana|"
                r"työnantajan (?:tulee|on|täytyy)|\w*yhdistyksille|järjestöille|yhteisöille|"
                r"toiminnanharjoittajille|elinkeinonharjoittajille|maahantuojille|valmistajille|viljelijöille|"
                r"tuottajille|för företag|företagare|arbetsgivare|näringsidkare|for (?:businesses|companies|"
                r"employers|enterprises)|your (?:company|business)|"
                r"\w*(?:yhdistykset|järjestöt|seurat|tiekunta|tiekunnat) voi(?:vat)? (?:hakea|saada|tiedustella)",
    AUTHORITIES: r"kunnille|viranomaisille|\w*ammattilaisille|\w*ammattihenkilöille|\w*ammattikorttien|"
                 r"organisaatioille|hyvinvointialueille|"
                 r"oppilaitoksille|virastoille|för myndigheter|for (?:authorities|professionals|municipalities)",
}


def _compile(cues: dict[str, str]) -> dict[str, re.Pattern[str]]:
    return {g: re.compile(rf"(?<!\w)(?:{p})", re.IGNORECASE) for g, p in cues.items()}


_NAME_RE = _compile({**_CUES, **_ORG_NAME})
_TEXT_RE = _compile({**_CUES, **_ORG_TEXT})

# "18–24-vuotiaille", "13 - 19 vuotiaana", "för 13–17-åringar", "aged 16-29", "alle 18-vuotiaat" …
_RANGE = re.compile(r"(?<!\d)(\d{1,2})\s*[–—-]\s*(\d{1,2})\s*-?\s*(?:v\.|vuotia|vuotias|årig|år gaml|years? old|"
                    r"year-old)", re.IGNORECASE)
_RANGE_EN = re.compile(r"aged\s+(\d{1,2})\s*(?:[–—-]|to)\s*(\d{1,2})", re.IGNORECASE)
# The request asks for services for organisations (a company, an employer, an association, an authority).
_ASKS_ORGANISATION = re.compile(
    r"(?<!\w)(?:\w*yritys|\w*yrityk|\w*yrittäj|toiminimi|\w*yhtiö|työnantaj|elinkeino|yhdisty|viranomai|"
    r"\w*företag|näringsidkar|arbetsgivar|förening|firma|myndighet|busines|compan(?:y|ies)|enterprise|"
    r"entrepreneur|self-employed|startup|employer|association|authorit)", re.IGNORECASE)

AUDIENCE_NAMES: dict[str, dict[str, str]] = {
    CHILDREN: {"fi": "lapset", "sv": "barn", "en": "children"},
    YOUNG: {"fi": "nuoret", "sv": "unga", "en": "young people"},
    FAMILIES: {"fi": "perheet", "sv": "familjer", "en": "families"},
    ADULTS: {"fi": "aikuiset", "sv": "vuxna", "en": "adults"},
    OLDER: {"fi": "ikäihmiset", "sv": "äldre", "en": "older people"},
    DISABLED: {"fi": "vammaiset", "sv": "personer med funktionsnedsättning", "en": "people with disabilities"},
    EVERYONE: {"fi": "kaikki", "sv": "alla", "en": "everyone"},
    BUSINESSES: {"fi": "yritykset ja yhteisöt", "sv": "företag och sammanslutningar", "en": "businesses and communities"},
    AUTHORITIES: {"fi": "viranomaiset", "sv": "myndigheter", "en": "authorities"},
}
_LINE = {"fi": "Kenelle: {items}", "sv": "För vem: {items}", "en": "For whom: {items}"}
_INFERRED = {"fi": " (päätelty palvelun kuvauksesta)", "sv": " (härlett ur tjänstens beskrivning)",
             "en": " (inferred from the service description)"}


@dataclass(frozen=True)
class Audience:
    groups: frozenset[str] = frozenset()  # empty: nothing known, open to everyone
    source: str = "none"  # "ptv" (target group codes), "text" (inferred), "ptv+text", "none"
    age_range: tuple[int, int] | None = None  # stated in the name or summary
    personal_business: bool = False  # PTV inventors / company founders

    @property
    def citizen(self) -> frozenset[str]:
        return self.groups & CITIZEN_GROUPS

    @property
    def organisations_only(self) -> bool:
        return bool(self.groups & ORGANISATION_GROUPS) and not self.citizen

    @property
    def older_only(self) -> bool:
        c = self.citizen
        return OLDER in c and not c & {CHILDREN, YOUNG, FAMILIES, DISABLED, EVERYONE}

    @property
    def adults_only(self) -> bool:
        c = self.citizen
        return bool(c & {ADULTS, OLDER}) and not c & {CHILDREN, YOUNG, FAMILIES, EVERYONE}

    @property
    def youth_only(self) -> bool:
        c = self.citizen
        return YOUNG in c and c <= {YOUNG, CHILDREN}

    def keys(self) -> list[str]:
        """Groups in a stable order, for explanations."""
        return [g for g in AUDIENCE_GROUPS if g in self.groups]


def audience_allowed(aud: Audience, age: int | None, asked_business: bool = False) -> bool:
    """May a person of this age (None: unknown) be offered a service with this audience?"""
    if aud.organisations_only and not asked_business:
        if not aud.personal_business or (age is not None and age < ADULT_AGE):
            return False
    if age is None:
        return True
    if aud.age_range is not None and not aud.citizen & {CHILDREN, FAMILIES} and \
            not aud.age_range[0] <= age <= aud.age_range[1]:
        return False
    if age < ADULT_AGE and aud.adults_only:
        return False
    if age < SENIOR_SERVICES_MIN_AGE and aud.older_only:
        return False
    if age > YOUTH_SERVICES_MAX_AGE and aud.youth_only:
        return False
    return True


def asks_for_organisations(text: str | None) -> bool:
    """Does a request text ask for services for companies, employers, associations or authorities?"""
    return bool(text and _ASKS_ORGANISATION.search(text))


def groups_in_text(text: str, *, name: bool = False) -> set[str]:
    """Audience groups a text names (``name``: the service name, where any mention of organisations counts)."""
    return {g for g, rx in (_NAME_RE if name else _TEXT_RE).items() if rx.search(text)}


def age_range_in_text(text: str) -> tuple[int, int] | None:
    """The widest age range the text states, or None."""
    found: list[tuple[int, int]] = []
    for rx in (_RANGE, _RANGE_EN):
        found += [(int(a), int(b)) for a, b in rx.findall(text) if int(a) < int(b)]
    if not found:
        return None
    return min(lo for lo, _ in found), max(hi for _, hi in found)


def _texts(values: Iterable[str]) -> str:
    return " ".join(v for v in values if v)


def _from_codes(codes: set[str]) -> tuple[set[str], bool, bool]:
    """(groups, personal business, only the top-level citizens code)."""
    groups: set[str] = set()
    for c in codes:
        groups.update(PTV_GROUPS.get(c, ()))
        if c == "KR2" or c.startswith("KR2."):
            groups.add(BUSINESSES)
    subs = {c for c in codes if c.startswith("KR1.")}
    citizens_only_top = "KR1" in codes and not subs
    if "KR1" in codes and not subs:
        groups.add(EVERYONE)
    return groups, bool(codes & PERSONAL_BUSINESS_GROUPS), citizens_only_top


def infer_audience(svc: ServiceRecord) -> Audience:
    """PTV target groups when they say more than "citizens", else cues in the name, summary, description."""
    name = _texts([*svc.names.values(), *svc.alternative_names.values()])
    summary = _texts([*svc.summary.values(), *(" ".join(k) for k in svc.keywords.values())])
    ages = age_range_in_text(f"{name} {summary}")
    codes = {t.code for t in svc.target_groups if t.code}
    personal = False
    if codes:
        groups, personal, top_only = _from_codes(codes)
        if not top_only:
            return Audience(frozenset(groups), "ptv", ages, personal)
    text_groups = groups_in_text(name, name=True) or groups_in_text(summary)
    if not text_groups:
        text_groups = groups_in_text(_texts(svc.description.values()))
    if codes:  # only "citizens": the text may say which citizens
        citizen = text_groups & CITIZEN_GROUPS
        if not citizen:
            return Audience(frozenset(groups), "ptv", ages, personal)
        return Audience(frozenset((groups - {EVERYONE}) | citizen), "ptv+text", ages, personal)
    return Audience(frozenset(text_groups), "text" if text_groups else "none", ages, False)


def render_audience(groups: Iterable[str], source: str | None, lang: str = "fi") -> list[str]:
    """One sentence naming who the service is for ([] when nothing is known or it is for everyone)."""
    lang = lang if lang in _LINE else "fi"
    shown = [g for g in AUDIENCE_GROUPS if g in set(groups) and g != EVERYONE]
    if not shown:
        return []
    line = _LINE[lang].format(items=", ".join(AUDIENCE_NAMES[g][lang] for g in shown))
    return [line + (_INFERRED[lang] if source and "text" in source else "")]
