"""Curation use cases shared by the back office, the CLI and the jobs: add (or replace), end, list, and
archive what has expired. Every change writes an audit row (who, when, what, old -> new) in the same
transaction.

    cid = add(rt, principal, Draft(action="pin", service_id=..., target_kind="need", target="housing",
                                   area="municipality:564", reason="Kaupungin uusi asumisneuvonta",
                                   expires=date(2027, 3, 1)))
    end(rt, principal, cid)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auroranet.badtext import CONTROL_RUN
from auroranet.curation import rules
from auroranet.curation.models import Curation, CurationAudit
from auroranet.curation.store import active_filter, invalidate
from auroranet.db.core import as_utc, utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.identity.principal import Principal
from auroranet.insights import areas
from auroranet.runtime import Runtime
from auroranet.vocab import METER_KEYS

ACTIONS = ("pin", "boost", "hide")
TARGET_KINDS = ("need", "life_event")
MAX_REASON = 500
MAX_DAYS = 366  # a curation lasts at most a year: someone must look at it again
MAX_ACTIVE_PER_TARGET = 20  # per area and need / life event


@dataclass(frozen=True)
class Draft:
    action: str
    service_id: str
    target_kind: str
    target: str
    area: str
    reason: str
    expires: date


def _snapshot(c: Curation) -> dict[str, Any]:
    return {"action": c.action, "service_id": c.service_id, "target_kind": c.target_kind, "target": c.target,
            "area": c.area, "reason": c.reason, "expires_at": as_utc(c.expires_at).isoformat(),  # type: ignore[union-attr]
            "by_scope": c.by_scope}


def _audit(s: Session, c: Curation, actor: str, change: str, old: dict[str, Any] | None,
           new: dict[str, Any] | None) -> None:
    s.add(CurationAudit(curation_id=c.id, at=utcnow(), actor=actor[:64], change=change, old=old, new=new))


def clean_reason(raw: str) -> str:
    reason = CONTROL_RUN.sub(" ", raw).strip()
    if not reason:
        raise InputError("a reason is required")
    if len(reason) > MAX_REASON:
        raise InputError(f"the reason is longer than {MAX_REASON} characters")
    return reason


def validate(rt: Runtime, d: Draft, today: date) -> areas.AreaInfo:
    if d.action not in ACTIONS:
        raise InputError("unknown action")
    if d.target_kind == "need":
        if d.target not in METER_KEYS:
            raise InputError("unknown need")
    elif d.target_kind == "life_event":
        if d.target not in rt.life_events:
            raise InputError("unknown life event")
    else:
        raise InputError("unknown target")
    area = areas.parse(rt.catalogue().reference, d.area)
    if area is None:
        raise InputError("unknown area")
    if not today < d.expires <= today + timedelta(days=MAX_DAYS):
        raise InputError(f"the expiry must be after today and within {MAX_DAYS} days")
    return area


def add(rt: Runtime, who: Principal, d: Draft, *, now: datetime | None = None) -> int:
    """Store a curation (or replace the active one for the same service, target and area). Raises
    InputError (bad values), NotFoundError (no such service), PermissionError (not theirs)."""
    now = now or utcnow()
    reason = clean_reason(d.reason)
    area = validate(rt, d, now.date())
    cat = rt.catalogue()
    pos = cat.pos.get(d.service_id[:64])
    if pos is None or len(d.service_id) > 64:
        raise NotFoundError("no such service")
    svc = cat.services[pos]
    role = rules.authority(who, svc, area, cat.reference)
    if role is None:
        raise PermissionError("not allowed to curate this service in this area")
    if d.action != "hide" and not rules.offered_in(svc, area, cat.reference):
        raise InputError("the service is not offered in this area")
    expires = datetime.combine(d.expires, time(0), tzinfo=timezone.utc)
    with rt.writes, rt.db.session() as s:
        same = (Curation.service_id == svc.id) & (Curation.target_kind == d.target_kind) & \
            (Curation.target == d.target) & (Curation.area == area.scope) & active_filter(now)
        old = s.scalars(select(Curation).where(same)).first()
        if old is not None and (old.action, old.reason, as_utc(old.expires_at)) == (d.action, reason, expires):
            return old.id  # the same form sent twice
        count = s.scalar(select(func.count()).select_from(Curation).where(
            (Curation.target_kind == d.target_kind) & (Curation.target == d.target) &
            (Curation.area == area.scope) & active_filter(now)))
        if old is None and (count or 0) >= MAX_ACTIVE_PER_TARGET:
            raise ConflictError("too many active curations for this need or life event in this area")
        row = Curation(action=d.action, service_id=svc.id, target_kind=d.target_kind, target=d.target,
                       area=area.scope, by_scope=role.scope, by_names=rules.names_for(role, svc, cat.reference),
                       reason=reason, created_by=who.subject[:64], created_at=now, expires_at=expires)
        s.add(row)
        s.flush()
        before = None
        if old is not None:
            old.ended_at, old.ended_by = now, who.subject[:64]
            before = _snapshot(old)
            _audit(s, old, who.subject, "end", before, None)
        _audit(s, row, who.subject, "replace" if old is not None else "create", before, _snapshot(row))
        rid = row.id
    invalidate(rt.db)
    return rid


def end(rt: Runtime, who: Principal, curation_id: int, *, now: datetime | None = None) -> None:
    """End an active curation now. NotFoundError for an unknown, ended or someone else's curation."""
    now = now or utcnow()
    ref = rt.catalogue().reference
    with rt.writes, rt.db.session() as s:
        row = s.get(Curation, curation_id)
        if row is None or not rules.may_end(who, row.by_scope, row.area, ref):
            raise NotFoundError("no such curation")
        if row.ended_at is not None or as_utc(row.expires_at) <= now:  # type: ignore[operator]
            raise ConflictError("the curation has already ended")
        before = _snapshot(row)
        row.ended_at, row.ended_by = now, who.subject[:64]
        _audit(s, row, who.subject, "end", before, None)
    invalidate(rt.db)


def visible(rt: Runtime, who: Principal, *, now: datetime | None = None, include_ended: bool = False,
            limit: int = 200) -> list[Curation]:
    """The curations this person may see and end, newest first."""
    now = now or utcnow()
    ref = rt.catalogue().reference
    with rt.db.session() as s:
        stmt = select(Curation).order_by(Curation.created_at.desc(), Curation.id.desc())
        if not include_ended:
            stmt = stmt.where(active_filter(now))
        rows = [c for c in s.scalars(stmt.limit(5000)) if rules.may_end(who, c.by_scope, c.area, ref)]
        s.expunge_all()
    return rows[:limit]


def audit_of(rt: Runtime, curation_ids: list[int]) -> list[CurationAudit]:
    with rt.db.session() as s:
        rows = list(s.scalars(select(CurationAudit).where(CurationAudit.curation_id.in_(curation_ids))
                              .order_by(CurationAudit.at.desc(), CurationAudit.id.desc()).limit(500)))
        s.expunge_all()
    return rows


def archive_expired(rt: Runtime, *, now: datetime | None = None) -> int:
    """Mark curations past their expiry as ended (an audit row each); they stopped applying at expiry."""
    now = now or utcnow()
    with rt.writes, rt.db.session() as s:
        rows = list(s.scalars(select(Curation).where(Curation.ended_at.is_(None), Curation.expires_at <= now)))
        for row in rows:
            before = _snapshot(row)
            row.ended_at, row.ended_by = as_utc(row.expires_at), "expiry"
            _audit(s, row, "job:curation_expiry", "expire", before, None)
    invalidate(rt.db)
    return len(rows)
