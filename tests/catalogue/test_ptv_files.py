"""PTV v11 JSON files: every accepted shape, errors that name file and line or item, and imports that
leave the store unchanged on bad input (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auroranet.catalogue import service
from auroranet.catalogue.flows import import_files
from auroranet.catalogue.importers.ptv_files import parse_ptv_file
from auroranet.db.core import Database
from auroranet.errors import ImportFormatError

SAMPLES = "catalogue/ptv_api_v11"
SID = "33333333-3333-4333-8333-333333333333"
CID = "44444444-4444-4444-8444-444444444444"
OID = "55555555-5555-4555-8555-555555555555"


def service_obj(sid: str = SID, codes: tuple[str, ...] = ("837",)) -> dict[str, Any]:
    return {"id": sid, "type": "Service", "publishingStatus": "Published", "areaType": "LimitedType",
            "serviceNames": [{"language": "fi", "value": "Nuorten talo", "type": "Name"},
                             {"language": "sv", "value": "Ungdomens hus", "type": "Name"},
                             {"language": "en", "value": "Youth house", "type": "Name"}],
            "areas": [{"type": "Municipality", "municipalities": [{"code": c} for c in codes]}],
            "organizations": [{"organization": {"id": OID, "name": "Kunta"}, "roleType": "Responsible"}],
            "serviceChannels": [{"serviceChannel": {"id": CID, "name": "Puhelin"}}]}


def channel_obj() -> dict[str, Any]:
    return {"id": CID, "serviceChannelType": "Phone", "publishingStatus": "Published",
            "serviceChannelNames": [{"language": "fi", "value": "Neuvontapuhelin", "type": "Name"}],
            "phoneNumbers": [{"type": "Phone", "prefixNumber": "+358", "number": "401234567", "language": "fi"}]}


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_real_files_single_map_and_channel(shared_data: Path) -> None:
    single = parse_ptv_file(shared_data / SAMPLES / "service_etalukio.json")
    mapped = parse_ptv_file(shared_data / SAMPLES / "service_sample.json")
    channel = parse_ptv_file(shared_data / SAMPLES / "service_channel_otava.json")
    assert [len(single.services), len(mapped.services), len(channel.channels)] == [1, 1, 1]
    assert mapped.services[0].id == "6c00d407-d3fd-4c7e-a373-57be9f3b2cff"
    assert {o.id for o in single.organisations} == {"cd8efa0a-44f3-4748-a667-6402242e327d",
                                                     "df0c2f24-d2bd-4ba7-bdcd-fcfc9f0d65a7"}


def test_list_and_bundle(tmp_path: Path) -> None:
    lst = parse_ptv_file(write(tmp_path / "l.json", [service_obj(), channel_obj()]))
    assert (len(lst.services), len(lst.channels)) == (1, 1)
    org = {"id": OID, "organizationNames": [{"language": "fi", "value": "Tampereen kaupunki", "type": "Name"},
                                            {"language": "en", "value": "City of Tampere", "type": "Name"}]}
    bundle = parse_ptv_file(write(tmp_path / "b.json", {"services": [service_obj()], "channels": [channel_obj()],
                                                         "organizations": [org]}))
    assert (len(bundle.services), len(bundle.channels)) == (1, 1)
    # The full Organization object wins over the service's reference of the same id.
    assert [o.names for o in bundle.organisations] == [{"fi": "Tampereen kaupunki", "en": "City of Tampere"}]


@pytest.mark.parametrize(
    "data, message",
    [
        ([service_obj(), {"serviceNames": []}], "item 1: missing id"),
        ({"services": [service_obj(), service_obj("nope")]}, "services[1] (id nope): id is not a UUID"),
        ({SID: service_obj(), CID: "x"}, "expected a JSON object"),
        ({"services": {"a": 1}}, '"services" must be a list'),
        ([service_obj(codes=("12",))], "invalid municipality code '12'"),
        ([{"id": CID, "serviceChannelType": None, "serviceChannelNames": []}], "no serviceChannelType"),
        ("just text", "expected a PTV object"),
    ],
    ids=["missing-id", "bad-id", "not-object", "bad-section", "bad-municipality", "channel-type", "scalar"],
)
def test_bad_items_are_named(tmp_path: Path, data: Any, message: str) -> None:
    f = write(tmp_path / "bad.json", data)
    with pytest.raises(ImportFormatError) as err:
        parse_ptv_file(f)
    assert str(err.value).startswith(str(f))
    assert message in str(err.value)


def test_item_errors_name_the_line(tmp_path: Path) -> None:
    f = write(tmp_path / "bad.json", {"services": [service_obj(), {"serviceNames": []}]})
    lines = f.read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines, start=1) if '"serviceNames": []' in line) - 1
    assert lines[start - 1].strip() == "{"
    with pytest.raises(ImportFormatError) as err:
        parse_ptv_file(f)
    assert str(err.value) == f"{f}:{start}: services[1]: missing id"


def test_unknown_municipality_when_code_list_known(tmp_path: Path) -> None:
    f = write(tmp_path / "s.json", service_obj(codes=("837", "999")))
    assert parse_ptv_file(f).services[0].municipality_codes == ["837", "999"]
    with pytest.raises(ImportFormatError, match="unknown municipality code '999'"):
        parse_ptv_file(f, known_municipalities=frozenset({"837"}))


def test_syntax_error_names_line(tmp_path: Path) -> None:
    f = tmp_path / "broken.json"
    f.write_text('{\n  "id": "x",\n  "serviceNames": [\n}\n', encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"broken.json:4: malformed JSON"):
        parse_ptv_file(f)


def test_import_is_idempotent_and_bad_file_changes_nothing(db: Database, tmp_path: Path,
                                                           shared_data: Path) -> None:
    folder = shared_data / SAMPLES
    first = import_files(db, [folder]).counts
    assert first.by_kind["services"]["new"] == 2 and first.by_kind["channels"]["new"] == 1
    again = import_files(db, [folder]).counts
    assert (again.new, again.updated) == (0, 0) and again.unchanged == first.new
    bad = write(tmp_path / "bad.json", [service_obj(), {"serviceNames": []}])
    with pytest.raises(ImportFormatError, match="item 1: missing id"):
        import_files(db, [bad])
    with db.session() as s:
        assert {r.id for r in service.list_services(s)} == {"6c00d407-d3fd-4c7e-a373-57be9f3b2cff",
                                                             "3668d250-cd80-45c4-abcc-9b2d3a2b3e42"}
        rec = service.get_service(s, "3668d250-cd80-45c4-abcc-9b2d3a2b3e42")
        assert rec is not None and "961f1a02-0eb7-4b5d-9721-6b9f2d14ec6f" in service.get_channels(s, rec.channel_ids)
