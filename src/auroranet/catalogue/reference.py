"""Code lists: municipalities (with region, hospital district and wellbeing services county), regions,
hospital districts, wellbeing services counties, service classes (with hierarchy) and target groups.

``ReferenceData`` is the in-memory view the engine uses to expand area filters and class hierarchies.
``load`` starts from the code lists shipped with the package (``catalogue/codes``) and lays the stored
rows over them code by code, so every current municipality is known before any ``aurora reference
import``, and imports and syncs (which only ever add or update rows) still decide where they have data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auroranet.catalogue.models import RefArea, RefMunicipality, RefServiceClass, RefTargetGroup
from auroranet.catalogue.reference_import import AREA_COLUMN, packaged_code_lists

AREA_KINDS = ("region", "hospital_district", "wellbeing_county")


def known_municipalities(session: Session) -> frozenset[str] | None:
    """The loaded municipality codes, or None when no code list has been imported yet."""
    codes = frozenset(session.scalars(select(RefMunicipality.code)))
    return codes or None


@dataclass
class ReferenceData:
    municipalities: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> names
    municipality_areas: dict[str, dict[str, str | None]] = field(default_factory=dict)  # code -> {kind: area code}
    areas: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # kind -> code -> names
    service_classes: dict[str, dict[str, object]] = field(default_factory=dict)  # code -> {parent, names}
    target_groups: dict[str, dict[str, object]] = field(default_factory=dict)

    def municipalities_in(self, kind: str, code: str) -> list[str]:
        return sorted(m for m, a in self.municipality_areas.items() if a.get(kind) == code)

    def class_descendants(self, code: str) -> set[str]:
        """A class and all classes below it."""
        out = {code}
        changed = True
        while changed:
            changed = False
            for c, info in self.service_classes.items():
                if c not in out and info.get("parent") in out:
                    out.add(c)
                    changed = True
        return out


def packaged() -> ReferenceData:
    """A fresh copy of the code lists shipped with the package."""
    lists = packaged_code_lists()
    ref = ReferenceData()
    for code, m in lists.municipalities.items():
        ref.municipalities[code] = dict(m.get("names") or {})
        ref.municipality_areas[code] = {kind: m.get(col) for kind, col in AREA_COLUMN.items()}
    ref.areas = {kind: {code: dict(names) for code, names in areas.items()} for kind, areas in lists.areas.items()}
    for code, c in lists.service_classes.items():
        ref.service_classes[code] = {"parent": c["parent"], "names": dict(c["names"]), "uri": c["uri"]}
    for code, t in lists.target_groups.items():
        ref.target_groups[code] = {"parent": t["parent"], "names": dict(t["names"])}
    return ref


def load(session: Session) -> ReferenceData:
    """The packaged code lists with the stored rows laid over them (a stored value wins where it is set)."""
    ref = packaged()
    for m in session.scalars(select(RefMunicipality)):
        ref.municipalities[m.code] = dict(m.names) or ref.municipalities.get(m.code, {})
        base = ref.municipality_areas.get(m.code, {})
        stored = {"region": m.region_code, "hospital_district": m.hospital_district_code,
                  "wellbeing_county": m.wellbeing_county_code}
        ref.municipality_areas[m.code] = {kind: stored[kind] or base.get(kind) for kind in AREA_KINDS}
    for a in session.scalars(select(RefArea)):
        kind = ref.areas.setdefault(a.kind, {})
        kind[a.code] = dict(a.names) or kind.get(a.code, {})
    for c in session.scalars(select(RefServiceClass)):
        ref.service_classes[c.code] = {"parent": c.parent_code, "names": dict(c.names), "uri": c.uri,
                                     "descriptions": dict(c.descriptions or {})}
    for t in session.scalars(select(RefTargetGroup)):
        ref.target_groups[t.code] = {"parent": t.parent_code, "names": dict(t.names)}
    return ref


def is_loaded(session: Session) -> bool:
    """Whether code lists were stored (imported or synced); the packaged ones do not count."""
    return (session.scalar(select(func.count()).select_from(RefMunicipality)) or 0) > 0
