"""PTV v11 JSON → records, on the real sample records and on hand-made edge cases (nulls, bad ids)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auroranet.catalogue.ptv import mapping
from auroranet.errors import ImportFormatError

SAMPLES = "catalogue/ptv_api_v11"


def load(shared_data: Path, name: str) -> Any:
    return json.loads((shared_data / SAMPLES / name).read_text("utf-8"))


def test_service_fields_from_real_record(shared_data: Path) -> None:
    obj = load(shared_data, "service_etalukio.json")
    rec = mapping.service_from_ptv(obj)
    assert rec.id == obj["id"]
    assert rec.names == {"fi": "Nettilukio aikuisille"}
    assert rec.alternative_names == {"fi": "Etälukio"}
    assert rec.summary["fi"] == "Aikuislukio verkko-opintoina."
    assert rec.user_instruction["fi"].startswith("Hae Nettilukioon")
    assert "fi" in rec.description and "sv" not in rec.description
    assert rec.requirements["fi"].startswith("Nettilukio on aikuislukio")
    assert "etäopetus" in rec.keywords["fi"]
    assert (rec.charge_type, rec.funding_type, rec.area_type) == ("FreeOfCharge", "PubliclyFunded", "Nationwide")
    assert rec.is_national and rec.municipality_codes == []
    p610 = next(t for t in rec.service_classes if t.code == "P6.10")
    assert p610.parent_code == "P6" and p610.names["sv"] == "Vuxen- och kompletteringsutbildning"
    assert [t.code for t in rec.target_groups] == ["KR1"]
    assert rec.ontology_terms and all(t.uri for t in rec.ontology_terms)
    assert rec.responsible_organisation is not None
    assert rec.responsible_organisation.names == {"fi": "Mikkelin kaupungin liikelaitos Otavia"}
    assert rec.channel_ids == [c["serviceChannel"]["id"] for c in obj["serviceChannels"]]
    assert rec.service_collections[0].names == {"fi": "Kaavoitus ja maankäyttö"}
    assert rec.languages == ["fi"]
    assert rec.modified is not None and rec.modified.year == 2020 and rec.modified.tzinfo is not None
    assert not rec.archived


def test_service_areas_and_old_class_uris(shared_data: Path) -> None:
    obj = next(iter(load(shared_data, "service_sample.json").values()))
    rec = mapping.service_from_ptv(obj)
    assert rec.area_type == "LimitedType"
    assert rec.municipality_codes == ["123", "426"]
    assert rec.areas[0].type == "Municipality" and rec.areas[0].municipality_codes == ["123", "426"]
    # This record only has the old urn URI: the code field and the dotted prefix give code and parent.
    assert [(t.code, t.parent_code) for t in rec.service_classes] == [("P6.2", "P6")]
    assert {t.code: t.parent_code for t in rec.target_groups} == {"KR1.2": "KR1", "KR1": None}


def test_ptvserclass2_uri_and_other_area_types() -> None:
    obj = {
        "id": "AAAAAAAA-1111-4111-8111-111111111111",
        "serviceNames": [{"language": "fi", "value": "Palvelu", "type": "Name"},
                         {"language": "se", "value": "Bálvalus", "type": "Name"}],
        "serviceClasses": [{"code": None, "newUri": "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P27.3",
                            "newParentUri": "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P27", "name": None}],
        "areaType": "LimitedType",
        "areas": [{"type": "Province", "code": "06", "name": [{"language": "fi", "value": "Pirkanmaa"}],
                   "municipalities": [{"code": "837"}, {"code": "020"}]},
                  {"type": "WellbeingServiceCounty", "code": "08", "municipalities": [{"code": "837"}]},
                  {"type": "Municipality", "municipalities": [{"code": "491"}, {"code": None}]}],
        "publishingStatus": "Archived",
    }
    rec = mapping.service_from_ptv(obj)
    assert rec.id == "aaaaaaaa-1111-4111-8111-111111111111"
    assert rec.names == {"fi": "Palvelu"}  # Sámi dropped
    assert [(t.code, t.parent_code) for t in rec.service_classes] == [("P27.3", "P27")]
    assert rec.municipality_codes == ["020", "491", "837"]
    assert [a.type for a in rec.areas] == ["Province", "WellbeingServiceCounty", "Municipality"]
    assert rec.areas[0].names == {"fi": "Pirkanmaa"}
    assert rec.archived


def test_nulls_everywhere_are_tolerated() -> None:
    keys = ["serviceNames", "serviceDescriptions", "areas", "serviceClasses", "targetGroups", "lifeEvents",
            "ontologyTerms", "organizations", "serviceCollections", "languages", "serviceChannels", "keywords",
            "requirements", "areaType", "modified", "serviceChargeType", "fundingType", "publishingStatus"]
    rec = mapping.service_from_ptv({"id": "11111111-1111-4111-8111-111111111111", **{k: None for k in keys}})
    assert rec.names == {} and rec.areas == [] and rec.area_type == "LimitedType" and not rec.archived
    odd = {"id": "11111111-1111-4111-8111-111111111111",
           "serviceNames": [None, {"language": None, "value": "x"}, {"language": "fi", "value": None, "type": "Name"}],
           "organizations": [{"organization": None}, {"organization": {"id": "not-a-uuid"}}],
           "serviceChannels": [{"serviceChannel": None}, {"serviceChannel": {"id": None}}],
           "modified": "not a date"}
    rec = mapping.service_from_ptv(odd)
    assert rec.names == {} and rec.organisations == [] and rec.channel_ids == [] and rec.modified is None


@pytest.mark.parametrize("value, message", [(None, "missing id"), ("", "missing id"), ("abc", "not a UUID"),
                                            (42, "not a UUID")])
def test_record_without_valid_id_is_rejected(value: object, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message) as err:
        mapping.service_from_ptv({"id": value, "serviceNames": []}, where="f.json item 2")
    assert str(err.value).startswith("f.json item 2")
    with pytest.raises(ImportFormatError, match=message):
        mapping.channel_from_ptv({"id": value, "serviceChannelType": "Phone"})


def test_channel_fields_from_real_record(shared_data: Path) -> None:
    obj = load(shared_data, "service_channel_otava.json")
    ch = mapping.channel_from_ptv(obj)
    assert ch.type == "ServiceLocation"
    assert ch.organisation_id == obj["organizationId"]
    assert ch.names == {"fi": "Otavan Opisto / Otavia"}
    assert ch.summary["fi"].startswith("Otavan Opiston kampus")
    assert ch.municipality_codes == ["491"] and ch.area_type == "LimitedType"
    addr = ch.addresses[0]
    assert (addr.type, addr.street["fi"], addr.street_number, addr.postal_code) == ("Location", "Otavantie", "2 B", "50670")
    assert set(addr.street) == {"fi", "sv", "en"}  # se/smn/sms dropped
    assert addr.municipality_code == "491" and addr.municipality_names["sv"] == "S:t Michel"
    assert (addr.latitude, addr.longitude) == ("6834688", "503879")
    phone = ch.phones[0]
    assert (phone.prefix, phone.number, phone.info, phone.charge_type) == ("+358", "447943552",
                                                                            "Opintoasiainvastaava", "Chargeable")
    assert ch.emails[0].value == "info@otavia.fi"
    assert ch.web_pages[0].url == "http://www.otavanopisto.fi/" and ch.web_pages[0].name
    hours = ch.service_hours[0]
    assert hours.type == "DaysOfTheWeek" and not hours.always_open
    assert [(h.day_from, h.time_from, h.time_to) for h in hours.opening_hours][0] == ("Monday", "08:00:00", "16:00:00")
    assert hours.opening_hours[0].day_to is None  # "" in PTV
    assert ch.languages == ["fi", "en"] and ch.modified is not None


def test_organisation_object_and_kind_detection() -> None:
    org = {"id": "22222222-2222-4222-8222-222222222222", "publishingStatus": "Published",
           "organizationNames": [{"language": "fi", "value": "Tampereen kaupunki", "type": "Name"},
                                 {"language": "sv", "value": "Tammerfors stad", "type": "Name"}]}
    rec = mapping.organisation_from_ptv(org)
    assert rec.names == {"fi": "Tampereen kaupunki", "sv": "Tammerfors stad"} and not rec.archived
    assert mapping.kind_of(org) == "organisation"
    assert mapping.kind_of({"serviceChannelType": "Phone"}) == "channel"
    assert mapping.kind_of({"serviceNames": []}) == "service"
