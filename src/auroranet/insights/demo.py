"""Clearly marked demo contributions (``demo = true``), so a fresh instance's situational picture shows
something. Deterministic (seeded), spread over a few municipalities of two wellbeing services counties,
the current and the previous month. ``remove_demo`` deletes exactly these rows."""

from __future__ import annotations

import random
import secrets
from datetime import date, timedelta
from typing import Collection

from sqlalchemy import insert

from auroranet.db.core import Database, utcnow
from auroranet.db.writelock import WriteLock
from auroranet.insights.models import Contribution
from auroranet.vocab import AGE_BANDS, METER_KEYS

# municipality -> (weight, how much lower housing and finance tend to be there)
DEMO_MUNICIPALITIES = {"091": (6, 1.5), "049": (3, 0.5), "092": (3, 1.0), "837": (4, 1.0), "564": (3, 2.0)}


def seed_demo(db: Database, writes: WriteLock, *, life_events: Collection[str], people: int = 1200, seed: int = 15,
              today: date | None = None) -> int:
    rng = random.Random(seed)
    today = today or utcnow().date()
    first = today.replace(day=1)
    prev_first = (first - timedelta(days=1)).replace(day=1)
    codes = list(DEMO_MUNICIPALITIES)
    weights = [DEMO_MUNICIPALITIES[c][0] for c in codes]
    bands = [b for b, _, _ in AGE_BANDS]
    rows = []
    for i in range(people):
        muni = rng.choices(codes, weights)[0]
        lower = DEMO_MUNICIPALITIES[muni][1]
        month = first if i % 2 else prev_first
        last = today if month == first else first - timedelta(days=1)
        day = month + timedelta(days=rng.randrange(max(1, (last - month).days + 1)))
        answers = {}
        for m in METER_KEYS:
            base = rng.gauss(6.8, 2.2) - (lower if m in ("housing", "finance") else 0.0)
            if month == first and m == "housing":
                base -= 0.6  # the picture has a change to show
            answers[m] = max(0, min(10, round(base)))
        rows.append({"id": secrets.token_hex(16), "day": day, "answers": answers,
                     "age_band": rng.choices(bands, [1, 2, 5, 4, 6, 6, 3])[0] if rng.random() > 0.05 else None,
                     "municipality_code": muni, "life_event": rng.choice([None, *life_events]),
                     "lang": rng.choices(["fi", "sv", "en"], [80, 12, 8])[0], "demo": True})
    with writes, db.session() as s:
        s.execute(insert(Contribution), rows)
    return len(rows)
