"""Code-list checks for request values that pass the schema: municipality, region, hospital district,
wellbeing services county and service class codes. The loaded reference tables decide when present
(they travel with the engine snapshot); the built-in public lists stand in before any import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from auroranet.catalogue.reference import ReferenceData
from auroranet.network.schemas import (
    HOSPITAL_DISTRICT_CODES,
    MOCK_MUNICIPALITY,
    REGION_CODES,
    SERVICE_CLASS_PREFIX,
    WELLBEING_COUNTY_CODES,
    ServiceFiltersIn,
)


class CodeError(Exception):
    """Request values that are not in a code list; ``details`` as v1's marshmallow gave them."""

    def __init__(self, details: dict[str, Any]) -> None:
        super().__init__("invalid codes")
        self.details = details


@dataclass(frozen=True)
class CodeSets:
    municipalities: frozenset[str] | None
    regions: frozenset[str]
    hospital_districts: frozenset[str]
    wellbeing_counties: frozenset[str]
    service_classes: frozenset[str] | None

    @classmethod
    def of(cls, ref: ReferenceData) -> "CodeSets":
        if not ref.municipalities:
            return cls(None, frozenset(REGION_CODES), frozenset(HOSPITAL_DISTRICT_CODES),
                       frozenset(WELLBEING_COUNTY_CODES), None)
        areas = ref.areas
        return cls(frozenset(ref.municipalities) | {MOCK_MUNICIPALITY},
                   frozenset(areas.get("region", {})) or frozenset(REGION_CODES),
                   frozenset(areas.get("hospital_district", {})) or frozenset(HOSPITAL_DISTRICT_CODES),
                   frozenset(areas.get("wellbeing_county", {})) or frozenset(WELLBEING_COUNTY_CODES),
                   frozenset(ref.service_classes) or None)


def check_codes(codes: CodeSets, f: ServiceFiltersIn | None, *, municipality_code: str | None = None,
                field: str = "service_filters") -> None:
    """Raise ``CodeError`` for codes that are not in the code lists (the schema checked the shape)."""
    errors: dict[str, Any] = {}

    def bad(name: str, values: Iterable[str], valid: frozenset[str] | None, msg: str) -> None:
        if valid is None:
            return
        wrong = {i: [msg] for i, v in enumerate(values) if v not in valid}
        if wrong:
            errors[name] = wrong

    if f is not None:
        bad("municipality_codes", f.given("municipality_codes"), codes.municipalities, "Invalid municipality code.")
        bad("region_codes", f.given("region_codes"), codes.regions, "Invalid region code.")
        bad("hospital_district_codes", f.given("hospital_district_codes"), codes.hospital_districts,
            "Invalid hospital district code.")
        bad("wellbeing_service_county_codes", f.given("wellbeing_service_county_codes"), codes.wellbeing_counties,
            "Invalid wellbeing service county code.")
        bad("service_classes", [u.removeprefix(SERVICE_CLASS_PREFIX) for u in f.given("service_classes")],
            codes.service_classes, "Invalid service class.")
    out: dict[str, Any] = {field: errors} if errors else {}
    if municipality_code is not None and codes.municipalities is not None and municipality_code not in codes.municipalities:
        out["municipality_code"] = ["Invalid municipality code."]
    if out:
        raise CodeError(out)
