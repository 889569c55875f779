"""The network's shared vocabulary, each fact defined once: the ten 3X10D meters (keys and names in
fi/sv/en), the attributes a person may hand to a connected service and the age bands used in statistics.
Life events are data files in ``auroranet/lifeevents/files`` (loaded by ``auroranet.lifeevents.model``). Everything else imports these; nothing here imports the rest of the package.

    METER_KEYS[0]                       # "working_studying"
    meter_name("housing", "sv")         # "boende"
"""

from __future__ import annotations

from typing import Final, Literal

METER_KEYS: Final[tuple[str, ...]] = (
    "working_studying",
    "family",
    "friends",
    "health",
    "improvement_of_strengths",
    "housing",
    "finance",
    "self_esteem",
    "resilience",
    "life_satisfaction",
)
METER_INDEX: Final[dict[str, int]] = {k: i for i, k in enumerate(METER_KEYS)}

# The meters' names as the 3X10D list gives them (the Finnish ones are also the expert-label CSV columns).
METER_NAMES: Final[dict[str, dict[str, str]]] = {
    "health": {"fi": "terveys", "sv": "hälsa", "en": "health"},
    "resilience": {"fi": "vaikeuksien voittaminen", "sv": "att övervinna svårigheter", "en": "overcoming difficulties"},
    "housing": {"fi": "asuminen", "sv": "boende", "en": "housing"},
    "working_studying": {"fi": "opiskelu tai työ", "sv": "studier eller arbete", "en": "studying or work"},
    "family": {"fi": "perhe", "sv": "familj", "en": "family"},
    "friends": {"fi": "ystävät", "sv": "vänner", "en": "friends"},
    "finance": {"fi": "raha-asiat", "sv": "ekonomi", "en": "finances"},
    "improvement_of_strengths": {"fi": "itsensä kehittäminen", "sv": "att utveckla sig själv", "en": "developing yourself"},
    "self_esteem": {"fi": "itsetunto", "sv": "självkänsla", "en": "self-esteem"},
    "life_satisfaction": {"fi": "tyytyväisyys elämään", "sv": "tillfredsställelse med livet", "en": "life satisfaction"},
}


def meter_name(key: str, lang: str) -> str:
    names = METER_NAMES.get(key, {})
    return names.get(lang) or names.get("fi") or key


# What a person may hand over to a connected service (AuroraAI v1 session attributes).
Attribute = Literal["age", "municipality_code", "life_situation_meters"]
ATTRIBUTE_NAMES: Final[tuple[Attribute, ...]] = ("age", "municipality_code", "life_situation_meters")


# Age bands for usage statistics: an exact age is never stored with usage events.
AGE_BANDS: Final[tuple[tuple[str, int, int], ...]] = (
    ("0-15", 0, 15), ("16-17", 16, 17), ("18-24", 18, 24), ("25-29", 25, 29), ("30-44", 30, 44),
    ("45-64", 45, 64), ("65+", 65, 200),
)


def age_band(age: int | None) -> str | None:
    if age is None:
        return None
    return next((name for name, lo, hi in AGE_BANDS if lo <= age <= hi), None)
