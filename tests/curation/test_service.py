"""Curation use cases on SQLite and PostgreSQL: who may curate what where, validation at the edge, the
audit trail (old -> new), expiry (stops applying at once; the job archives) and the effect on the shared
recommend and search use cases (every front door)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from auroranet.curation import service as cur
from auroranet.curation.models import Curation, CurationAudit
from auroranet.db.core import utcnow
from auroranet.engine.contract import RecommendQuery, SearchQuery, ServiceFilters
from auroranet.errors import InputError, NotFoundError
from auroranet.identity.principal import Principal, Role
from auroranet.jobs.runner import JobRunner
from auroranet.jobs.schedule import default_jobs
from auroranet.runtime import Runtime
from auroranet.search.explain_text import render_explanation
from auroranet.usecases import recommend as uc
from auroranet.usecases.caller import WEB
from tests.curation.conftest import (HELSINKI, HELSINKI_ORG, HELSINKI_SERVICE, HOBBIES_ORG, HOBBIES_TAMPERE,
                                     NATIONAL_SERVICE, TAMPERE)

PROVIDER = Principal("p-hobbies", "staff", roles=(Role("provider_staff", f"organisation:{HOBBIES_ORG}"),))
PIRKANMAA = Principal("a-08", "staff", roles=(Role("analyst", "county:08"),))
HELSINKI_ANALYST = Principal("a-90", "staff", roles=(Role("analyst", "county:90"),))
PERSON = Principal("person", "person", roles=(Role("admin", "national"),))  # a person never curates
MEETERS = {"housing": 2.0, "health": 9.0, "finance": 8.0, "friends": 9.0}


def draft(**kw: object) -> cur.Draft:
    base = dict(action="pin", service_id=HOBBIES_TAMPERE, target_kind="need", target="housing",
                area=f"municipality:{TAMPERE}", reason="Uusi palvelu, jota ei vielä löydetä",
                expires=utcnow().date() + timedelta(days=30))
    base.update(kw)
    return cur.Draft(**base)  # type: ignore[arg-type]


def _recommend(rt: Runtime, municipality: str, meters: dict[str, float] = MEETERS) -> uc.Answer:
    q = RecommendQuery(meters=meters, municipality_code=municipality, lang="fi", limit=5)
    return uc.recommend(rt, q, caller=WEB, path="/test")


def test_pin_applies_for_that_need_in_that_area_only(rt: Runtime) -> None:
    cid = cur.add(rt, PROVIDER, draft())
    answer = _recommend(rt, TAMPERE)
    assert answer.hits[0].service_id == HOBBIES_TAMPERE
    lines = render_explanation(answer.hits[0].explanation, "en")
    assert any(line.startswith("Recommended by ") for line in lines), lines
    assert any(line.startswith("Suosittelija: ") for line in render_explanation(answer.hits[0].explanation, "fi"))
    assert any(line.startswith("Rekommenderas av ") for line in render_explanation(answer.hits[0].explanation, "sv"))
    assert HOBBIES_TAMPERE not in [h.service_id for h in _recommend(rt, HELSINKI).hits][:1]  # another area
    other_need = _recommend(rt, TAMPERE, {"housing": 9.0, "health": 2.0})
    assert all(not h.explanation.curated_by for h in other_need.hits)  # another need
    with rt.db.session() as s:
        audit = s.scalars(select(CurationAudit).where(CurationAudit.curation_id == cid)).all()
    assert [(a.change, a.actor, a.old) for a in audit] == [("create", "p-hobbies", None)]
    assert audit[0].new is not None and audit[0].new["action"] == "pin" and audit[0].new["area"] == "municipality:837"


def test_hide_removes_only_for_that_need_and_area(rt: Runtime) -> None:
    other_need = {"housing": 9.0, "health": 2.0}
    before = [h.service_id for h in _recommend(rt, TAMPERE).hits]
    helsinki = [h.service_id for h in _recommend(rt, HELSINKI).hits]
    health = [h.service_id for h in _recommend(rt, TAMPERE, other_need).hits]
    victim = next(sid for sid in before if sid in helsinki or sid in health)  # shown elsewhere too
    cur.add(rt, Principal("adm", "staff", roles=(Role("admin", "national"),)),
            draft(action="hide", service_id=victim, area="county:08"))
    assert victim not in [h.service_id for h in _recommend(rt, TAMPERE).hits]
    assert [h.service_id for h in _recommend(rt, HELSINKI).hits] == helsinki  # another area: unchanged
    assert [h.service_id for h in _recommend(rt, TAMPERE, other_need).hits] == health  # another need: unchanged


def test_life_event_curation_applies_in_search(rt: Runtime) -> None:
    cur.add(rt, PIRKANMAA, draft(target_kind="life_event", target="moving_to_study", service_id=NATIONAL_SERVICE,
                                 area="county:08"))
    event = rt.life_events["moving_to_study"]
    text = event.search_phrases[0]
    q = SearchQuery(text=text, filters=ServiceFilters(municipality_codes=(TAMPERE,)), lang="en", limit=5)
    answer = uc.search(rt, q, caller=WEB, path="/test")
    assert answer.hits[0].service_id == NATIONAL_SERVICE
    assert "Recommended by Pirkanma" in " ".join(render_explanation(answer.hits[0].explanation, "en"))
    elsewhere = uc.search(rt, SearchQuery(text=text, filters=ServiceFilters(municipality_codes=(HELSINKI,)),
                                          lang="en", limit=5), caller=WEB, path="/test")
    assert not any(h.explanation.curated_by for h in elsewhere.hits)


@pytest.mark.parametrize("who, d, error", [
    (PROVIDER, dict(service_id=HELSINKI_SERVICE, area=f"municipality:{HELSINKI}"), PermissionError),  # not theirs
    (PROVIDER, dict(area=f"municipality:{HELSINKI}"), PermissionError),  # theirs, but not offered there
    (PIRKANMAA, dict(service_id=HELSINKI_SERVICE, area=f"municipality:{HELSINKI}"), PermissionError),  # other area
    (PIRKANMAA, dict(area="county:90"), PermissionError),
    (PIRKANMAA, dict(area="national"), PermissionError),
    (HELSINKI_ANALYST, dict(), PermissionError),  # Tampere is not in county 90
    (PERSON, dict(), PermissionError),
    (PIRKANMAA, dict(service_id="00000000-0000-0000-0000-000000000000"), NotFoundError),  # forged id
    (PIRKANMAA, dict(service_id="x" * 5000), NotFoundError),
    (PIRKANMAA, dict(reason="x" * 501), InputError),
    (PIRKANMAA, dict(reason=" \x00\n "), InputError),
    (PIRKANMAA, dict(expires=date(2000, 1, 1)), InputError),
    (PIRKANMAA, dict(expires=utcnow().date() + timedelta(days=400)), InputError),
    (PIRKANMAA, dict(action="delete"), InputError),
    (PIRKANMAA, dict(target="nonsense"), InputError),
    (PIRKANMAA, dict(target_kind="life_event", target="nonsense"), InputError),
    (PIRKANMAA, dict(area="municipality:999"), InputError),
    (PIRKANMAA, dict(action="pin", service_id=HELSINKI_SERVICE), InputError),  # not offered in Tampere
])
def test_refused(rt: Runtime, who: Principal, d: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        cur.add(rt, who, draft(**d))
    with rt.db.session() as s:
        assert s.scalars(select(Curation)).first() is None
        assert s.scalars(select(CurationAudit)).first() is None


def test_analyst_in_their_county_and_replacement_is_audited(rt: Runtime) -> None:
    first = cur.add(rt, PIRKANMAA, draft())
    assert cur.add(rt, PIRKANMAA, draft()) == first  # the same form twice: one curation
    second = cur.add(rt, PIRKANMAA, draft(action="boost", reason="Nostetaan vain"))
    assert second != first
    with rt.db.session() as s:
        rows = {c.id: c for c in s.scalars(select(Curation))}
        changes = [(a.curation_id, a.change, (a.old or {}).get("action"), (a.new or {}).get("action"))
                   for a in s.scalars(select(CurationAudit).order_by(CurationAudit.id))]
    assert rows[first].ended_at is not None and rows[second].ended_at is None
    assert rows[second].by_names["fi"] == "Pirkanmaan hyvinvointialue"  # the analyst's own area
    assert changes == [(first, "create", None, "pin"), (first, "end", "pin", None), (second, "replace", "pin", "boost")]
    with pytest.raises(NotFoundError):
        cur.end(rt, HELSINKI_ANALYST, second)  # another area's curation: not even seen
    with pytest.raises(NotFoundError):
        cur.end(rt, PROVIDER, second)  # made by an analyst, not by the organisation
    assert [c.id for c in cur.visible(rt, HELSINKI_ANALYST)] == []
    cur.end(rt, PIRKANMAA, second)
    assert cur.visible(rt, PIRKANMAA) == []


def test_expired_curations_stop_applying_and_the_job_archives_them(rt: Runtime) -> None:
    past = utcnow() - timedelta(days=10)
    cid = cur.add(rt, PROVIDER, draft(expires=past.date() + timedelta(days=2)), now=past)
    assert all(not h.explanation.curated_by for h in _recommend(rt, TAMPERE).hits)  # expired: not applied
    assert cur.visible(rt, PROVIDER) == []
    runner = JobRunner(rt.db, default_jobs(rt))
    run = runner.run_now("curation_expiry")
    assert run.counts == {"archived": 1}
    assert runner.run_now("curation_expiry").counts == {"archived": 0}
    with rt.db.session() as s:
        row = s.get(Curation, cid)
        assert row is not None and row.ended_by == "expiry"
        last = s.scalars(select(CurationAudit).where(CurationAudit.curation_id == cid)
                         .order_by(CurationAudit.id.desc())).first()
        assert last is not None and last.change == "expire" and last.actor == "job:curation_expiry"


def test_demo_curation_shows_the_network_as_recommender(rt: Runtime) -> None:
    from auroranet.usecases.demo import DEMO_CURATED, seed_curation

    assert seed_curation(rt).startswith("pin #")
    answer = _recommend(rt, HELSINKI)
    assert answer.hits[0].service_id == DEMO_CURATED
    assert "Recommended by the AuroraAI network" in render_explanation(answer.hits[0].explanation, "en")


def test_another_process_change_shows_after_the_refresh(rt: Runtime) -> None:
    from auroranet.curation.store import invalidate

    assert all(not h.explanation.curated_by for h in _recommend(rt, TAMPERE).hits)  # cache loaded: empty
    with rt.writes, rt.db.session() as s:  # what another worker process would write
        s.add(Curation(action="pin", service_id=HOBBIES_TAMPERE, target_kind="need", target="housing",
                       area=f"municipality:{TAMPERE}", by_scope="county:08", by_names={"fi": "Toinen"},
                       reason="r", created_by="x", expires_at=utcnow() + timedelta(days=1)))
    assert all(not h.explanation.curated_by for h in _recommend(rt, TAMPERE).hits)  # within the window: not yet
    invalidate(rt.db)  # the window has passed
    top = _recommend(rt, TAMPERE).hits[0]
    assert top.service_id == HOBBIES_TAMPERE and top.explanation.curated_by == [{"fi": "Toinen"}]
