"""The HSDS view of one catalogue snapshot: every object built once per snapshot and language, then
paged. Built from the live snapshot's services and channels and the stored organisations, so a catalogue
change shows with the next snapshot (the same moment the engine sees it).

    data = dataset(rt, "fi")
    page(data.services, page_number=1, per_page=50)
"""

from __future__ import annotations

import math
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any, Sequence

from sqlalchemy import select

from auroranet.catalogue.models import ChannelRecord, Organisation, OrganisationRecord, ServiceRecord
from auroranet.hsds import mapping as m
from auroranet.runtime import Runtime
from auroranet.search.index import SearchIndex

MAX_PER_PAGE = 200


@dataclass
class Dataset:
    """All HSDS objects of one snapshot in one language, ordered by id."""

    lang: str
    services: list[m.Obj] = field(default_factory=list)  # fully nested
    service_list: list[m.Obj] = field(default_factory=list)  # one-to-one fields only (the list default)
    services_by_id: dict[str, m.Obj] = field(default_factory=dict)
    organizations: list[m.Obj] = field(default_factory=list)
    organizations_by_id: dict[str, m.Obj] = field(default_factory=dict)
    locations: list[m.Obj] = field(default_factory=list)
    service_at_locations: list[m.Obj] = field(default_factory=list)
    taxonomies: list[m.Obj] = field(default_factory=list)
    taxonomy_terms: list[m.Obj] = field(default_factory=list)


def build(services: Sequence[ServiceRecord], channels: dict[str, ChannelRecord],
          orgs: dict[str, OrganisationRecord], index: SearchIndex, lang: str) -> Dataset:
    ref = index.reference
    data = Dataset(lang=lang)
    for rec in sorted(services, key=lambda s: s.id):
        if rec.archived:
            continue
        full = m.service(rec, channels, orgs, ref, lang)
        data.services.append(full)
        data.service_list.append(m.service(rec, channels, orgs, ref, lang, full=False))
        data.services_by_id[rec.id] = full
        data.service_at_locations.extend(full["service_at_locations"])
    by_org: dict[str, list[ChannelRecord]] = {}
    for ch in channels.values():
        if ch.organisation_id:
            by_org.setdefault(ch.organisation_id, []).append(ch)
    for oid in sorted(orgs):
        org = orgs[oid]
        if not org.archived:
            obj = m.organization(org, lang, sorted(by_org.get(oid, []), key=lambda c: c.id), ref)
            data.organizations.append(obj)
            data.organizations_by_id[oid] = obj
    data.locations = [m.location(ch, lang, ref) for ch in sorted(channels.values(), key=lambda c: c.id)
                      if ch.type == "ServiceLocation"]
    data.service_at_locations.sort(key=lambda s: str(s["id"]))
    data.taxonomies = [m.taxonomy(lang)]
    data.taxonomy_terms = [m.taxonomy_term(code, info, lang) for code, info in sorted(ref.service_classes.items())]
    return data


_cache: "weakref.WeakKeyDictionary[SearchIndex, dict[str, Dataset]]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def dataset(rt: Runtime, lang: str) -> Dataset:
    """The HSDS objects of the current snapshot, built on first use per language."""
    index = rt.catalogue()
    with _lock:
        cached = _cache.get(index, {}).get(lang)
    if cached is not None:
        return cached
    with rt.db.session() as s:
        orgs = {row.id: row.record() for row in s.scalars(select(Organisation))}
    data = build(index.services, index.channels, orgs, index, lang)
    with _lock:
        _cache.setdefault(index, {})[lang] = data
    return data


def page(items: Sequence[m.Obj], *, page_number: int, per_page: int) -> dict[str, Any]:
    """HSDS's paginated list shape; a page past the end is empty (not an error)."""
    total = len(items)
    pages = max(1, math.ceil(total / per_page))
    start = (page_number - 1) * per_page
    contents = list(items[start:start + per_page])
    return {"total_items": total, "total_pages": pages, "page_number": page_number, "size": len(contents),
            "first_page": page_number == 1, "last_page": page_number >= pages, "empty": not contents,
            "contents": contents}
