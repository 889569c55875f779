"""Who may curate what: an admin anywhere, an analyst in the areas their role covers, provider staff for
their organisation's services in the areas those services are offered in. Also the "recommended by"
names a curation carries (the organisation, or the analyst's area).

    role = authority(principal, service, "municipality:564", ref)   # the role that allows it, or None
"""

from __future__ import annotations

from typing import Any

from auroranet.catalogue.models import ServiceRecord
from auroranet.catalogue.reference import ReferenceData
from auroranet.identity.principal import ORGANISATION as ORG, Principal, Role
from auroranet.insights import areas

NETWORK_NAMES = {"fi": "AuroraAI-verkko", "sv": "AuroraAI-nätverket", "en": "the AuroraAI network"}


def offered_in(svc: ServiceRecord, area: areas.AreaInfo, ref: ReferenceData) -> bool:
    """A nationwide service is offered everywhere; a local one where one of its municipalities lies."""
    if svc.is_national:
        return True
    munis = areas.municipalities_of(ref, area)
    return munis is not None and bool(set(svc.municipality_codes) & set(munis))


def organisations_of(p: Principal) -> set[str]:
    return set(p.organisations("provider_staff"))


def area_role(p: Principal, area: str, ref: ReferenceData) -> Role | None:
    """The admin or analyst role whose scope covers the area."""
    county_of = areas.county_lookup(ref)
    for r in p.roles:
        if r.name in ("admin", "analyst") and not r.scope.startswith(ORG) and r.covers(area, county_of):
            return r
    return None


def authority(p: Principal, svc: ServiceRecord, area: areas.AreaInfo, ref: ReferenceData) -> Role | None:
    """The role under which ``p`` may curate ``svc`` in ``area`` (area roles first), else None."""
    if p.kind != "staff":
        return None
    role = area_role(p, area.scope, ref)
    if role is not None:
        return role
    mine = organisations_of(p) & {o.id for o in svc.organisations}
    if mine and offered_in(svc, area, ref):
        return Role("provider_staff", ORG + sorted(mine)[0])
    return None


def may_end(p: Principal, by_scope: str, area: str, ref: ReferenceData) -> bool:
    """Who may see and end a curation: an area role covering its area, or staff of the organisation that made it."""
    if p.kind != "staff":
        return False
    if area_role(p, area, ref) is not None:
        return True
    return by_scope.startswith(ORG) and by_scope[len(ORG):] in organisations_of(p)


def names_for(role: Role, svc: ServiceRecord, ref: ReferenceData) -> dict[str, Any]:
    """The organisation of provider staff; for an analyst or admin, the area their role is for."""
    if role.scope.startswith(ORG):
        org = role.scope[len(ORG):]
        for o in svc.organisations:
            if o.id == org and o.names:
                return dict(o.names)
        return {"fi": org}
    area = areas.parse(ref, role.scope)
    return dict(NETWORK_NAMES) if area is None or area.kind == "national" else dict(area.names)
