"""Reference groups: the services that helped each group (k per service), the similar-people signal in the
shared recommend use case (an explanation line, never a person), the groups on /insights/; and the
retention job for anonymous contributions (released figures stay)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from auroranet.app import create_app
from auroranet.db.core import utcnow
from auroranet.engine.contract import RecommendQuery
from auroranet.identity.principal import Principal, Role
from auroranet.insights.helped import nearest, with_helped
from auroranet.insights.models import Contribution, InsightRelease
from auroranet.insights.retention import cutoff, purge_contributions
from auroranet.jobs.runner import JobRunner
from auroranet.jobs.schedule import default_jobs
from auroranet.runtime import Runtime
from auroranet.search.explain_text import render_explanation
from auroranet.usage.models import Recommendation, RecommendationNeed, Redirect
from auroranet.usecases import recommend as uc
from auroranet.usecases.caller import WEB
from tests.curation.conftest import HOBBIES_TAMPERE, NATIONAL_SERVICE
from tests.signin import sign_in_client

HOUSING = {"size": {"value": 40}, "means": {"housing": {"value": 2.5}, "health": {"value": 8.0}}}
HEALTH = {"size": {"value": 30}, "means": {"housing": {"value": 8.5}, "health": {"value": 3.0}}}


def _usage(rt: Runtime, meters: list[str], service: str, n: int) -> None:
    with rt.writes, rt.db.session() as s:
        for _ in range(n):
            rec = Recommendation(request_path="/t", kind="recommend", created_at=utcnow() - timedelta(days=1))
            s.add(rec)
            s.flush()
            for m in meters:
                s.add(RecommendationNeed(recommendation_id=rec.id, meter=m, weight=0.6))
            s.add(Redirect(recommendation_id=rec.id, service_id=service, channel_id="c", link_id=0))


def test_services_that_helped_need_k_recommendations(rt: Runtime) -> None:
    _usage(rt, ["housing"], HOBBIES_TAMPERE, 10)
    _usage(rt, ["health"], NATIONAL_SERVICE, 9)  # under k: never named
    today = utcnow().date()
    with rt.db.session() as s:
        groups = with_helped(s, (today - timedelta(days=5), today + timedelta(days=1)), [HOUSING, HEALTH])
    assert groups[0]["needs"] == ["housing"] and groups[0]["helped"] == [{"service_id": HOBBIES_TAMPERE, "people": 10}]
    assert groups[1]["needs"] == ["health"] and groups[1]["helped"] == []
    assert nearest(groups, {"housing": 1.0, "health": 9.0}) is groups[0]
    assert nearest(groups, {"housing": 9.0, "health": 9.0}) is None  # no needs: no group


def test_similar_people_signal_in_recommendations_and_dashboard(rt: Runtime) -> None:
    meters = {"housing": 2.0, "health": 9.0}
    q = RecommendQuery(meters=meters, municipality_code="837", lang="en", limit=5)
    plain = uc.recommend(rt, q, caller=WEB, path="/t")
    assert not any(h.explanation.similar_people for h in plain.hits)
    helped = plain.hits[-1].service_id
    folder = rt.settings.data_dir / "insights"
    folder.mkdir(parents=True)
    group = {**HOUSING, "needs": ["housing"], "helped": [{"service_id": helped, "people": 10}]}
    small = {"size": {"value": 4}, "means": {}, "needs": ["health"], "helped": []}
    (folder / "reference-groups-2026-11.json").write_text(json.dumps({"groups": [group, small]}))
    rt.groups().invalidate()  # written by "another process": seen within the refresh interval, here at once
    answer = uc.recommend(rt, q, caller=WEB, path="/t")
    marked = [h for h in answer.hits if h.explanation.similar_people]
    assert [h.service_id for h in marked] == [helped]
    assert "People in a similar situation found this useful" in render_explanation(marked[0].explanation, "en")
    assert [h.service_id for h in answer.hits].index(helped) <= [h.service_id for h in plain.hits].index(helped)
    with TestClient(create_app(runtime=rt), follow_redirects=False) as c:
        sign_in_client(c, rt, Principal("a", "staff", roles=(Role("analyst", "national"),)))
        page = c.get("/insights/?area=national&lang=en")
        assert page.status_code == 200
        table = page.text[page.text.index('id="ins-groups"'):]
        table = table[:table.index("</table>")]
        assert table.count('<th scope="row">') == 1  # the group of 4 is not shown
        assert "Group 1" in table and "housing" in table.lower()


def test_contribution_retention_job(rt: Runtime) -> None:
    assert cutoff(date(2026, 3, 31), 1) == date(2026, 2, 28) and cutoff(date(2026, 12, 1), 24) == date(2024, 12, 1)
    today = utcnow().date()
    with rt.writes, rt.db.session() as s:
        s.add(Contribution(id="old", day=today - timedelta(days=800), answers={"housing": 2}))
        s.add(Contribution(id="new", day=today - timedelta(days=30), answers={"housing": 2}))
        s.add(InsightRelease(area="national", period="2024-01", basis="x", figures={}, epsilon=1.0))
    run = JobRunner(rt.db, default_jobs(rt)).run_now("contribution_retention")
    assert run.counts == {"deleted": 1}
    with rt.db.session() as s:
        assert list(s.scalars(select(Contribution.id))) == ["new"]
        assert s.scalar(select(func.count()).select_from(InsightRelease)) == 1  # aggregates outlive it
    assert purge_contributions(rt.db, rt.writes, months=2, today=today) == 0  # "new" is 30 days old: kept
