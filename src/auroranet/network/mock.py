"""The v1 mock service for session-transfer testing: asked for with municipality "000", it answers with
one test service whose channels accept attributes. Kept in memory; never in the catalogue."""

from __future__ import annotations

from auroranet.catalogue.models import ChannelRecord, ServiceRecord, WebPage
from auroranet.engine.contract import Hit
from auroranet.network.schemas import MOCK_MUNICIPALITY, ServiceFiltersIn

MOCK_SERVICE_ID = "6a2b1374-9a2d-47bc-8cd9-33b0db1566e1"
MOCK_CHANNELS = (
    ("f4eda39d-92ba-40cd-ae4a-a524e586969f", "Testipalvelu 1 (osa attribuuteista)"),
    ("0ba11195-de64-43b3-af64-41aba7285364", "Testipalvelu 2 (kaikki attribuutit)"),
    ("7a330e4e-5f1b-4c4e-9a51-2b8f0c6d1e77", "Testipalvelu 3 (ei siirtoa)"),
)


def mock_records(public_base_url: str) -> tuple[ServiceRecord, dict[str, ChannelRecord]]:
    url = public_base_url.rstrip("/") + "/mock-service/service"
    channels = {cid: ChannelRecord(id=cid, type="EChannel", names={"fi": name}, summary={"fi": "Testikanava."},
                                   description={"fi": "Istunnon siirron testikanava."},
                                   web_pages=[WebPage(url=url, language="fi")])
                for cid, name in MOCK_CHANNELS}
    svc = ServiceRecord(id=MOCK_SERVICE_ID, source="mock", names={"fi": "Testipalvelu istunnon siirtoon"},
                        summary={"fi": "Testipalvelu AuroraAI-istunnon siirron kokeiluun."},
                        description={"fi": "Palauttaa testikanavia, joihin voi siirtää attribuutteja."},
                        area_type="Nationwide", channel_ids=[c for c, _ in MOCK_CHANNELS])
    return svc, channels


def is_mock_request(f: ServiceFiltersIn | None) -> bool:
    if f is None:
        return False
    areas = f.given("municipality_codes") + f.given("region_codes") + f.given("hospital_district_codes") + \
        f.given("wellbeing_service_county_codes")
    return areas == [MOCK_MUNICIPALITY]


def mock_hits() -> list[Hit]:
    return [Hit(service_id=MOCK_SERVICE_ID, score=1.0, rank=1)]
