"""Wallet fixtures: a Runtime over the ``db`` fixture (SQLite and PostgreSQL) with the demo programme and
provider, and helpers that build programmes of a chosen size."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Iterator

import pytest

from auroranet.lifeevents.model import builtin_life_events
from auroranet.config import Settings
from auroranet.db.core import Database
from auroranet.runtime import Runtime
from auroranet.wallet.demo import DEMO_PRICES, DEMO_PROVIDER, seed_demo
from auroranet.wallet.programmes import DEMO_PROGRAMME, ProgrammeSpec, read_file
from auroranet.wallet.wallets import load_programme

DEMO_ID = "nuoret-omaishoitajat"
SERVICES = list(DEMO_PRICES)


def make_runtime(db: Database, tmp_path: Path) -> Runtime:
    settings = Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple",
                        session_secret="wallet-test-" + uuid.uuid4().hex, require_auth=False, jobs_enabled=False)
    return Runtime.create(settings, db=db)


@pytest.fixture
def wrt(db: Database, tmp_path: Path) -> Iterator[Runtime]:
    rt = make_runtime(db, tmp_path)
    seed_demo(rt)
    yield rt
    rt.writes.close()


def programme(pid: str, *, budget: int, amount: int, caps: dict[str, int] | None = None,
              once: bool = True) -> ProgrammeSpec:
    """The demo programme under another id with the given budget, amount, caps and once-per-service rule."""
    data = read_file(DEMO_PROGRAMME, life_events=builtin_life_events()).model_dump(mode="json")
    data.update(id=pid, budget_cents=budget, amount_cents=amount, once_per_service=once,
                category_caps_cents=caps if caps is not None else {})
    return ProgrammeSpec.model_validate(data)


def load(rt: Runtime, spec: ProgrammeSpec) -> str:
    load_programme(rt, spec, actor="test")
    return spec.id


__all__ = ["DEMO_ID", "DEMO_PROVIDER", "SERVICES", "load", "make_runtime", "programme"]
