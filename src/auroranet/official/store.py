"""Reading and writing the official values (encrypted), and the rules that keep them tied to their
consent: a value is *in force* only while its consent record is active and unexpired; withdrawal and
erasure delete the rows; the ``official_lapsed`` job deletes rows whose consent lapsed.

    held = in_force(s, settings, subject)            # {field: Held}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from auroranet.config import Settings
from auroranet.consent.models import ACTIVE, ConsentRecord
from auroranet.consent.receipts import SELF_RECIPIENT
from auroranet.db.core import as_utc, utcnow
from auroranet.official.models import OfficialValue
from auroranet.official.sources import SourceName
from auroranet.official.uses import USES
from auroranet.profile.sealing import seal, unseal


Value = int | str | bool | None


def _utc(value: datetime) -> datetime:
    return as_utc(value) or value


@dataclass(frozen=True)
class Held:
    field: str
    source: str
    value: Value
    fetched_at: datetime
    corrected_at: datetime | None
    consent_id: str


def consent_for(s: Session, subject: str, source: SourceName) -> ConsentRecord | None:
    """The subject's standing consent for this source's use (active, not expired), if any."""
    use, now = USES[source], utcnow()
    rows = s.scalars(select(ConsentRecord).where(ConsentRecord.subject == subject,
                                                 ConsentRecord.recipient_id == SELF_RECIPIENT,
                                                 ConsentRecord.status == ACTIVE)
                     .order_by(ConsentRecord.given_at.desc()))
    for rec in rows:
        if rec.purpose == use.purpose and _utc(rec.expires_at) > now:
            return rec
    return None


def put(s: Session, settings: Settings, subject: str, source: SourceName, values: dict[str, Value],
        consent_id: str) -> None:
    """Replace this source's values with freshly fetched ones."""
    s.execute(delete(OfficialValue).where(OfficialValue.subject == subject, OfficialValue.source == source))
    now = utcnow()
    for field, value in values.items():
        s.add(OfficialValue(subject=subject, source=source, field=field, fetched_at=now, consent_id=consent_id,
                            payload=seal(settings, subject, {"v": value})))


def set_value(s: Session, settings: Settings, subject: str, field: str, value: Value) -> bool:
    row = s.scalar(select(OfficialValue).where(OfficialValue.subject == subject, OfficialValue.field == field))
    if row is None:
        return False
    row.payload, row.corrected_at = seal(settings, subject, {"v": value}), utcnow()
    return True


def drop(s: Session, subject: str, *, field: str | None = None, source: str | None = None) -> int:
    """Delete the subject's values (all, one source's or one field)."""
    q = delete(OfficialValue).where(OfficialValue.subject == subject)
    if field is not None:
        q = q.where(OfficialValue.field == field)
    if source is not None:
        q = q.where(OfficialValue.source == source)
    return int(getattr(s.execute(q), "rowcount", 0) or 0)


def drop_for_consent(s: Session, consent_id: str) -> int:
    """What a withdrawn consent allowed (consent.service calls this on withdrawal and erasure)."""
    return int(getattr(s.execute(delete(OfficialValue).where(OfficialValue.consent_id == consent_id)),
                       "rowcount", 0) or 0)


def _held(settings: Settings, subject: str, row: OfficialValue) -> Held:
    value: Any = unseal(settings, subject, row.payload).get("v")
    return Held(row.field, row.source, value if isinstance(value, (int, str, bool)) else None,
                row.fetched_at, row.corrected_at, row.consent_id)


def all_held(s: Session, settings: Settings, subject: str) -> list[Held]:
    """Every stored value (the export shows them all)."""
    rows = s.scalars(select(OfficialValue).where(OfficialValue.subject == subject).order_by(OfficialValue.id))
    return [_held(settings, subject, r) for r in rows]


def in_force(s: Session, settings: Settings, subject: str) -> dict[str, Held]:
    """The values whose consent stands: the only ones the assessment and the recommender may use."""
    standing: dict[str, str] = {src: rec.id for src in USES if (rec := consent_for(s, subject, src)) is not None}
    return {h.field: h for h in all_held(s, settings, subject) if standing.get(h.source) == h.consent_id}


def export(s: Session, settings: Settings, subject: str) -> list[dict[str, Any]]:
    return [{"source": h.source, "field": h.field, "value": h.value, "fetched_at": h.fetched_at.isoformat(),
             "corrected_at": h.corrected_at.isoformat() if h.corrected_at else None, "consent_receipt": h.consent_id}
            for h in all_held(s, settings, subject)]


def purge_lapsed(s: Session) -> int:
    """Delete values whose consent record is withdrawn, expired or gone (the daily job)."""
    now, gone = utcnow(), []
    for row in s.scalars(select(OfficialValue)):
        rec = s.get(ConsentRecord, row.consent_id)
        if rec is None or rec.status != ACTIVE or _utc(rec.expires_at) <= now:
            gone.append(row.id)
    if gone:
        s.execute(delete(OfficialValue).where(OfficialValue.id.in_(gone)))
    return len(gone)
