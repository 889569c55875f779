"""Profile use cases: keep a profile for a signed-in person, save assessments and services, list the
history per meter, log each access, export everything, erase the account, and the retention rule.

    with rt.writes, rt.db.session() as s:
        touch(s, subject, action="view")                      # creates the profile on first use
        save_assessment(s, settings, subject, "3x10d", {"health": 3.0, ...})
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from auroranet.config import Settings
from auroranet.consent.owners import Owners
from auroranet.db.core import utcnow
from auroranet.profile.models import Profile, ProfileAccess, SavedAssessment, SavedService
from auroranet.profile.sealing import seal, unseal
from auroranet.vocab import METER_KEYS

MAX_ASSESSMENTS = 500  # per profile; the oldest go first
MAX_SERVICES = 200


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


_EMAIL = re.compile(r"^[^@\s<>,;:\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$")
MAX_EMAIL = 254


def set_notice_email(s: Session, settings: Settings, subject: str, address: str) -> bool:
    """Keep (sealed) or, with an empty address, remove where notices go. False: not an e-mail address."""
    address = address.strip()
    if address and (len(address) > MAX_EMAIL or not _EMAIL.match(address)):
        return False
    prof = touch(s, subject, action="set_notice_email" if address else "remove_notice_email")
    prof.notice_email_enc = seal(settings, subject, {"email": address}) if address else None
    return True


def notice_email(settings: Settings, prof: Profile | None) -> str | None:
    if prof is None or not prof.notice_email_enc:
        return None
    value = unseal(settings, prof.subject, prof.notice_email_enc).get("email")
    return value if isinstance(value, str) and value else None


def save_assessment(s: Session, settings: Settings, subject: str, questionnaire_id: str,
                    meters: dict[str, float], background: dict[str, Any] | None = None) -> int:
    """Save the meters and, when the person gave them with the assessment, age and municipality code
    (``background``: ``{"age": int, "municipality_code": str}``; other keys are dropped)."""
    clean = {k: float(v) for k, v in meters.items() if k in METER_KEYS and 0 <= float(v) <= 10}
    bg = background or {}
    data: dict[str, Any] = {"meters": clean}
    if isinstance(bg.get("age"), int) and 0 <= bg["age"] <= 130:
        data["age"] = bg["age"]
    if isinstance(bg.get("municipality_code"), str) and bg["municipality_code"].isdigit() and len(bg["municipality_code"]) == 3:
        data["municipality_code"] = bg["municipality_code"]
    touch(s, subject, action="save_assessment")
    row = SavedAssessment(subject=subject, questionnaire_id=questionnaire_id[:64],
                          payload=seal(settings, subject, data))
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
    age: int | None = None
    municipality_code: str | None = None


def assessments(s: Session, settings: Settings, subject: str) -> list[Taken]:
    rows = s.scalars(select(SavedAssessment).where(SavedAssessment.subject == subject)
                     .order_by(SavedAssessment.taken_at, SavedAssessment.id))
    out = []
    for r in rows:
        data = unseal(settings, subject, r.payload)
        out.append(Taken(r.id, r.questionnaire_id, r.taken_at, data.get("meters", {}), data.get("age"),
                         data.get("municipality_code")))
    return out


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


MAX_LIFE_EVENTS = 50  # life events with progress kept per profile
MAX_STEPS = 30  # ticked steps kept per life event


def life_event_progress(settings: Settings, prof: Profile | None) -> dict[str, list[str]]:
    """{life event id: ticked step ids} saved in the profile ({} without a profile or progress)."""
    if prof is None or not prof.life_events_enc:
        return {}
    data = unseal(settings, prof.subject, prof.life_events_enc).get("done")
    if not isinstance(data, dict):
        return {}
    return {str(k): [str(x) for x in v] for k, v in data.items() if isinstance(v, list)}


def save_life_event_progress(s: Session, settings: Settings, subject: str, event_id: str, done: list[str]) -> None:
    """Replace the ticked steps of one life event (none ticked: the life event is dropped from the profile)."""
    prof = touch(s, subject, action="life_event")
    progress = life_event_progress(settings, prof)
    progress.pop(event_id, None)
    if done:
        if len(progress) >= MAX_LIFE_EVENTS:
            progress.pop(next(iter(progress)))  # the oldest entry goes
        progress[event_id] = sorted(set(done))[:MAX_STEPS]
    prof.life_events_enc = seal(settings, subject, {"done": progress}) if progress else None


def _referrals(s: Session, subject: str) -> list[dict[str, Any]]:
    """The person's contact requests (referrals) as the export lists them: what was sent where, and when;
    the message itself is on /referrals/status."""
    from auroranet.referrals.models import Referral

    rows = s.scalars(select(Referral).where(Referral.subject == subject).order_by(Referral.created_at))
    return [{"service_id": r.service_id, "status": r.status, "attributes_sent": list(r.attribute_names or []),
             "created_at": r.created_at.isoformat(), "updated_at": r.updated_at.isoformat()} for r in rows]


def export(s: Session, settings: Settings, subject: str) -> dict[str, Any]:
    """Everything held about the subject, as JSON (the export logs itself first, so it is in it)."""
    from auroranet.consent import service as consent
    from auroranet.consent.receipts import receipt
    from auroranet.identity import service as identity
    from auroranet.official import store as official

    prof = touch(s, subject, action="export")
    s.flush()
    return {
        "subject": subject,
        "profile": {"created_at": prof.created_at.isoformat(), "last_seen_at": prof.last_seen_at.isoformat()},
        "assessments": [{"questionnaire": t.questionnaire_id, "taken_at": t.taken_at.isoformat(), "meters": t.meters,
                         **({"age": t.age} if t.age is not None else {}),
                         **({"municipality_code": t.municipality_code} if t.municipality_code else {})}
                        for t in assessments(s, settings, subject)],
        "notice_email": notice_email(settings, prof),
        "saved_services": [{"service_id": sid, "saved_at": at.isoformat()} for sid, at in saved_services(s, subject)],
        "life_event_progress": life_event_progress(settings, prof),
        "contact_requests": _referrals(s, subject),
        "official_values": official.export(s, settings, subject),
        "consents": [receipt(r) for r in consent.for_subject(s, subject)],
        "staff_roles": [[r.name, r.scope] for r in identity.roles_for(s, subject)],
        "access_log": [{"at": at.isoformat(), "action": a, "actor": who} for at, a, who in access_log(s, subject, 10_000)],
    }


def erase(s: Session, subject: str, *, owners: Owners) -> dict[str, int]:
    """Delete the account: profile (assessments, services, official values, access log, notice address,
    queued notices), OAuth2 codes and tokens, staff roles, every web session signed in as the subject;
    consents are withdrawn (recipients told) and their receipts anonymised."""
    from auroranet.consent import service as consent
    from auroranet.identity import service as identity
    from auroranet.official import store as official

    counts = {"official_values": official.drop(s, subject),
              "consents_anonymised": consent.anonymise_for(s, subject, owners=owners),
              "sessions": identity.forget_sessions(s, subject),
              "staff_roles": identity.revoke(s, subject=subject)}
    from auroranet.oauth.models import OAuthCode, OAuthToken
    from auroranet.referrals.models import Referral, ReferralOutbox

    # The organisations keep their cases (open ones were cancelled with their consent above), but no
    # longer linked to this account: a new sign-in finds none of them.
    counts["contact_requests_unlinked"] = int(getattr(s.execute(
        update(Referral).where(Referral.subject == subject).values(subject=None)), "rowcount", 0) or 0)
    s.execute(delete(OAuthCode).where(OAuthCode.subject == subject))
    s.execute(delete(OAuthToken).where(OAuthToken.subject == subject))
    s.execute(delete(ReferralOutbox).where(ReferralOutbox.subject == subject))
    s.execute(delete(SavedAssessment).where(SavedAssessment.subject == subject))
    s.execute(delete(SavedService).where(SavedService.subject == subject))
    s.execute(delete(ProfileAccess).where(ProfileAccess.subject == subject))
    counts["profiles"] = int(getattr(s.execute(delete(Profile).where(Profile.subject == subject)), "rowcount", 0) or 0)
    return counts


def queue_notice(s: Session, subject: str, at: datetime) -> None:
    """The retention notice into the shared e-mail outbox (referrals/delivery.py sends it; the address is
    read only at send time, so nothing personal sits in the outbox)."""
    from auroranet.referrals.models import ReferralOutbox

    key = f"retention:{subject}:{at:%Y%m%d}"
    if s.scalar(select(ReferralOutbox.id).where(ReferralOutbox.key == key)) is None:
        s.add(ReferralOutbox(key=key, referral_id=None, subject=subject, kind="notice"))


def apply_retention(s: Session, *, months: int, notice_days: int, owners: Owners,
                    now: datetime | None = None) -> dict[str, int]:
    """Profiles unused for ``months`` get a notice (``notice_sent_at``): e-mailed through the outbox when
    the person left an address for notices, and shown on the profile page at the next visit either way;
    those still unused ``notice_days`` after it are erased."""
    now = now or utcnow()
    idle = now - timedelta(days=30 * months)
    noticed = 0
    for prof in s.scalars(select(Profile).where(Profile.last_seen_at < idle, Profile.notice_sent_at.is_(None))):
        prof.notice_sent_at = now
        noticed += 1
        if prof.notice_email_enc:
            queue_notice(s, prof.subject, now)
    due = list(s.scalars(select(Profile.subject).where(
        Profile.notice_sent_at.is_not(None), Profile.notice_sent_at < now - timedelta(days=notice_days),
        Profile.last_seen_at < idle)))
    for subject in due:
        erase(s, subject, owners=owners)
    return {"noticed": noticed, "erased": len(due)}
