"""Property-based requests against the chat API from its own OpenAPI document: never a 5xx."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from auroranet.app import create_app
from tests.assistant.conftest import make_runtime

_RT = make_runtime(Path(tempfile.mkdtemp(prefix="aurora-as-")), jobs_enabled=False, rate_limit_per_minute=100_000,
                   admin_key="a" * 40)
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(runtime=_RT)).include(path_regex="^/assistant/")


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_chat_api_never_fails(case: Any) -> None:
    case.call_and_validate(checks=[not_a_server_error], headers={"X-Test": uuid.uuid4().hex[:4]})
