"""Grant programmes: the file format (validated with pydantic, unknown fields refused), eligibility
and loading into the store.

A programme file is JSON (see programmes/demo_young_carers.json and docs/wallet.md)::

    {"id": "nuoret-omaishoitajat", "organisation_id": "demo-org", "names": {"fi": …, "sv": …, "en": …},
     "budget_cents": 1500000, "amount_cents": 15000, "valid_from": "2026-01-01", "valid_until": "2027-12-31",
     "wallet_days": 180, "eligibility": {"age_min": 13, "age_max": 25, "municipalities": [],
     "life_events": [], "meters_max": {"family": 6}}, "services": {"<service id>": "peer_support"},
     "category_caps_cents": {"peer_support": 8000}, "once_per_service": true}

Loading is idempotent: the budget is funded once from the external account; raising it later funds the
difference, lowering it takes back at most what is still unallocated.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Annotated, Any, Collection

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, model_validator

from auroranet.errors import ImportFormatError, InputError
from auroranet.vocab import METER_KEYS

HERE = Path(__file__).parent
DEMO_PROGRAMME = HERE / "programmes" / "demo_young_carers.json"
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{1,63}$")]
Cents = Annotated[int, Field(ge=0, le=10**11)]
KNOWN_LIFE_EVENTS = "life_events"  # validation context: the runtime's life-event ids (Runtime.life_events)


class Names(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fi: str = Field(min_length=1, max_length=200)
    sv: str = Field(min_length=1, max_length=200)
    en: str = Field(min_length=1, max_length=200)


class Eligibility(BaseModel):
    model_config = ConfigDict(extra="forbid")
    age_min: int | None = Field(default=None, ge=0, le=130)
    age_max: int | None = Field(default=None, ge=0, le=130)
    municipalities: list[Annotated[str, Field(pattern=r"^\d{3}$")]] = Field(default_factory=list, max_length=400)
    life_events: list[str] = Field(default_factory=list, max_length=20)
    meters_max: dict[str, Annotated[int, Field(ge=0, le=10)]] = Field(default_factory=dict)  # 3X10D answer ≤ value

    @model_validator(mode="after")
    def _known(self, info: ValidationInfo) -> "Eligibility":
        # files and forms are parsed with the runtime's life events (``parse``); rules read back from the
        # store were checked when loaded and are not checked again
        known: Collection[str] | None = (info.context or {}).get(KNOWN_LIFE_EVENTS)
        bad = [e for e in self.life_events if known is not None and e not in known]
        bad += [m for m in self.meters_max if m not in METER_KEYS]
        if bad:
            raise ValueError(f"unknown life events or meters: {bad}")
        return self


class ProgrammeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Slug
    organisation_id: str = Field(default="", max_length=64)
    names: Names
    budget_cents: Cents
    amount_cents: Annotated[int, Field(gt=0, le=10**7)]
    valid_from: date
    valid_until: date
    wallet_days: int = Field(default=180, ge=1, le=3660)
    code_days: int = Field(default=90, ge=1, le=3660)  # claim codes expire after this many days
    eligibility: Eligibility = Field(default_factory=Eligibility)
    services: dict[Annotated[str, Field(max_length=64)], Slug] = Field(min_length=1, max_length=1000)
    category_caps_cents: dict[Slug, Cents] = Field(default_factory=dict)
    category_names: dict[Slug, Names] = Field(default_factory=dict)  # what people read instead of the slug
    once_per_service: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> "ProgrammeSpec":
        if unknown := sorted(set(self.category_names) - set(self.services.values())):
            raise ValueError(f"category_names for categories no service has: {', '.join(unknown)}")
        if self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        if self.amount_cents > self.budget_cents:
            raise ValueError("amount_cents is more than the budget")
        return self

    def category_name(self, category: str) -> dict[str, str]:
        """The category's name in fi/sv/en (the slug itself when the programme gives none)."""
        n = self.category_names.get(category)
        return n.model_dump() if n is not None else {"fi": category, "sv": category, "en": category}

    def starts(self) -> datetime:
        return datetime.combine(self.valid_from, time.min, tzinfo=timezone.utc)

    def ends(self) -> datetime:
        return datetime.combine(self.valid_until, time.max, tzinfo=timezone.utc)


def parse(data: Any, source: str, *, life_events: Collection[str]) -> ProgrammeSpec:
    """A programme from a file or a form; ``life_events`` are the known ids (``Runtime.life_events``)."""
    try:
        return ProgrammeSpec.model_validate(data, context={KNOWN_LIFE_EVENTS: life_events})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ImportFormatError(source, None, f"{where}: {first['msg']}") from None


def read_file(path: Path, *, life_events: Collection[str]) -> ProgrammeSpec:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFormatError(str(path), None, f"not a readable JSON file: {exc}") from None
    return parse(data, str(path), life_events=life_events)


def read_dir(directory: Path | None, *, life_events: Collection[str]) -> list[ProgrammeSpec]:
    """The demo programme plus every ``*.json`` in ``directory`` (AURORA_WALLET_PROGRAMME_DIR)."""
    paths = [DEMO_PROGRAMME]
    if directory is not None:
        if not directory.is_dir():
            raise InputError(f"{directory}: not a directory")
        paths += sorted(directory.glob("*.json"))
    return [read_file(p, life_events=life_events) for p in paths]


def eligible(spec: ProgrammeSpec, *, age: int | None, municipality: str | None, life_event: str | None,
             meters: dict[str, float]) -> list[str]:
    """The unmet conditions (empty: eligible). Missing facts count as unmet where a rule needs them."""
    e, unmet = spec.eligibility, []
    if e.age_min is not None or e.age_max is not None:
        if age is None or (e.age_min is not None and age < e.age_min) or (e.age_max is not None and age > e.age_max):
            unmet.append("age")
    if e.municipalities and municipality not in e.municipalities:
        unmet.append("municipality")
    if e.life_events and life_event not in e.life_events:
        unmet.append("life_event")
    for meter, ceiling in e.meters_max.items():
        if meter not in meters or meters[meter] > ceiling:
            unmet.append(f"meter:{meter}")
    return unmet
