"""Read-only catalogue API on SQLite and PostgreSQL: one service per language, paging, stats, 404s and 4xx on
bad parameters."""

from __future__ import annotations

from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from auroranet.app import create_app
from auroranet.catalogue.flows import write_batch
from auroranet.catalogue.models import ChannelRecord, ServiceRecord
from auroranet.catalogue.service import Batch
from auroranet.config import Settings
from auroranet.db.core import Database
from auroranet.runtime import Runtime


def sid(i: int) -> str:
    return f"{i:08d}-0000-4000-8000-000000000000"


CH = "99999999-0000-4000-8000-000000000000"


@pytest.fixture
def client(db: Database, settings: Settings) -> Iterator[TestClient]:
    """The API over seven services on each storage backend (paging, counts and 404s are queries)."""
    batch = Batch(
        services=[ServiceRecord(id=sid(i), names={"fi": f"Palvelu {i}", "sv": f"Tjänst {i}", "en": f"Service {i}"},
                                summary={"fi": "Tiivistelmä"}, channel_ids=[CH], municipality_codes=["837"])
                  for i in range(7)],
        channels=[ChannelRecord(id=CH, type="Phone", names={"fi": "Puhelin", "en": "Phone"})],
    )
    write_batch(db, batch, source="test", kind="file", archive={"services": [sid(6)]})
    app = create_app(runtime=Runtime.create(settings, db=db))  # the routes as the real app mounts them
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("lang, name, channel", [("fi", "Palvelu 2", "Puhelin"), ("sv", "Tjänst 2", "Puhelin"),
                                                 ("en", "Service 2", "Phone")])
def test_service_in_each_language(client: TestClient, lang: str, name: str, channel: str) -> None:
    r = client.get(f"/api/catalogue/services/{sid(2)}", params={"lang": lang})
    assert r.status_code == 200
    body = r.json()
    assert (body["id"], body["name"], body["lang"]) == (sid(2), name, lang)
    assert body["summary"] == "Tiivistelmä"  # falls back to Finnish
    assert [c["name"] for c in body["channels"]] == [channel]


def test_language_from_accept_language(client: TestClient) -> None:
    r = client.get(f"/api/catalogue/services/{sid(1)}", headers={"Accept-Language": "sv-FI,sv;q=0.9"})
    assert r.json()["name"] == "Tjänst 1"


def test_unknown_and_archived_are_404(client: TestClient) -> None:
    assert client.get(f"/api/catalogue/services/{sid(6)}").status_code == 404
    r = client.get("/api/catalogue/services/no-such-id", params={"lang": "en"})
    assert r.status_code == 404 and r.json()["detail"] == "Service not found."


def test_paging(client: TestClient) -> None:
    first = client.get("/api/catalogue/services", params={"limit": 4}).json()
    second = client.get("/api/catalogue/services", params={"limit": 4, "offset": 4}).json()
    assert first["total"] == second["total"] == 6
    ids = [s["id"] for s in first["items"] + second["items"]]
    assert ids == [sid(i) for i in range(6)]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "x"}, {"lang": "de"}])
def test_bad_parameters_are_4xx(client: TestClient, params: dict[str, object]) -> None:
    r = client.get("/api/catalogue/services", params=params)
    assert 400 <= r.status_code < 500


def test_stats(client: TestClient) -> None:
    body = client.get("/api/catalogue/stats").json()
    assert (body["services"], body["archived_services"], body["channels"]) == (6, 1, 1)
    assert body["by_area"]["837"] == 6 and body["by_channel_type"] == {"Phone": 1}
