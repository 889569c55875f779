"""Contributions, releases and the privacy budget on SQLite and PostgreSQL: a repeated query costs nothing
and returns the same noise, new data spends ε only while the budget lasts, then the old release is stale."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from auroranet.catalogue.reference import packaged
from auroranet.db.core import Database
from auroranet.db.writelock import WriteLock
from auroranet.insights import budget, picture
from auroranet.insights.demo import seed_demo
from auroranet.insights.models import Contribution, PrivacyBudget
from auroranet.insights.service import _basis, contribute, period_rows, remove_demo
from auroranet.lifeevents.model import builtin_life_events

DAY = date(2026, 11, 15)
SHIPPED = builtin_life_events()


def _release(db: Database, writes: WriteLock, scope: str) -> budget.Release | None:
    ref = packaged()
    with writes, db.session() as s:
        rows = period_rows(s, "2026-11")
        return budget.release(s, area=scope, period="2026-11", basis=_basis(rows, {}), epsilon=4.0, budget=8.0,
                              make=lambda: picture.figures(rows, ref, scope, 4.0))


def test_budget_is_never_exceeded(db: Database) -> None:
    writes = WriteLock(db)
    seed_demo(db, writes, life_events=SHIPPED, people=300, today=date(2026, 12, 3))  # half of it in November
    first = _release(db, writes, "municipality:091")
    assert first is not None and not first.stale and first.spent == 4.0
    assert _release(db, writes, "municipality:091") == first  # asked again: same figures, nothing spent
    for i in range(5):  # each new contribution changes the data; only one more release fits in 8.0
        assert contribute(db, writes, answers={"health": i}, age_band="30-44", municipality="091", life_event=None,
                          lang="fi", life_events=SHIPPED, day=DAY)
        rel = _release(db, writes, "municipality:091")
        assert rel is not None
    assert rel.stale and rel.spent == 8.0
    with db.session() as s:
        ledger = s.get(PrivacyBudget, ("municipality:091", "2026-11"))
        assert ledger is not None and ledger.spent == 8.0 and ledger.releases == 2
    writes.close()


def test_contributions_keep_only_the_day_and_demo_rows_can_be_removed(db: Database) -> None:
    writes = WriteLock(db)
    assert not contribute(db, writes, answers={"nope": 3}, age_band=None, municipality=None, life_event=None, lang="fi",
                          life_events=SHIPPED)
    assert contribute(db, writes, answers={"housing": 2, "health": 99}, age_band="old", municipality="x" * 50,
                      life_event="unknown", lang="de", life_events=SHIPPED, day=DAY)
    seed_demo(db, writes, life_events=SHIPPED, people=20, today=DAY)
    with db.session() as s:
        real = s.scalars(select(Contribution).where(Contribution.demo.is_(False))).one()
        assert real.answers == {"housing": 2} and real.age_band is None and real.municipality_code is None
        assert real.life_event is None and real.lang == "fi" and real.day == DAY and len(real.id) == 32
    assert remove_demo(db, writes) == 20
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Contribution)) == 1
    writes.close()
