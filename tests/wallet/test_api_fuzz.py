"""The wallet API fuzzed from its own OpenAPI document (schemathesis, bounded): no 5xx for any input,
with a real wallet code, and responses as documented."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from auroranet.app import create_app
from auroranet.config import Settings
from auroranet.db.core import Database
from auroranet.db.migrate import upgrade
from auroranet.runtime import Runtime
from auroranet.wallet import wallets
from auroranet.wallet.demo import seed_demo


def _build() -> tuple[Any, dict[str, str]]:
    data = Path(tempfile.mkdtemp(prefix="aurora-wallet-st-"))
    s = Settings(data_dir=data, embedder="hashing", analyzer="simple", session_secret="st-" + uuid.uuid4().hex,
                 require_auth=False, jobs_enabled=False, rate_limit_per_minute=100_000)
    db = Database.from_settings(s)
    upgrade(db.engine)
    rt = Runtime.create(s, db=db)
    seed_demo(rt)
    _, codes = wallets.issue_codes(rt, "nuoret-omaishoitajat", 1, actor="test")
    code = wallets.claim(rt, codes[0], age=None, municipality=None, key="st-claim")["wallet_code"]
    return create_app(runtime=rt), {"Authorization": f"Bearer {code}"}


APP, HEADERS = _build()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).include(path_regex="^/api/wallet/")


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_wallet_api(case: Any) -> None:
    case.call_and_validate(headers={**HEADERS, "Idempotency-Key": f"st-{uuid.uuid4().hex}"},
                           checks=[not_a_server_error, response_schema_conformance])
