"""Areas of the situational picture, named as staff scopes are: ``national``, ``county:<wellbeing services
county code>`` and ``municipality:<code>``, with the mapping between them from the code lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from auroranet.catalogue.reference import ReferenceData
from auroranet.i18n import pick

NATIONAL = "national"
NATIONAL_NAMES = {"fi": "Koko maa", "sv": "Hela landet", "en": "Nationwide"}
COUNTY = "wellbeing_county"


@dataclass(frozen=True)
class AreaInfo:
    scope: str
    kind: str  # national | county | municipality
    code: str
    names: dict[str, str]

    def name(self, lang: str) -> str:
        return pick(self.names, lang) or self.code


def county_lookup(ref: ReferenceData) -> Callable[[str], str | None]:
    """municipality code -> wellbeing services county code (for ``Principal.can``)."""
    return lambda m: (ref.municipality_areas.get(m) or {}).get(COUNTY)


def parse(ref: ReferenceData, scope: str) -> AreaInfo | None:
    """A known area, or None (unknown kinds and codes are not areas)."""
    if scope == NATIONAL:
        return AreaInfo(NATIONAL, "national", "", dict(NATIONAL_NAMES))
    kind, _, code = scope.partition(":")
    if kind == "county" and code in ref.areas.get(COUNTY, {}):
        return AreaInfo(scope, "county", code, dict(ref.areas[COUNTY][code]))
    if kind == "municipality" and code in ref.municipalities:
        return AreaInfo(scope, "municipality", code, dict(ref.municipalities[code]))
    return None


def municipalities_of(ref: ReferenceData, area: AreaInfo) -> list[str] | None:
    """The municipalities an area covers; None for the whole country."""
    if area.kind == "national":
        return None
    if area.kind == "county":
        return ref.municipalities_in(COUNTY, area.code)
    return [area.code]


def parent_scopes(ref: ReferenceData, municipality: str | None) -> list[str]:
    """The areas a contribution from ``municipality`` counts in, smallest first."""
    out = []
    if municipality and municipality in ref.municipalities:
        out.append(f"municipality:{municipality}")
        county = county_lookup(ref)(municipality)
        if county:
            out.append(f"county:{county}")
    out.append(NATIONAL)
    return out


def all_counties(ref: ReferenceData) -> list[AreaInfo]:
    return [AreaInfo(f"county:{c}", "county", c, dict(n)) for c, n in sorted(ref.areas.get(COUNTY, {}).items())]


def with_parts(ref: ReferenceData, scopes: Iterable[str], lang: str, *,
               all_municipalities: bool = False) -> list[AreaInfo]:
    """The known areas of ``scopes`` (a staff member's role scopes) and the areas under them, each once:
    the counties under the country (and, with ``all_municipalities``, every municipality, by its name in
    ``lang``), the municipalities of a county."""
    out: list[AreaInfo] = []
    for scope in scopes:
        area = parse(ref, scope)
        if area is None:
            continue
        out.append(area)
        if area.kind == "national":
            out.extend(all_counties(ref))
            if all_municipalities:
                out.extend(sorted((a for m in ref.municipalities if (a := parse(ref, f"municipality:{m}"))),
                                  key=lambda a: a.name(lang)))
        elif area.kind == "county":
            out.extend(a for m in ref.municipalities_in(COUNTY, area.code)
                       if (a := parse(ref, f"municipality:{m}")) is not None)
    return list({a.scope: a for a in out}.values())
