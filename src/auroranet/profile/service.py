"""Profile use cases: keep a profile for a signed-in person, save assessments and services, list the
history per meter, log each access, export everything, erase the account, and the retention rule.

    with rt.writes, rt.db.session() as s:
        touch(s, subject, action="view")                      # creates the profile on first use
        save_assessment(s, settings, subject, "3x10d", {"health": 3.0, ...})
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from auroranet.config import Settings
from auroranet.consent.owners import Owners
from auroranet.db.core import utcnow
from auroranet.identity.subjects import subject_key
from auroranet.profile.models import Profile, ProfileAccess, SavedAssessment, SavedService
from auroranet.vocab import METER_KEYS

MAX_ASSESSMENTS = 500  # per profile; the oldest go first
MAX_SERVICES = 200


def _key(settings: Settings) -> bytes:
    return hmac.new(subject_key(settings), b"profile-payload", hashlib.sha256).digest()


def seal(settings: Settings, subject: str, data: dict[str, Any]) -> str:
    nonce = secrets.token_bytes(12)
    body = json.dumps(data, separators=(",", ":")).encode()
    return base64.b64encode(nonce + AESGCM(_key(settings)).encrypt(nonce, body, subject.encode())).decode()


def unseal(settings: Settings, subject: str, payload: str) -> dict[str, Any]:
    raw = base64.b64decode(payload)
    out = json.loads(AESGCM(_key(settings)).decrypt(raw[:12], raw[12:], subject.encode()))
    return out if isinstance(out, dict) else {}


def touch(s: Session, subject: str, *, action: str, actor: str = "self") -> Profile:
    """The subject's profile (created on first use), marked as used now (a pending retention notice
    lapses), with the access logged."""
    prof = s.get(Profile, subject)
    if prof is None:
        prof = Profile(subject=subject)
        s.add(prof)
        s.flush()
    prof.last_seen_at, prof.notice_sent_at = utcnow(), None
    s.add(ProfileAccess(subject=subject, action=action[:32], actor=actor))
    return prof


def save_assessment(s: Session, settings: Settings, subject: str, questionnaire_id: str,
                    meters: dict[str, float]) -> int:
    clean = {k: float(v) for k, v in meters.items() if k in METER_KEYS and 0 <= float(v) <= 10}
    touch(s, subject, action="save_assessment")
    row = SavedAssessment(subject=subject, questionnaire_id=questionnaire_id[:64],
                          payload=seal(settings, subject, {"meters": clean}))
    s.add(row)
    s.flush()
    old = list(s.scalars(select(SavedAssessment.id).where(SavedAssessment.subject == subject)
                         .order_by(SavedAssessment.taken_at.desc(), SavedAssessment.id.desc()).offset(MAX_ASSESSMENTS)))
    if old:
        s.execute(delete(SavedAssessment).where(SavedAssessment.id.in_(old)))
    return row.id


@dataclass(frozen=True)
class Taken:
    id: int
    questionnaire_id: str
    taken_at: datetime
    meters: dict[str, float]


def assessments(s: Session, settings: Settings, subject: str) -> list[Taken]:
    rows = s.scalars(select(SavedAssessment).where(SavedAssessment.subject == subject)
                     .order_by(SavedAssessment.taken_at, SavedAssessment.id))
    return [Taken(r.id, r.questionnaire_id, r.taken_at, unseal(settings, subject, r.payload).get("meters", {}))
            for r in rows]


def history(taken: list[Taken]) -> dict[str, list[tuple[str, float]]]:
    """Per meter, (ISO date-time, value) in time order: the chart's series and the table's rows."""
    out: dict[str, list[tuple[str, float]]] = {}
    for t in taken:
        for k in METER_KEYS:
            if k in t.meters:
                out.setdefault(k, []).append((t.taken_at.isoformat(timespec="minutes"), t.meters[k]))
    return out


def save_service(s: Session, subject: str, service_id: str) -> bool:
    touch(s, subject, action="save_service")
    if s.scalar(select(SavedService.id).where(SavedService.subject == subject,
                                              SavedService.service_id == service_id)) is not None:
        return False
    count = len(list(s.scalars(select(SavedService.id).where(SavedService.subject == subject))))
    if count >= MAX_SERVICES:
        return False
    s.add(SavedService(subject=subject, service_id=service_id[:64]))
    return True


def remove_service(s: Session, subject: str, service_id: str) -> int:
    touch(s, subject, action="remove_service")
    q = delete(SavedService).where(SavedService.subject == subject, SavedService.service_id == service_id)
    return int(getattr(s.execute(q), "rowcount", 0) or 0)


def saved_services(s: Session, subject: str) -> list[tuple[str, datetime]]:
    return [(r.service_id, r.saved_at) for r in
            s.scalars(select(SavedService).where(SavedService.subject == subject).order_by(SavedService.saved_at))]


def access_log(s: Session, subject: str, limit: int = 200) -> list[tuple[datetime, str, str]]:
    rows = s.scalars(select(ProfileAccess).where(ProfileAccess.subject == subject)
                     .order_by(ProfileAccess.at.desc(), ProfileAccess.id.desc()).limit(limit))
    return [(r.at, r.action, r.actor) for r in rows]


def export(s: Session, settings: Settings, subject: str) -> dict[str, Any]:
    """Everything held about the subject, as JSON (the export logs itself first, so it is in it)."""
    from auroranet.consent import service as consent
    from auroranet.consent.receipts import receipt
    from auroranet.identity import service as identity

    prof = touch(s, subject, action="export")
    s.flush()
    return {
        "subject": subject,
        "profile": {"created_at": prof.created_at.isoformat(), "last_seen_at": prof.last_seen_at.isoformat()},
        "assessments": [{"questionnaire": t.questionnaire_id, "taken_at": t.taken_at.isoformat(), "meters": t.meters}
                        for t in assessments(s, settings, subject)],
        "saved_services": [{"service_id": sid, "saved_at": at.isoformat()} for sid, at in saved_services(s, subject)],
        "consents": [receipt(r) for r in consent.for_subject(s, subject)],
        "staff_roles": [[r.name, r.scope] for r in identity.roles_for(s, subject)],
        "access_log": [{"at": at.isoformat(), "action": a, "actor": who} for at, a, who in access_log(s, subject, 10_000)],
    }


def erase(s: Session, subject: str, *, owners: Owners) -> dict[str, int]:
    """Delete the account: profile (assessments, services, access log), staff roles, every web session
    signed in as the subject; consents are withdrawn (recipients told) and their receipts anonymised."""
    from auroranet.consent import service as consent
    from auroranet.identity import service as identity

    counts = {"consents_anonymised": consent.anonymise_for(s, subject, owners=owners),
              "sessions": identity.forget_sessions(s, subject),
              "staff_roles": identity.revoke(s, subject=subject)}
    s.execute(delete(SavedAssessment).where(SavedAssessment.subject == subject))
    s.execute(delete(SavedService).where(SavedService.subject == subject))
    s.execute(delete(ProfileAccess).where(ProfileAccess.subject == subject))
    counts["profiles"] = int(getattr(s.execute(delete(Profile).where(Profile.subject == subject)), "rowcount", 0) or 0)
    return counts


def apply_retention(s: Session, *, months: int, notice_days: int, owners: Owners,
                    now: datetime | None = None) -> dict[str, int]:
    """Profiles unused for ``months`` get a notice (``notice_sent_at``; shown on the profile page — no
    contact address is held); those still unused ``notice_days`` after it are erased."""
    now = now or utcnow()
    idle = now - timedelta(days=30 * months)
    noticed = 0
    for prof in s.scalars(select(Profile).where(Profile.last_seen_at < idle, Profile.notice_sent_at.is_(None))):
        prof.notice_sent_at = now
        noticed += 1
    due = list(s.scalars(select(Profile.subject).where(
        Profile.notice_sent_at.is_not(None), Profile.notice_sent_at < now - timedelta(days=notice_days),
        Profile.last_seen_at < idle)))
    for subject in due:
        erase(s, subject, owners=owners)
    return {"noticed": noticed, "erased": len(due)}
