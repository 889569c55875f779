"""Official values on SQLite and PostgreSQL (the ``db`` fixture runs each test on both): filled only under
a consent record written through consent.service, encrypted at rest, in force only while the consent
stands, correct/remove, withdrawal (here and on /consents) deletes them, export and erasure, the lapsed job,
and a failed lookup writes nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import func, select

from auroranet.config import Settings
from auroranet.consent import service as consent
from auroranet.consent.models import ConsentNotice, ConsentRecord
from auroranet.consent.receipts import LEGAL_BASIS, SELF_RECIPIENT, receipt
from auroranet.db.core import Database, as_utc, utcnow
from auroranet.official import flows, store
from auroranet.official.models import OfficialValue
from auroranet.official.sources import SourceError
from auroranet.official.uses import USES
from auroranet.profile import service as profile
from auroranet.runtime import Runtime
from tests.official.conftest import Fakes, official_settings
from tests.official.test_clients import MAIJA, MATTI

SUBJECT = "b" * 64
OTHER = "c" * 64


@pytest.fixture
def rt(db: Database, tmp_path: Path, fakes: Fakes) -> Iterator[Runtime]:
    st = Settings(data_dir=tmp_path / "data", embedder="hashing", analyzer="simple", session_secret="q" * 40,
                  subject_key="k" * 40, jobs_enabled=False, **official_settings(fakes))  # type: ignore[arg-type]
    runtime = Runtime.create(st, db=db)
    yield runtime
    runtime.close()


def _count(rt: Runtime, model: type) -> int:
    with rt.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_fill_writes_one_consent_record_and_encrypted_values(rt: Runtime, fakes: Fakes) -> None:
    assert flows.prefill(rt, SUBJECT).age is None
    values = flows.fill(rt, SUBJECT, "population", MAIJA)
    assert values["municipality_code"] == "091" and isinstance(values["age"], int) and values["age"] >= 41
    with rt.db.session() as s:
        [rec] = consent.for_subject(s, SUBJECT)
        r = receipt(rec)
        assert r["recipient"] == {"id": SELF_RECIPIENT, "name": rec.recipient_name}
        assert r["purpose"] == USES["population"].purpose and r["legal_basis"] == LEGAL_BASIS
        assert r["data_categories"] == ["official:population:age", "official:population:municipality_code"]
        assert as_utc(rec.expires_at) > utcnow() + timedelta(days=300)  # type: ignore[operator]
        rows = list(s.scalars(select(OfficialValue).where(OfficialValue.subject == SUBJECT)))
        assert {r.field for r in rows} == {"age", "municipality_code"}
        assert all("091" not in r.payload and r.consent_id == rec.id for r in rows)  # encrypted at rest
    pre = flows.prefill(rt, SUBJECT)
    assert pre.age is not None and pre.age.value == values["age"] and pre.municipality is not None
    assert pre.municipality.value == "091" and pre.age.source == "population"
    flows.fill(rt, SUBJECT, "population", MAIJA)  # refreshing reuses the standing consent
    with rt.db.session() as s:
        assert len(consent.for_subject(s, SUBJECT)) == 1
    assert flows.prefill(rt, OTHER).age is None  # another person's values are not theirs


def test_a_failed_lookup_writes_nothing(rt: Runtime, fakes: Fakes) -> None:
    for mode, kind in (("down", "unavailable"), ("malformed", "malformed")):
        fakes.population.mode = mode
        with pytest.raises(SourceError) as err:
            flows.fill(rt, SUBJECT, "population", MAIJA)
        assert err.value.kind == kind
    fakes.population.mode = "ok"
    with pytest.raises(SourceError):
        flows.fill(rt, SUBJECT, "population", "010101-123N")
    assert _count(rt, ConsentRecord) == 0 and _count(rt, OfficialValue) == 0


def test_correct_and_remove(rt: Runtime, fakes: Fakes) -> None:
    flows.fill(rt, SUBJECT, "population", MAIJA)
    assert flows.correct(rt, SUBJECT, "age", 39)
    held = flows.overview(rt, SUBJECT).held
    assert held["age"].value == 39 and held["age"].corrected_at is not None
    assert held["municipality_code"].corrected_at is None
    assert flows.remove(rt, SUBJECT, "municipality_code")
    assert flows.prefill(rt, SUBJECT).municipality is None and flows.prefill(rt, SUBJECT).age is not None
    assert not flows.remove(rt, SUBJECT, "municipality_code")
    assert not flows.correct(rt, OTHER, "age", 20)  # nothing of theirs to correct
    assert not flows.correct(rt, SUBJECT, "no_such_field", 1)


def test_withdraw_deletes_the_values_and_tells_no_webhook(rt: Runtime, fakes: Fakes) -> None:
    flows.fill(rt, SUBJECT, "population", MAIJA)
    flows.fill(rt, SUBJECT, "studies", MATTI)
    assert flows.prefill(rt, SUBJECT).student
    assert flows.prefill(rt, SUBJECT).cue("fi")
    assert flows.withdraw(rt, SUBJECT, "population")
    pre = flows.prefill(rt, SUBJECT)
    assert pre.age is None and pre.municipality is None and pre.student  # studies consent untouched
    with rt.db.session() as s:
        assert {r.field for r in s.scalars(select(OfficialValue))} == {"study_right", "study_level",
                                                                       "institution_type"}
        assert sorted(r.status for r in consent.for_subject(s, SUBJECT)) == ["active", "withdrawn"]
    assert _count(rt, ConsentNotice) == 0
    assert not flows.withdraw(rt, SUBJECT, "population")


def test_withdrawing_on_the_consents_page_deletes_the_values(rt: Runtime, fakes: Fakes) -> None:
    flows.fill(rt, SUBJECT, "studies", MATTI)
    with rt.writes, rt.db.session() as s:
        [rec] = consent.for_subject(s, SUBJECT)
        assert consent.withdraw(s, subject=SUBJECT, receipt_id=rec.id, owners=rt.consent_owners)
    assert _count(rt, OfficialValue) == 0 and not flows.prefill(rt, SUBJECT).student
    assert flows.prefill(rt, SUBJECT).cue("en") is None


def test_an_expired_consent_stops_use_and_the_job_deletes(rt: Runtime, fakes: Fakes) -> None:
    flows.fill(rt, SUBJECT, "population", MAIJA)
    with rt.writes, rt.db.session() as s:
        for rec in consent.for_subject(s, SUBJECT):
            rec.expires_at = utcnow() - timedelta(minutes=1)
    assert flows.prefill(rt, SUBJECT).age is None  # not used once expired, even before the job
    assert _count(rt, OfficialValue) == 2
    with rt.writes, rt.db.session() as s:
        assert store.purge_lapsed(s) == 2
    assert _count(rt, OfficialValue) == 0


def test_export_and_erase_include_the_values(rt: Runtime, fakes: Fakes) -> None:
    flows.fill(rt, SUBJECT, "population", MAIJA)
    flows.correct(rt, SUBJECT, "age", 30)
    with rt.writes, rt.db.session() as s:
        data = profile.export(s, rt.settings, SUBJECT)
    got = {v["field"]: v for v in data["official_values"]}
    assert got["municipality_code"]["value"] == "091" and got["age"]["value"] == 30
    assert got["age"]["corrected_at"] and got["age"]["source"] == "population"
    assert any(c["data_categories"][0].startswith("official:") for c in data["consents"])
    with rt.writes, rt.db.session() as s:
        counts = profile.erase(s, SUBJECT, owners=rt.consent_owners)
    assert counts["official_values"] == 2
    assert _count(rt, OfficialValue) == 0
    with rt.db.session() as s:
        assert all(r.subject is None for r in s.scalars(select(ConsentRecord)))  # receipts anonymised


def test_parse_value_checks_corrections() -> None:
    assert flows.parse_value("age", " 42 ") == 42
    assert flows.parse_value("study_right", "no") is False
    assert flows.parse_value("study_level", "vocational") == "vocational"
    assert flows.parse_value("municipality_code", "Helsinki", municipality="091") == "091"
    from auroranet.errors import InputError

    for field, raw in (("age", "121"), ("age", "-1"), ("age", "x" * 500), ("study_right", "maybe"),
                       ("study_level", "phd"), ("institution_type", "<script>"), ("municipality_code", "Atlantis")):
        with pytest.raises(InputError):
            flows.parse_value(field, raw)
