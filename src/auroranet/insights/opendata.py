"""The monthly open-data release of the protected aggregates: for the country and every wellbeing
services county, the same frozen releases the dashboard shows (k = 10, complementary suppression,
differential privacy; publishing spends no more ε than the dashboard would), as JSON and CSV files with
stable names under ``<data dir>/open-data`` served at ``/open-data/insights/<YYYY-MM>.json|csv`` and
``latest.json|csv``. Publishing a month again rewrites the same files (idempotent).
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from auroranet.db.core import utcnow
from auroranet.insights import areas
from auroranet.insights.service import period_of, released, valid_period
from auroranet.runtime import Runtime
from auroranet.vocab import METER_KEYS

FOLDER = "open-data"
COLUMNS = ("area", "area_name_fi", "period", "meter", "below_threshold", "low_95", "high_95", "mean")


def folder(rt: Runtime) -> Path:
    return rt.settings.data_dir / FOLDER


def previous_month(today: date | None = None) -> str:
    first = (today or utcnow().date()).replace(day=1)
    return period_of(first - timedelta(days=1))


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def publish(rt: Runtime, period: str) -> dict[str, int]:
    """Write the month's files; returns counts for the job log."""
    if not valid_period(period):
        raise ValueError(f"not a period: {period!r}")
    ref = rt.catalogue().reference
    scopes = [areas.NATIONAL, *(a.scope for a in areas.all_counties(ref))]
    rows: list[dict[str, Any]] = []
    stale = 0
    for scope in scopes:
        rel = released(rt, scope, period)
        if rel is None:
            continue
        stale += int(rel.stale)
        info = areas.parse(ref, scope)
        for meter in METER_KEYS:
            m = rel.figures["meters"][meter]
            rows.append({"area": scope, "area_name_fi": info.name("fi") if info else scope, "period": period,
                         "meter": meter, "below_threshold": m["below"]["value"], "low_95": m["below"]["low"],
                         "high_95": m["below"]["high"], "mean": m["mean"]["value"]})
    out = folder(rt)
    out.mkdir(parents=True, exist_ok=True)
    doc = {"period": period, "k": 10, "epsilon_per_release": rt.settings.insights_epsilon_per_release,
           "note": "Protected aggregates: cells under k are null; values carry differential-privacy noise.",
           "rows": rows}
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    w.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in rows)
    for name, body in ((f"{period}.json", text), (f"{period}.csv", buf.getvalue())):
        _write(out / name, body)
    latest = sorted(p.stem for p in out.glob("????-??.json"))[-1]
    for ext in ("json", "csv"):
        _write(out / f"latest.{ext}", (out / f"{latest}.{ext}").read_text(encoding="utf-8"))
    return {"areas": len(scopes), "rows": len(rows), "stale": stale}


def published_file(rt: Runtime, name: str) -> Path | None:
    """A published file by its stable name (``2026-11.json``, ``latest.csv``), or None."""
    stem, _, ext = name.rpartition(".")
    if ext not in ("json", "csv") or not (stem == "latest" or valid_period(stem)):
        return None
    path = folder(rt) / f"{stem}.{ext}"
    return path if path.is_file() else None
