"""Request and response shapes of the network API v1 (wire-compatible with AuroraAI core components) and v2.

Requests are validated with strict pydantic models (unknown fields rejected, strict ints and booleans, no
``null`` for optional fields) and pydantic's errors are rewritten into the marshmallow-style message
dicts that v1 clients saw: ``{'limit': ['Must be greater than or equal to 1 and less than or equal to 50.']}``.
Code lists that depend on loaded reference data (municipalities, service classes) are checked in
``service.check_codes`` after this structural validation.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError,
                      create_model, model_validator)

from auroranet.vocab import METER_KEYS


SERVICE_CLASS_PREFIX = "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/"
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")

# Public code lists (short, stable facts; the reference tables override them when loaded).
REGION_CODES = ("01", "02", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
                "17", "18", "19", "21")
HOSPITAL_DISTRICT_CODES = ("00", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14",
                           "15", "16", "17", "18", "19", "20", "21", "25")
WELLBEING_COUNTY_CODES = tuple(f"{i:02d}" for i in range(1, 22)) + ("90", "91")
TARGET_GROUPS = ("KR1", "KR2", "KR3")
FUNDING_TYPES = ("PubliclyFunded", "MarketFunded")
LANGUAGES_V1 = ("en", "de", "fr", "et", "da", "no", "uk", "ru", "fi", "sv")
MOCK_MUNICIPALITY = "000"

# Bounds for marshmallow-style Range / Length messages (pydantic reports only the violated side).
RANGES: dict[str, tuple[int, int]] = {"limit": (1, 50), "age": (0, 200), "meter": (0, 10), "link_id": (0, 30),
                                      "offset": (0, 10_000)}
LENGTHS: dict[str, tuple[int, int | None]] = {
    "municipality_codes": (1, 310), "region_codes": (1, 19), "hospital_district_codes": (1, 21),
    "wellbeing_service_county_codes": (1, 23), "service_classes": (1, 228), "target_groups": (1, 3),
    "service_collections": (1, None), "funding_type": (1, 2), "search_text": (1, 1024), "meter": (1, 50),
    "service_id": (1, 1024), "service_feedbacks": (1, 100), "session_id": (0, 200), "life_event": (1, 100),
}

Municipality = Annotated[str, Field(pattern=r"^[0-9]{3}$")]
# v1 put no limit on session_id: a longer one is cut here, at the edge (to the length in LENGTHS that
# the log column has), and never refused.
SessionId = Annotated[StrictStr, AfterValidator(lambda v: v[:LENGTHS["session_id"][1] or 0])]
# v1 dropped every character outside these from a search text before searching
# (search_text_filter.filter_special_chars); a text with none of its letters or digits found nothing.
V1_SEARCH_CHARS = re.compile(r"[0-9a-zA-ZäÄöÖåÅа-яА-Я]")


def v1_nothing_to_search(text: str) -> bool:
    """True for a search text that v1 filtered down to nothing (only spaces, hyphens and special
    characters such as ``[``, ``/``, ``#``): v1 answered it with 200 and what it found, nothing."""
    return V1_SEARCH_CHARS.search(text) is None
MeterValues = Annotated[list[Annotated[StrictInt, Field(ge=0, le=10)]], Field(min_length=1, max_length=50)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class MetersBase(Strict):
    """The ten meters as optional fields; the fields themselves come from ``vocab.METER_KEYS``."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"minProperties": 1})

    @model_validator(mode="after")
    def _some_field(self) -> "MetersBase":
        if not self.model_fields_set:
            raise ValueError("some field should be present")
        return self

    def averaged(self) -> dict[str, float]:
        return {k: sum(v) / len(v) for k in self.model_fields_set if (v := getattr(self, k))}


# One optional list of 0..10 values per meter, in the order of vocab.METER_KEYS (defined once there).
LifeSituationMeters: type[MetersBase] = create_model(  # type: ignore[call-overload]
    "LifeSituationMeters", __base__=MetersBase, **{k: (MeterValues, None) for k in METER_KEYS})


_CONFLICTS = ("include_national_services", "municipality_codes", "region_codes", "hospital_district_codes",
              "wellbeing_service_county_codes")


class ServiceFiltersIn(Strict):
    include_national_services: StrictBool = True
    only_national_services: StrictBool = False
    municipality_codes: Annotated[list[Municipality], Field(min_length=1, max_length=310)] = None  # type: ignore[assignment]
    region_codes: Annotated[list[Literal[REGION_CODES]], Field(min_length=1, max_length=19)] = None  # type: ignore[valid-type,assignment]
    hospital_district_codes: Annotated[list[Literal[HOSPITAL_DISTRICT_CODES]], Field(min_length=1, max_length=21)] = None  # type: ignore[valid-type,assignment]
    wellbeing_service_county_codes: Annotated[list[Literal[WELLBEING_COUNTY_CODES]], Field(min_length=1, max_length=23)] = None  # type: ignore[valid-type,assignment]
    service_classes: Annotated[list[Annotated[str, Field(pattern=r"^http://uri\.suomi\.fi/codelist/ptv/ptvserclass2/code/P[0-9]+(\.[0-9]+)*$")]],
                               Field(min_length=1, max_length=228)] = None  # type: ignore[assignment]
    target_groups: Annotated[list[Literal[TARGET_GROUPS]], Field(min_length=1, max_length=3)] = None  # type: ignore[valid-type,assignment]
    service_collections: Annotated[list[Annotated[str, Field(min_length=1, max_length=64)]], Field(min_length=1, max_length=100)] = None  # type: ignore[assignment]
    funding_type: Annotated[list[Literal[FUNDING_TYPES]], Field(min_length=1, max_length=2)] = None  # type: ignore[valid-type,assignment]
    rerank: StrictBool = False  # accepted here as in v1, and ignored

    @model_validator(mode="after")
    def _national_conflict(self) -> "ServiceFiltersIn":
        if self.only_national_services:
            for name in _CONFLICTS:
                if name in self.model_fields_set:
                    raise ValueError(f"only_national_services selected. {name} not allowed.")
        return self

    def given(self, name: str) -> list[str]:
        return list(getattr(self, name) or [])


class RecommendIn(Strict):
    """v1 ``recommend_service``: exactly v1's fields (``age`` or ``municipality_code`` is 400 Unknown
    field, as in v1; the additions are v2's)."""

    life_situation_meters: LifeSituationMeters
    service_filters: ServiceFiltersIn = None  # type: ignore[assignment]
    limit: Annotated[StrictInt, Field(ge=1, le=50)] = 5
    rerank: StrictBool = False
    session_id: SessionId = ""


class TextSearchIn(Strict):
    """v1 ``text_search``: exactly v1's fields (``language`` is accepted and ignored, as in v1)."""

    search_text: Annotated[StrictStr, Field(min_length=1, max_length=1024)]
    service_filters: ServiceFiltersIn = None  # type: ignore[assignment]
    limit: Annotated[StrictInt, Field(ge=1, le=50)] = 5
    rerank: StrictBool = False
    language: Literal[LANGUAGES_V1] = None  # type: ignore[valid-type,assignment]


class RecommendV2In(RecommendIn):
    """v2 ``recommend_service``: v1's fields plus person facts, a life event, the answer language and paging."""

    age: Annotated[StrictInt, Field(ge=0, le=200)] = None  # type: ignore[assignment]
    municipality_code: Municipality = None  # type: ignore[assignment]
    life_event: Annotated[str, Field(min_length=1, max_length=100)] = None  # type: ignore[assignment]
    explanations: StrictBool = False  # accepted as before; v2 answers always carry explanations
    language: Literal["fi", "sv", "en"] = "fi"
    offset: Annotated[StrictInt, Field(ge=0, le=10_000)] = 0


class TextSearchV2In(Strict):
    search_text: Annotated[StrictStr, Field(min_length=1, max_length=1024)]
    service_filters: ServiceFiltersIn = None  # type: ignore[assignment]
    limit: Annotated[StrictInt, Field(ge=1, le=50)] = 5
    offset: Annotated[StrictInt, Field(ge=0, le=10_000)] = 0
    rerank: StrictBool = False
    language: Literal["fi", "sv", "en"] = "fi"
    session_id: SessionId = ""
    record_unmet_need: StrictBool = True
    age: Annotated[StrictInt, Field(ge=0, le=200)] = None  # type: ignore[assignment]


Uuid4 = Annotated[str, Field(pattern=UUID4.pattern)]
Score = Literal[-1, 1]


class ServiceFeedbackIn(Strict):
    service_id: Uuid4
    feedback_score: Score


class FeedbackIn(Strict):
    auroraai_recommendation_id: StrictInt
    feedback_score: Score = None  # type: ignore[assignment]
    service_feedbacks: Annotated[list[ServiceFeedbackIn], Field(max_length=100)] = None  # type: ignore[assignment]


class AttributeValues(Strict):
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={"minProperties": 1})

    age: Annotated[StrictInt, Field(ge=0, le=200)] = None  # type: ignore[assignment]
    life_situation_meters: LifeSituationMeters = None  # type: ignore[assignment]
    municipality_code: Municipality = None  # type: ignore[assignment]

    @model_validator(mode="after")
    def _some_field(self) -> "AttributeValues":
        if not self.model_fields_set:
            raise ValueError("At least one attribute is required.")
        return self


class SessionAttributesIn(Strict):
    service_channel_id: Uuid4
    service_id: Uuid4 = None  # type: ignore[assignment]
    auroraai_recommendation_id: Annotated[StrictInt, Field(ge=0)] = None  # type: ignore[assignment]
    session_attributes: AttributeValues

    @model_validator(mode="after")
    def _service_with_recommendation(self) -> "SessionAttributesIn":
        if "auroraai_recommendation_id" in self.model_fields_set and "service_id" not in self.model_fields_set:
            raise ValueError("service_id is required when auroraai_recommendation_id is given.")
        return self


class TranslateTextIn(Strict):
    source_language: Literal[LANGUAGES_V1]  # type: ignore[valid-type]
    search_text: Annotated[StrictStr, Field(min_length=1, max_length=1024)]


class TranslateServiceIn(Strict):
    target_language: Literal[LANGUAGES_V1]  # type: ignore[valid-type]
    service_id: Annotated[StrictStr, Field(min_length=1, max_length=1024)]


# ---------------------------------------------------------------------------------------------
# Responses (documented as the implementation emits them; see "OpenAPI drift" in the contract)
# ---------------------------------------------------------------------------------------------


class Location(BaseModel):
    latitude: str
    longitude: str


class ChannelOut(BaseModel):
    service_channel_id: str
    service_channel_name: str
    service_channel_type: str
    service_channel_description_summary: str
    service_channel_description: str
    phone_numbers: list[str]
    web_pages: list[str]
    emails: list[str]
    address: str
    location: Location | Literal[""]
    service_hours: list[str]
    session_transfer: bool


class OrganisationOut(BaseModel):
    id: str
    name: str


class ServiceOut(BaseModel):
    service_id: str
    service_name: str
    service_description: str
    service_description_summary: str
    user_instruction: str
    charge_type: str
    charge_additional_info: str
    funding_type: str | None
    area_type: str
    areas: list[dict[str, Any]]
    responsible_organization: OrganisationOut | None
    target_groups: list[str]
    service_collections: list[str]
    service_class_uris: list[str]
    requirements: list[str]
    service_channels: list[ChannelOut]
    similarity_score: float
    rank: int
    explanations: list[str] | None = Field(default=None, description="Only when the request asked for explanations.")


class RecommendOut(BaseModel):
    recommended_services: list[ServiceOut]
    auroraai_recommendation_id: int


class UrgentHelpOut(BaseModel):
    """A public crisis service (``auroranet.safety``), in the request's language."""

    id: str
    name: str
    purpose: str = Field(description="What it is for.")
    phone: str | None = Field(description="As dialled in Finland, e.g. '112' or '09 2525 0111'.")
    phone_uri: str | None = Field(description="A tel: URI for the phone number.")
    url: str | None = Field(description="Chat or web page (https).")
    hours: str = Field(description="Opening hours as text.")
    languages: list[str] = Field(description="Languages served (fi, sv, en).")
    checked: str = Field(description="The date the contact was last checked against its source (ISO 8601).")


class V2Out(BaseModel):
    urgent_help: list[UrgentHelpOut] = Field(
        description="Crisis services to show before anything else, the emergency number 112 first, when the "
                    "search text or the profile signals a crisis (suicide, self-harm, violence at home, sexual "
                    "violence, poisoning, nowhere to sleep tonight, a very low profile); an empty list otherwise.")
    recommendation_id: int
    language: str
    offset: int
    limit: int
    services: list[ServiceOut]


class TranslatedTextOut(BaseModel):
    target_language: str
    search_text: str


class TranslatedServiceOut(BaseModel):
    target_language: str
    service: dict[str, Any]


class ErrorOut(BaseModel):
    error: str
    message: str
    details: Any = None


# ---------------------------------------------------------------------------------------------
# pydantic errors -> marshmallow-style messages
# ---------------------------------------------------------------------------------------------


def _last_name(loc: tuple[Any, ...]) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return ""


def _message(err: dict[str, Any]) -> str:
    kind, loc, ctx = err["type"], tuple(err["loc"]), err.get("ctx") or {}
    name = _last_name(loc)
    key = "meter" if name in LifeSituationMeters.model_fields else name
    if kind == "extra_forbidden":
        return "Unknown field."
    if err.get("input", 0) is None and kind not in ("missing", "value_error"):
        return "Field may not be null."
    if kind == "missing":
        return f"{name} is required." if name == "life_situation_meters" else "Missing data for required field."
    if kind == "extra_forbidden":
        return "Unknown field."
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "Not a valid integer."
    if kind in ("bool_type", "bool_parsing"):
        return "Not a valid boolean."
    if kind in ("string_type", "string_unicode"):
        return "Not a valid string."
    if kind == "list_type":
        return "Not a valid list."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "Invalid input type."
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        lo, hi = RANGES.get(key, (ctx.get("ge"), ctx.get("le")))
        if lo is not None and hi is not None:
            return f"Must be greater than or equal to {lo} and less than or equal to {hi}."
        return f"Must be greater than or equal to {lo}." if lo is not None else f"Must be less than or equal to {hi}."
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        lo, hi = LENGTHS.get(key, (ctx.get("min_length"), ctx.get("max_length")))
        if hi is None:
            return f"Shorter than minimum length {lo}."
        return f"Length must be between {lo} and {hi}."
    if kind == "literal_error":
        return f"Must be one of: {ctx.get('expected', '').replace(' or ', ', ').replace(chr(39), '')}."
    if kind == "string_pattern_mismatch":
        if name.endswith("_id") or name in ("service_id", "service_channel_id"):
            return "Not a valid UUID."
        return "Invalid value."
    if kind == "value_error":
        msg = str(err.get("msg", ""))
        return msg.removeprefix("Value error, ")
    return str(err.get("msg", "Invalid value."))


def error_dict(exc: ValidationError) -> dict[Any, Any]:
    """Nested ``{field: {index: [messages]}}`` like marshmallow's ``ValidationError.messages``; errors of
    whole-object rules (model validators) go under ``_schema`` as marshmallow put them."""
    out: dict[Any, Any] = {}
    for err in exc.errors(include_url=False):
        loc: list[Any] = list(err["loc"])
        if err["type"] == "value_error" or not loc:
            loc.append("_schema")
        node = out
        ok = True
        for part in loc[:-1]:
            nxt = node.setdefault(part, {})
            if not isinstance(nxt, dict):
                ok = False
                break
            node = nxt
        if ok:
            node.setdefault(loc[-1], []).append(_message(err))
    return out
