"""The identity code from the login: sealed in the session for the lookups only, bound to the subject,
dropped on sign-out, malformed claims ignored, and never in any table after a fill."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from auroranet.config import Settings
from auroranet.identity import personcode
from auroranet.identity.principal import Principal, sign_in, sign_out
from auroranet.models import Base
from auroranet.runtime import Runtime
from tests.idp import provider_login
from tests.official.conftest import Fakes
from tests.official.test_clients import MAIJA
from tests.web.test_views import csrf

ST = Settings(subject_key="s" * 40, session_secret="t" * 40)


def test_sealed_bound_to_the_subject_and_dropped_on_sign_out() -> None:
    session: dict[str, Any] = {}
    assert personcode.keep(session, ST, "subj-a", MAIJA.lower())
    assert MAIJA not in str(session) and personcode.take(session, ST, "subj-a") == MAIJA
    assert personcode.take(session, ST, "subj-b") is None  # sealed to its subject
    sign_in(session, Principal(subject="subj-a", kind="person"))
    sign_out(session)
    assert personcode.take(session, ST, "subj-a") is None


def test_malformed_claims_are_not_kept() -> None:
    for bad in (None, 12, "", "x" * 500, "120485-900X; DROP", ["120485-900X"]):
        session: dict[str, Any] = {}
        assert not personcode.keep(session, ST, "subj", bad)
        assert session == {}


def test_the_code_is_in_no_table_after_login_and_fill(client: TestClient, off_runtime: Runtime,
                                                      fakes: Fakes) -> None:
    provider_login(client, "/login?next=/profile/official", "maija")
    page = client.get("/profile/official").text
    r = client.post("/profile/official/population/fill", data={"csrf_token": csrf(page), "consent": "yes"})
    assert r.status_code == 303 and fakes.population.calls == 1
    needles = (MAIJA, MAIJA.replace("-", ""), "1985-04-12")  # nor the birth date: only the age is kept
    with off_runtime.db.session() as s:
        for table in Base.metadata.sorted_tables:
            for row in s.execute(select(table)):
                text = " ".join(str(v) for v in row)
                assert not any(n in text for n in needles), table.name
