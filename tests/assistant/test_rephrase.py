"""The optional language-model rephrasing, against a small fake OpenAI-compatible server on 127.0.0.1:
off by default; a faithful rephrasing is used; one naming a service or a link the network did not
retrieve, an error status or a timeout gives the template text."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest

from auroranet.assistant import flows
from auroranet.assistant.messages import say
from auroranet.assistant.rephrase import Fact, OpenAICompatible, rephrased, valid
from auroranet.runtime import Runtime
from tests.assistant.conftest import make_runtime


class FakeLLM(BaseHTTPRequestHandler):
    answer: str = ""
    status: int = 200
    seen: list[dict[str, Any]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeLLM.seen.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        facts = body["messages"][1]["content"]
        text = FakeLLM.answer.replace("{facts}", facts.split("\n")[2] if "\n" in facts else "")
        raw = json.dumps({"choices": [{"message": {"role": "assistant", "content": text}}]}).encode()
        self.send_response(FakeLLM.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)


@pytest.fixture(scope="module")
def llm() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


@pytest.fixture(scope="module")
def rt_llm(tmp_path_factory: pytest.TempPathFactory, llm: str) -> Iterator[Runtime]:
    rt = make_runtime(tmp_path_factory.mktemp("llm"), assistant_llm_url=llm, assistant_llm_model="tiny",
                      assistant_llm_api_key="k-123")
    yield rt
    rt.close()


FACTS = [Fact("Yleinen asumistuki", "Tukea asumismenoihin.", "/service/1234abcd?lang=fi")]


def test_validation_rules() -> None:
    names = {"yleinen asumistuki", "perustoimeentulotuki"}
    template = "Löysin nämä palvelut:"
    assert valid("Tässä sinulle: Yleinen asumistuki (/service/1234abcd?lang=fi).", template, FACTS, names)
    assert not valid("Kokeile myös Perustoimeentulotuki.", template, FACTS, names)  # not retrieved
    assert not valid("Katso https://example.com/tuki", template, FACTS, names)  # a link not in the facts
    assert not valid("Soita 040 123 4567.", template, FACTS, names)  # a phone number not in the facts
    assert not valid("", template, FACTS, names)


def test_off_by_default(tmp_path: Path) -> None:
    rt = make_runtime(tmp_path)
    try:
        assert rephrased(rt, "template", FACTS, "fi") == "template"
    finally:
        rt.close()


def test_faithful_rephrasing_is_used_in_the_conversation(rt_llm: Runtime) -> None:
    FakeLLM.status, FakeLLM.answer = 200, "Nämä voisivat auttaa sinua."
    chat_id, _ = flows.start(rt_llm, "fi")
    turn = flows.message(rt_llm, chat_id, "tarvitsen asumistukea", base_url="http://127.0.0.1")
    assert turn is not None and turn.replies[0].services
    assert turn.replies[0].text.endswith("Nämä voisivat auttaa sinua.")
    last = FakeLLM.seen[-1]
    assert last["path"] == "/v1/chat/completions" and last["body"]["model"] == "tiny" and last["auth"] == "Bearer k-123"
    assert turn.replies[0].services[0].name in last["body"]["messages"][1]["content"]


@pytest.mark.parametrize("status,answer", [(200, "Kokeile myös palvelua https://evil.example/x"),
                                           (500, "whatever"), (200, "")])
def test_invented_facts_and_errors_fall_back_to_the_template(rt_llm: Runtime, status: int, answer: str) -> None:
    FakeLLM.status, FakeLLM.answer = status, answer
    chat_id, _ = flows.start(rt_llm, "fi")
    turn = flows.message(rt_llm, chat_id, "tarvitsen asumistukea", base_url="http://127.0.0.1")
    assert turn is not None
    assert turn.replies[0].text.endswith(say("found", "fi", where=""))


def test_names_another_catalogue_service(rt_llm: Runtime) -> None:
    other = next(s for s in rt_llm.catalogue().services if s.names.get("fi") == "Perustoimeentulotuki")
    FakeLLM.status, FakeLLM.answer = 200, f"Hae myös {other.names['fi']}."
    facts = [Fact("Yleinen asumistuki", "Tukea asumiseen.", "/service/x")]
    assert rephrased(rt_llm, "T", facts, "fi") == "T"


def test_timeout_falls_back() -> None:
    model = OpenAICompatible("http://127.0.0.1:9/v1", "m", None, timeout=0.5)
    assert model.rephrase("T", FACTS, "fi") is None
