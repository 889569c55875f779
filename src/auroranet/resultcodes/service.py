"""Create, open, erase and expire results codes.

A code is 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 40 bits: guessing one
of even a million live codes takes ~800,000 tries, and lookups are rate-limited per address. Storage keeps
only HMAC-SHA256(session secret, code) and the query sealed with AES-GCM under a key derived from the
code: the minimal query (questionnaire, answers, municipality, age band, life event, language), never who
asked. Codes expire after 30 days (the ``result_code_retention`` job deletes them) or when erased.

    code = create(rt, SavedQuery(qid="3x10d", answers={"health": 3}, lang="fi"))   # "K7QX-M2PT"
    saved = open_code(rt, "k7qx m2pt")     # the same query, or None (unknown, expired, forged)
    erase(rt, code)                        # True when a live code was deleted
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from auroranet.db.core import Database, as_utc, utcnow
from auroranet.db.writelock import WriteLock
from auroranet.resultcodes.models import ResultCodeRow
from auroranet.runtime import Runtime
from auroranet.vocab import AGE_BANDS, age_band
from auroranet.web.session import seal, unseal

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LEN = 8
RETENTION_DAYS = 30
MAX_INPUT_CHARS = 40
MAX_ANSWERS = 50
LOOKUPS_PER_MINUTE = 10  # per client address (web/…/views.py)
_SEPARATORS = re.compile(r"[\s\-–.]+")


@dataclass(frozen=True)
class SavedQuery:
    qid: str
    answers: dict[str, int] = field(default_factory=dict)
    municipality: str | None = None
    age_band: str | None = None
    life_event: str | None = None
    lang: str = "fi"

    @classmethod
    def of(cls, qid: str, answers: dict[str, int], bg: dict[str, Any], lang: str) -> SavedQuery:
        age = bg.get("age")
        return cls(qid=qid, answers=dict(answers), municipality=bg.get("mun") or None,
                   age_band=age_band(age) if isinstance(age, int) else None, life_event=bg.get("event") or None,
                   lang=lang)

    def background(self) -> dict[str, Any]:
        """The background answers the results page reads; the age band stands for one age in it (the
        band's top, 65 for 65+), so a service whose age limit falls inside a band may come out differently."""
        bg: dict[str, Any] = {}
        if self.municipality:
            bg["mun"] = self.municipality
        band = next(((lo, hi) for name, lo, hi in AGE_BANDS if name == self.age_band), None)
        if band is not None:
            bg["age"] = band[1] if band[1] < 200 else band[0]
        if self.life_event:
            bg["event"] = self.life_event
        return bg


def normalise(text: str) -> str | None:
    """A typed code in canonical form ("k7qx m2pt" → "K7QXM2PT"), or None when it cannot be a code."""
    if not text or len(text) > MAX_INPUT_CHARS:
        return None
    code = _SEPARATORS.sub("", text).upper()
    return code if len(code) == CODE_LEN and all(c in ALPHABET for c in code) else None


def shown(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def _hash(rt: Runtime, code: str) -> str:
    return hmac.new(rt.session_secret().encode(), f"result-code\0{code}".encode(), hashlib.sha256).hexdigest()


def create(rt: Runtime, query: SavedQuery) -> str:
    """A new code for ``query`` (shown form, "ABCD-EFGH")."""
    for _ in range(5):
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LEN))
        payload = seal(asdict(query), rt.session_secret(), "result-code\0" + code)
        try:
            with rt.writes, rt.db.session() as s:
                s.add(ResultCodeRow(code_hash=_hash(rt, code), payload=payload,
                                    expires_at=utcnow() + timedelta(days=RETENTION_DAYS)))
            return shown(code)
        except IntegrityError:  # the same code drawn twice (about one in 10^12): draw again
            continue
    raise RuntimeError("could not draw a free results code")


def _query(data: dict[str, Any]) -> SavedQuery | None:
    answers = data.get("answers")
    if not isinstance(data.get("qid"), str) or not isinstance(answers, dict) or len(answers) > MAX_ANSWERS:
        return None
    if not all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in answers.items()):
        return None
    opt = {k: data.get(k) if isinstance(data.get(k), str) else None for k in ("municipality", "age_band", "life_event")}
    lang = data.get("lang") if isinstance(data.get("lang"), str) else "fi"
    return SavedQuery(qid=data["qid"], answers=answers, lang=str(lang), **opt)


def open_code(rt: Runtime, text: str) -> SavedQuery | None:
    """The saved query of a live code, or None (malformed, unknown, expired or not sealed under it)."""
    code = normalise(text)
    if code is None:
        return None
    with rt.db.session() as s:
        row = s.get(ResultCodeRow, _hash(rt, code))
        if row is None or (as_utc(row.expires_at) or utcnow()) <= utcnow():
            return None
        payload = row.payload
    data = unseal(payload, rt.session_secret(), "result-code\0" + code)
    return _query(data) if data is not None else None


def erase(rt: Runtime, text: str) -> bool:
    code = normalise(text)
    if code is None:
        return False
    with rt.writes, rt.db.session() as s:
        res = s.execute(delete(ResultCodeRow).where(ResultCodeRow.code_hash == _hash(rt, code)))
        return bool(res.rowcount)  # type: ignore[attr-defined]


def purge_expired(db: Database, writes: WriteLock) -> int:
    """Delete codes past their 30 days (the ``result_code_retention`` job)."""
    with writes, db.session() as s:
        res = s.execute(delete(ResultCodeRow).where(ResultCodeRow.expires_at <= utcnow()))
        return int(res.rowcount or 0)  # type: ignore[attr-defined]
