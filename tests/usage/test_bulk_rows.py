"""usage/bulk.py writes exactly the rows a SQLAlchemy Core INSERT writes (the same stored values, the
same types, JSON null for no features), on SQLite and PostgreSQL, through a connection or a session."""

from __future__ import annotations

import json

import numpy as np
from sqlalchemy import Table, insert, select, text

from auroranet.db.core import Database
from auroranet.engine.contract import Explanation, Hit
from auroranet.usage import service as usage
from auroranet.usage.models import Recommendation, RecommendationNeed, RecommendationService

EVENT = usage.Shown(kind="recommend", front="api_v2", path="/v2/x", lang="sv", client_id=None,
                    calling_service="Botti", session_id="s-1", municipality_code="091", age=34,
                    life_event="moving", needs={"housing": 0.75, "health": 0.5})
HITS = [Hit("s1", 0.91, 1, need="housing",  # engine scores may be numpy scalars (json.dumps took them)
            explanation=Explanation(sources={"bm25": 1.5, "dense": np.float64(0.25)})),
        Hit("s2", 0.5, 2), Hit("s1", 0.1, 3)]  # a repeated service is shown once
TABLES: list[Table] = [Recommendation.__table__, RecommendationNeed.__table__,  # type: ignore[list-item]
                       RecommendationService.__table__]  # type: ignore[list-item]


def _core_insert(conn, rid: int, rows: usage.ShownRows) -> None:
    """The reference: what write_rows did through SQLAlchemy before."""
    conn.execute(insert(TABLES[0]), [{**rows.recommendation, "id": rid}])
    conn.execute(insert(TABLES[1]), [{"recommendation_id": rid, **n} for n in rows.needs])
    conn.execute(insert(TABLES[2]), [{"recommendation_id": rid, **r} for r in rows.services])


def _stored(db: Database, rid: int) -> list[list[dict[str, object]]]:
    out = []
    with db.engine.connect() as conn:
        for table in TABLES:
            key = table.c.id if table.name == "recommendations" else table.c.recommendation_id
            rows = conn.execute(select(table).where(key == rid)).mappings().all()
            order = sorted(rows, key=lambda r: str(r.get("service_id") or r.get("meter") or ""))
            out.append([{k: v for k, v in r.items() if k not in ("id", "recommendation_id")} for r in order])
    return out


def test_bulk_rows_equal_core_rows(db: Database) -> None:
    rows = usage.shown_rows(EVENT, HITS)
    with db.engine.begin() as conn:
        _core_insert(conn, 9001, rows)
        usage.write_rows(conn, [(9002, rows)])
    with db.session() as s:  # through a session too (record_shown's path)
        usage.write_rows(s, [(9003, rows)])
    reference = _stored(db, 9001)
    assert reference[1] and len(reference[2]) == 2 and reference[2][1]["features"] is None
    assert reference[2][0]["features"] == {"bm25": 1.5, "dense": 0.25, "need": "housing"}
    assert _stored(db, 9002) == reference and _stored(db, 9003) == reference
    if db.dialect == "sqlite":  # the stored text too: dates compare as strings in SQL (retention, aggregates)
        sql = text("SELECT r.created_at, typeof(s.features), s.features FROM recommendations r "
                   "JOIN recommendation_services s ON s.recommendation_id = r.id WHERE r.id = :id ORDER BY s.service_id")
        with db.engine.connect() as conn:
            core = conn.execute(sql, {"id": 9001}).all()
            bulk = conn.execute(sql, {"id": 9002}).all()
        assert [(c[0], c[1]) for c in core] == [(b[0], b[1]) for b in bulk]
        assert [json.loads(c[2]) for c in core] == [json.loads(b[2]) for b in bulk]
        assert bulk[1][2] == "null"  # no features: JSON null, as the JSON type stores None
