"""A tiny invented catalogue (fi/sv/en) for web tests, used when the demo catalogue is not available,
and a stand-in engine used when the real search/recommend modules are not installed yet."""

from __future__ import annotations

from typing import Any

from auroranet.catalogue.models import (
    Area, ChannelRecord, OpeningHour, OrganisationRef, Phone, ServiceHours, ServiceRecord, Term, WebPage, Address,
    RefMunicipality, RefServiceClass, RefTargetGroup,
)
from auroranet.catalogue.service import Batch, apply_batch
from auroranet.engine.contract import Explanation, Hit, RecommendQuery, SearchQuery

ORG = OrganisationRef(id="org-1", role="Responsible",
                      names={"fi": "Esimerkkikaupunki", "sv": "Exempelstad", "en": "Example City"})


def _svc(sid: str, meter: str, fi: str, sv: str, en: str, sfi: str, ssv: str, sen: str, channels: list[str],
         national: bool = False) -> ServiceRecord:
    return ServiceRecord(
        id=sid, source="test", names={"fi": fi, "sv": sv, "en": en}, summary={"fi": sfi, "sv": ssv, "en": sen},
        description={"fi": sfi, "sv": ssv, "en": sen}, area_type="Nationwide" if national else "LimitedType",
        areas=[] if national else [Area(type="Municipality", code="837", names={"fi": "Tampere", "sv": "Tammerfors", "en": "Tampere"},
                                        municipality_codes=["837"])],
        municipality_codes=[] if national else ["837"], organisations=[ORG], channel_ids=channels,
        keywords={"fi": [meter]}, languages=["fi", "sv", "en"],
        service_classes=[Term(code="P1", names={"fi": "Asuminen", "sv": "Boende", "en": "Housing"})],
        target_groups=[Term(code="KR1", names={"fi": "Kansalaiset", "sv": "Medborgare", "en": "Citizens"})])


SERVICES = [
    _svc("11111111-1111-4111-8111-111111111111", "housing", "Nuorten asumisneuvonta", "Boenderådgivning för unga",
         "Housing advice for young people", "Apua vuokra-asunnon etsimiseen.", "Hjälp att hitta en hyresbostad.",
         "Help with finding a rental flat.", ["aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002"]),
    _svc("22222222-2222-4222-8222-222222222222", "health", "Nuorten mielenterveyspalvelu", "Mentalvård för unga",
         "Mental health service for young people", "Keskusteluapua nuorille.", "Samtalsstöd för unga.",
         "Someone to talk to for young people.", ["aaaaaaaa-0000-4000-8000-000000000003"], national=True),
    _svc("33333333-3333-4333-8333-333333333333", "finance", "Talous- ja velkaneuvonta", "Ekonomi- och skuldrådgivning",
         "Debt and money advice", "Neuvoja raha-asioihin.", "Råd om ekonomin.", "Advice on money matters.",
         ["aaaaaaaa-0000-4000-8000-000000000004"], national=True),
]
CHANNELS = [
    ChannelRecord(id="aaaaaaaa-0000-4000-8000-000000000001", type="EChannel", source="test",
                  names={"fi": "Asumisneuvonnan verkkopalvelu", "sv": "Boenderådgivningens webbtjänst", "en": "Housing advice online"},
                  web_pages=[WebPage(url="https://receiver.example/asuminen", language="fi")],
                  service_hours=[ServiceHours(always_open=True)]),
    ChannelRecord(id="aaaaaaaa-0000-4000-8000-000000000002", type="Phone", source="test", names={"fi": "Puhelin", "sv": "Telefon", "en": "Phone"},
                  phones=[Phone(number="401234567", prefix="+358", language="fi")],
                  service_hours=[ServiceHours(opening_hours=[OpeningHour(day_from="Monday", day_to="Friday",
                                                                         time_from="09:00:00", time_to="15:00:00")])],
                  addresses=[Address(street={"fi": "Keskustori"}, street_number="1", postal_code="33100",
                                     post_office={"fi": "Tampere", "sv": "Tammerfors"})]),
    ChannelRecord(id="aaaaaaaa-0000-4000-8000-000000000003", type="WebPage", source="test", names={"fi": "Verkkosivu", "sv": "Webbsida", "en": "Web page"},
                  web_pages=[WebPage(url="https://mieli.example/", language="fi")]),
    ChannelRecord(id="aaaaaaaa-0000-4000-8000-000000000004", type="WebPage", source="test", names={"fi": "Verkkosivu", "sv": "Webbsida", "en": "Web page"},
                  web_pages=[WebPage(url="https://raha.example/", language="fi")]),
]


def load_fixture_catalogue(db: Any) -> None:
    with db.session() as s:
        apply_batch(s, Batch(services=list(SERVICES), channels=list(CHANNELS)))
        s.add_all([
            RefMunicipality(code="837", names={"fi": "Tampere", "sv": "Tammerfors", "en": "Tampere"}),
            RefMunicipality(code="091", names={"fi": "Helsinki", "sv": "Helsingfors", "en": "Helsinki"}),
            RefServiceClass(code="P1", uri="http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P1", parent_code=None,
                            names={"fi": "Asuminen", "sv": "Boende", "en": "Housing"}, descriptions={}),
            RefTargetGroup(code="KR1", parent_code=None, names={"fi": "Kansalaiset", "sv": "Medborgare", "en": "Citizens"}),
        ])


def _services(runtime: Any) -> list[ServiceRecord]:
    from auroranet.catalogue.service import list_services

    with runtime.db.session() as s:
        return list_services(s)


def fake_recommend(runtime: Any, query: RecommendQuery) -> list[Hit]:
    """One service per need (lowest meters first), matched by the service's keyword."""
    hits: list[Hit] = []
    services = _services(runtime)
    for meter, value in sorted(query.meters.items(), key=lambda kv: kv[1]):
        if value >= 7:
            continue
        for svc in services:
            if meter in svc.keywords.get("fi", []) and all(h.service_id != svc.id for h in hits):
                hits.append(Hit(service_id=svc.id, score=10 - value, rank=len(hits) + 1, need=meter,
                                explanation=Explanation(needs=[(meter, value)], sources={"meter": 1.0})))
    return hits[: query.limit]


def fake_search(runtime: Any, query: SearchQuery) -> list[Hit]:
    words = [w.casefold() for w in query.text.split() if len(w) > 2]
    hits = []
    for svc in _services(runtime):
        text = " ".join(list(svc.names.values()) + list(svc.summary.values())).casefold()
        matched = [w for w in words if w in text]
        if matched:
            hits.append(Hit(service_id=svc.id, score=len(matched), rank=len(hits) + 1,
                            explanation=Explanation(matched_terms=matched, sources={"bm25": float(len(matched))})))
    return hits[: query.limit]
