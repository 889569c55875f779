"""Curation fixtures: a runtime with the demo catalogue on each storage backend (``db``), and names of
demo services, organisations and areas the tests use."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Iterator

import pytest

from auroranet.config import Settings
from auroranet.db.core import Database
from auroranet.runtime import Runtime
from auroranet.usecases.demo import ensure_demo
from tests.web.conftest import _web_template, any_web_runtime, web_runtime  # noqa: F401

TAMPERE = "837"  # county 08 (Pirkanmaa)
HELSINKI = "091"  # county 90
HOBBIES_TAMPERE = "023853b7-c85b-4fb7-b071-5b171294b479"  # a Tampere service
HOBBIES_ORG = "04225a66-aaca-4e68-a721-a58b9a43213a"
HELSINKI_SERVICE = "0d6b465f-a64c-4aa1-9b22-a5a7268689c0"  # Ohjaamo Helsinki
HELSINKI_ORG = "ec586734-0443-4371-a29c-f2f11b211472"
NATIONAL_SERVICE = "0576fb32-90bc-4fc0-ad0b-e776054eab57"  # a nationwide helpline


@pytest.fixture
def rt(db: Database, tmp_path: Path) -> Iterator[Runtime]:
    assert ensure_demo(db) is not None
    settings = Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple",
                        session_secret="test-secret-" + uuid.uuid4().hex, require_auth=False)
    runtime = Runtime.create(settings, db=db)
    yield runtime
    runtime.close()
