"""A network of assistants over HTTP: auroranet (uvicorn on a free port) routes a person to a reference
external assistant (a separate process), passing only the attributes the person chose through the
one-time session-attribute token, and takes them back when the other assistant hands them back."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from auroranet.app import create_app
from auroranet.assistant import registry
from auroranet.catalogue.hours import HELSINKI
from auroranet.network.clients import add_client
from auroranet.runtime import Runtime
from tests.assistant.conftest import make_runtime

HERE = Path(__file__).parent
CHANNEL = "8f6c1e47-1c2d-4d0e-9a51-0a0b1c2d3e4f"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str) -> None:
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Runtime]]:
    import uvicorn

    rt = make_runtime(tmp_path_factory.mktemp("net"), jobs_enabled=False, web_warm_on_start=False)
    with rt.db.session() as s:
        client = add_client(s, names={"fi": "Oulun nuorisopalvelut"}, channel_ids=[CHANNEL],
                            receivable_attributes=["age", "municipality_code"], server_side_reads_only=True)
    rt.receivers.invalidate()
    port, other = _free_port(), _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(runtime=rt), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    aurora = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, str(HERE / "reference_assistant.py"), str(other), aurora,
                             client.info.id, client.secret])
    ext = f"http://127.0.0.1:{other}"
    try:
        _wait(f"{aurora}/openapi.json")
        _wait(f"{ext}/chat/none")
        registry.add(rt.db, registry.AssistantIn(
            id="oulu-youth", names={"fi": "Oulun nuorisopalvelujen avustaja", "en": "The Oulu youth services' assistant"},
            topics=["nuori", "nuorten", "young"], needs=["working_studying"], municipality_codes=["564"],
            languages=["fi", "en"], handover_url=f"{ext}/handover", channel_id=CHANNEL), life_events=rt.life_events)
        yield aurora, ext, rt
    finally:
        proc.terminate()
        proc.wait(10)
        server.should_exit = True
        thread.join(10)
        rt.close()


def _say(aurora: str, cid: str, text: str, share: list[str] | None = None) -> dict:  # type: ignore[type-arg]
    r = httpx.post(f"{aurora}/assistant/v1/conversations/{cid}/messages", json={"text": text, "share": share or []},
                   timeout=60)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_assistant_to_assistant_and_back(network: tuple[str, str, Runtime]) -> None:
    aurora, ext, _ = network
    cid = httpx.post(f"{aurora}/assistant/v1/conversations", json={"lang": "en"}).json()["conversation_id"]
    offer = _say(aurora, cid, "I am 17, I live in Oulu and I am a young person looking for a summer job")
    ho = offer["handover"]
    assert ho["status"] == "offered" and ho["assistant_id"] == "oulu-youth"
    assert "The Oulu youth services' assistant can help with this" in offer["replies"][-1]["text"]
    assert "young" in ho["why"] and "municipality" in ho["why"]
    assert {i["key"] for i in ho["can_share"]} == {"age", "municipality_code"}  # what the receiver registered for
    done = _say(aurora, cid, "yes", share=["age"])  # only the age: the municipality stays
    assert done["handover"]["status"] == "transferred" and done["handover"]["shared"] == ["age"]
    url = done["handover"]["url"]
    assert url.startswith(ext + "/chat/")
    person = httpx.get(url).json()
    assert person["attributes"] == {"age": 17}  # read once over HTTP with the one-time token
    assert "young" in person["summary"] and "Oulu" not in person["summary"] and "564" not in person["summary"]
    assert httpx.post(url + "/done", json={"summary": "We booked a youth worker meeting."}).json()["returned"] == 204
    back = _say(aurora, cid, "hello again")
    assert back["replies"][0]["text"].startswith("Welcome back!")
    assert "We booked a youth worker meeting." in back["replies"][0]["text"]
    # the return token works once
    assert httpx.post(url + "/done", json={"summary": "again"}).json()["returned"] == 404


def test_nothing_shared_without_a_choice_and_declining(network: tuple[str, str, Runtime]) -> None:
    aurora, ext, _ = network
    cid = httpx.post(f"{aurora}/assistant/v1/conversations", json={"lang": "fi"}).json()["conversation_id"]
    assert _say(aurora, cid, "olen nuori ja asun Oulussa, etsin kesätyötä")["handover"]["status"] == "offered"
    assert _say(aurora, cid, "ei kiitos")["handover"] is None
    assert _say(aurora, cid, "olen nuori ja asun Oulussa, etsin kesätyötä")["handover"]["status"] == "offered"
    done = _say(aurora, cid, "kyllä")
    assert done["handover"]["shared"] == []
    assert httpx.get(done["handover"]["url"]).json()["attributes"] is None


def test_routing_rules() -> None:
    a = registry.AssistantIn(id="x-y", names={"fi": "X"}, topics=["nuori"], municipality_codes=["564"],
                             languages=["fi"], handover_url="http://127.0.0.1:9/h",
                             opening_hours=[registry.Hours(days=[0, 1, 2, 3, 4], opens="08:00", closes="16:00")])
    monday_noon = datetime(2026, 11, 30, 12, 0, tzinfo=HELSINKI)
    need = registry.Need(text="olen nuori", lang="fi", municipality_code="564", now=monday_noon)
    assert registry.fit(a, need) is not None
    assert registry.fit(a, registry.Need(text="olen nuori", lang="sv", municipality_code="564", now=monday_noon)) is None
    assert registry.fit(a, registry.Need(text="olen nuori", lang="fi", municipality_code="091", now=monday_noon)) is None
    assert registry.fit(a, registry.Need(text="olen nuori", lang="fi", municipality_code="564",
                                         now=datetime(2026, 11, 29, 12, 0, tzinfo=HELSINKI))) is None  # Sunday
    assert registry.fit(a, registry.Need(text="kiitos", lang="fi", municipality_code="564", now=monday_noon)) is None
