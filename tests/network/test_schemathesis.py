"""Property-based tests against the project's own OpenAPI: no 5xx and responses as documented.

Bounded (max_examples per operation) so that the whole module stays well under two minutes. Schemathesis
loads the schema at collection time, so the app (demo catalogue on SQLite, fake engine) is built here."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from auroranet.app import create_app
from auroranet.db.core import Database
from tests.network.conftest import fake_runtime, register, settings_for


def _build() -> tuple[Any, dict[str, str]]:
    from auroranet.usecases.demo import ensure_demo
    from auroranet.db.migrate import upgrade

    data = Path(tempfile.mkdtemp(prefix="aurora-st-"))
    settings = settings_for(data, rate_limit_per_minute=100_000)
    db = Database.from_settings(settings)
    upgrade(db.engine)
    ensure_demo(db)
    rt = fake_runtime(settings, db)  # the fake engine over the demo services
    creds = register(rt, "Schemathesis")
    return create_app(runtime=rt), creds.headers


APP, HEADERS = _build()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).include(path_regex="^/service-recommender/")


def no_server_error(ctx: Any, response: Any, case: Any) -> bool | None:
    """not_a_server_error, except the documented 501 of the translation endpoints (no machine translation)."""
    if response.status_code == 501 and "/translation/" in case.path:
        return None
    return not_a_server_error(ctx, response, case)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api(case: Any) -> None:
    case.call_and_validate(headers=HEADERS, checks=[no_server_error, response_schema_conformance])
