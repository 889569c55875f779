"""The contract between the engine (search, recommend) and its callers (network API, web app, CLI).

Callers build a ``ServiceFilters`` and a ``SearchQuery`` / ``RecommendQuery``; the engine answers with
``Hit`` objects, each carrying a score and an ``Explanation`` (``search.explain_text`` renders it in fi,
sv or en).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ServiceFilters:
    """Catalogue filters, applied before ranking. Area codes are expanded to municipalities (union);
    different filter types combine with AND, values within one type with OR."""

    municipality_codes: tuple[str, ...] = ()
    region_codes: tuple[str, ...] = ()
    hospital_district_codes: tuple[str, ...] = ()
    wellbeing_service_county_codes: tuple[str, ...] = ()
    include_national_services: bool = True
    only_national_services: bool = False
    service_classes: tuple[str, ...] = ()  # codes such as "P5" or "P5.3"; a parent matches children
    target_groups: tuple[str, ...] = ()  # exact codes such as "KR1"
    service_collections: tuple[str, ...] = ()
    funding_types: tuple[str, ...] = ()  # PubliclyFunded, MarketFunded
    languages: tuple[str, ...] = ()  # service must be offered in one of these (fi/sv/en)

    def is_empty(self) -> bool:
        return self == ServiceFilters()


@dataclass(frozen=True)
class SearchQuery:
    text: str
    filters: ServiceFilters = ServiceFilters()
    lang: str = "fi"  # language of the request (explanations); the text itself may be in fi/sv/en
    limit: int = 5
    offset: int = 0
    age: int | None = None  # the person's age, when the caller gives it: the audience rules for that age
    keywords: bool = False  # the text is a list of search words, not a sentence: any known word is evidence


@dataclass(frozen=True)
class RecommendQuery:
    """3X10D input: meter values already averaged (0..10), only the meters the person answered."""

    meters: dict[str, float]
    filters: ServiceFilters = ServiceFilters()
    age: int | None = None
    municipality_code: str | None = None
    life_event: str | None = None
    text: str | None = None
    lang: str = "fi"
    limit: int = 5


@dataclass
class Explanation:
    needs: list[tuple[str, float]] = field(default_factory=list)  # (meter key, person's value)
    matched_terms: list[str] = field(default_factory=list)
    bridged_terms: list[tuple[str, str]] = field(default_factory=list)  # (query word, Finnish word it led to)
    admitted_by: list[str] = field(default_factory=list)  # machine keys, e.g. "municipality:837", "national"
    sources: dict[str, float] = field(default_factory=dict)  # per-source scores: bm25, dense, meter, label
    label_sources: list[str] = field(default_factory=list)  # expert label sets that link it to a need
    audience: list[str] = field(default_factory=list)  # who it is for (audience.infer group keys)
    audience_source: str | None = None  # "ptv", "text" (inferred from its texts), "ptv+text"
    curated_by: list[dict[str, str]] = field(default_factory=list)  # "recommended by": names in fi/sv/en
    similar_people: bool = False  # people in a similar situation (a reference group) found it useful
    doing_well: bool = False  # every meter the person answered is at a good level: no need drove this


@dataclass
class Hit:
    service_id: str
    score: float
    rank: int = 0
    need: str | None = None  # the meter this hit was picked for, when recommending
    explanation: Explanation = field(default_factory=Explanation)
