"""Catalogue filters as bitmaps, with the semantics of AuroraAI v1 (API doc sections 1.3 and 2.6).

At build time every filterable value (municipality, class, target group, collection, funding type,
language) gets the sorted array of documents carrying it, so ``mask()`` is a few array unions and ANDs
even at 100k services. Rules:

* area: region, hospital district and wellbeing county codes expand to their municipalities (union with
  ``municipality_codes``). ``only_national`` → national services only; no municipalities and
  ``include_national=false`` → every non-national service; no municipalities otherwise → everything;
  else (include_national AND national) OR (service offered in one of the municipalities);
* service class: a code matches itself and every class below it (by code prefix "P5" → "P5.3" and by the
  reference hierarchy); target group: exact code ("KR1" does not match "KR1.2");
* different filter types AND, values within one type OR; archived services are never indexed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

import numpy as np

from auroranet.catalogue.models import ServiceRecord
from auroranet.catalogue.reference import ReferenceData
from auroranet.engine.contract import ServiceFilters

_AREA_KIND_BY_TYPE = {
    "Province": "region",
    "Region": "region",
    "HospitalRegions": "hospital_district",
    "HospitalDistrict": "hospital_district",
    "WellbeingServiceCounty": "wellbeing_county",
}
_CLASS_URI_MARK = "/code/"


def class_code(value: str) -> str:
    """Accept a code ("P5.3") or a code-list URI (…/ptvserclass2/code/P5.3)."""
    return value.rsplit(_CLASS_URI_MARK, 1)[-1] if _CLASS_URI_MARK in value else value


def _postings(groups: dict[str, list[int]]) -> dict[str, np.ndarray]:
    return {k: np.unique(np.asarray(v, dtype=np.int32)) for k, v in groups.items()}


def service_municipalities(svc: ServiceRecord, reference: ReferenceData) -> set[str]:
    """The municipalities where a service is offered: its own list, its areas' lists, and area codes
    expanded through the code lists when PTV gave an area without municipalities."""
    out = set(svc.municipality_codes)
    for area in svc.areas:
        out.update(area.municipality_codes)
        if area.type == "Municipality" and area.code:
            out.add(area.code)
        kind = _AREA_KIND_BY_TYPE.get(area.type)
        if kind and area.code and not area.municipality_codes:
            out.update(reference.municipalities_in(kind, area.code))
    return out


def service_languages(svc: ServiceRecord) -> set[str]:
    if svc.languages:
        return {lang.lower() for lang in svc.languages}
    return {lang for lang, name in svc.names.items() if name}


class FilterIndex:
    def __init__(self, services: Sequence[ServiceRecord], reference: ReferenceData) -> None:
        self.n = len(services)
        self.reference = reference
        self.national = np.array([s.is_national for s in services], dtype=bool)
        munis: dict[str, list[int]] = defaultdict(list)
        classes: dict[str, list[int]] = defaultdict(list)
        groups: dict[str, list[int]] = defaultdict(list)
        collections: dict[str, list[int]] = defaultdict(list)
        funding: dict[str, list[int]] = defaultdict(list)
        languages: dict[str, list[int]] = defaultdict(list)
        self.doc_municipalities: list[frozenset[str]] = []
        for i, svc in enumerate(services):
            m = service_municipalities(svc, reference)
            self.doc_municipalities.append(frozenset(m))
            for code in m:
                munis[code].append(i)
            for term in svc.service_classes:
                cls_code = term.code or (class_code(term.uri) if term.uri else None)
                if cls_code:
                    classes[cls_code].append(i)
            for term in svc.target_groups:
                if term.code:
                    groups[term.code].append(i)
            for col in svc.service_collections:
                collections[col.id].append(i)
            if svc.funding_type:
                funding[svc.funding_type].append(i)
            for lang in service_languages(svc):
                languages[lang].append(i)
        self.municipalities = _postings(munis)
        self.classes = _postings(classes)
        self.target_groups = _postings(groups)
        self.collections = _postings(collections)
        self.funding = _postings(funding)
        self.languages = _postings(languages)

    # -- expansion -----------------------------------------------------------------------------

    def expand_municipalities(self, f: ServiceFilters) -> set[str]:
        codes = set(f.municipality_codes)
        for kind, values in (("region", f.region_codes), ("hospital_district", f.hospital_district_codes),
                             ("wellbeing_county", f.wellbeing_service_county_codes)):
            for v in values:
                codes.update(self.reference.municipalities_in(kind, v))
        return codes

    def expand_classes(self, values: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for value in values:
            code = class_code(value)
            out |= self.reference.class_descendants(code) if self.reference.service_classes else {code}
            out.update(c for c in self.classes if c == code or c.startswith(code + "."))
        return out

    # -- masks ---------------------------------------------------------------------------------

    def _union(self, postings: dict[str, np.ndarray], keys: Iterable[str]) -> np.ndarray:
        m = np.zeros(self.n, dtype=bool)
        for k in keys:
            idx = postings.get(k)
            if idx is not None:
                m[idx] = True
        return m

    def _has_area(self, f: ServiceFilters) -> bool:
        return bool(f.municipality_codes or f.region_codes or f.hospital_district_codes
                    or f.wellbeing_service_county_codes)

    def area_mask(self, f: ServiceFilters) -> np.ndarray:
        if f.only_national_services:
            return self.national.copy()
        if not self._has_area(f):
            return np.ones(self.n, dtype=bool) if f.include_national_services else ~self.national
        # Area codes given: an unknown code expands to nothing and so admits no local service.
        m = self._union(self.municipalities, self.expand_municipalities(f))
        if f.include_national_services:
            m |= self.national
        return m

    def mask(self, f: ServiceFilters) -> np.ndarray:
        m = self.area_mask(f)
        if f.service_classes:
            m &= self._union(self.classes, self.expand_classes(f.service_classes))
        if f.target_groups:
            m &= self._union(self.target_groups, f.target_groups)
        if f.service_collections:
            m &= self._union(self.collections, f.service_collections)
        if f.funding_types:
            m &= self._union(self.funding, f.funding_types)
        if f.languages:
            m &= self._union(self.languages, (lang.lower() for lang in f.languages))
        return m

    def admitted_by(self, i: int, f: ServiceFilters) -> list[str]:
        """Why the area filter let document ``i`` in: "national" and/or "municipality:<code>" keys; nothing
        when no area filter was given (every service was let in: there is no filter to cite)."""
        out: list[str] = []
        if self.national[i] and (f.only_national_services or (f.include_national_services and self._has_area(f))):
            out.append("national")
        if f.only_national_services or not self._has_area(f):
            return out
        direct = set(f.municipality_codes) & self.doc_municipalities[i]
        expanded = (self.expand_municipalities(f) - set(f.municipality_codes)) & self.doc_municipalities[i]
        out.extend(f"municipality:{c}" for c in sorted(direct)[:3])
        if not direct:
            out.extend(f"municipality:{c}" for c in sorted(expanded)[:3])
        return out
