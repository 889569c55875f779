"""Referral use cases, one transaction each, shared by the web pages, the back office and the v2 API.

    ref = create_referral(rt, NewReferral(service_id=..., message=..., attributes={"age": 17}))
    ref.code                                  # shown once to an anonymous person; only its hash is kept
    transition(rt, ref.public_id, "accepted", actor="staff", scope=Scope(organisations={"org-1"}))
    purge_closed(rt, days=90)                 # the retention job

Writes take ``rt.writes`` (SQLite) only around the short transaction; messages are queued in the outbox
in the same transaction and sent after commit by ``delivery.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from auroranet.db.core import as_utc, utcnow
from auroranet.errors import ConflictError, InputError, NotFoundError
from auroranet.referrals import crypto
from auroranet.referrals.consent import record_transfer_consent
from auroranet.referrals.models import Referral, ReferralEvent, ReferralOutbox, ReferralReceiver
from auroranet.referrals.outbox import queue as _queue
from auroranet.referrals.statuses import CLOSED, PERSON_TARGETS, STAFF_TARGETS, allowed
from auroranet.i18n import pick
from auroranet.runtime import Runtime
from auroranet.sealing import Box
from auroranet.usecases.records import records_for

MAX_MESSAGE = 1000
MAX_NOTE = 500
MAX_LIST = 200
SCHEDULE_PAST, SCHEDULE_AHEAD = timedelta(days=366), timedelta(days=5 * 366)  # a time outside is a typo


@dataclass(frozen=True)
class NewReferral:
    service_id: str
    message: str
    attributes: dict[str, Any] = field(default_factory=dict)  # exactly what the person ticked
    email: str | None = None
    phone: str | None = None
    subject: str | None = None  # signed-in principal; None: anonymous, a one-time code is issued
    lang: str = "fi"


@dataclass(frozen=True)
class Created:
    public_id: str
    code: str | None


@dataclass(frozen=True)
class Scope:
    """Whose referrals a caller may see and change: ``organisations`` None means every one (admin)."""

    organisations: frozenset[str] | None = frozenset()
    client_id: str | None = None  # a case system's API client: only receivers bound to it

    def admits(self, receiver: ReferralReceiver) -> bool:
        if self.client_id is not None:
            return receiver.client_id == self.client_id
        return self.organisations is None or receiver.organisation_id in self.organisations


@dataclass(frozen=True)
class ReferralView:
    public_id: str
    service_id: str
    organisation_id: str
    status: str
    attribute_names: list[str]
    created_at: datetime
    updated_at: datetime
    scheduled_at: datetime | None
    note: str
    message: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, str] = field(default_factory=dict)

    def to_api(self) -> dict[str, Any]:
        return {"id": self.public_id, "service_id": self.service_id, "organisation_id": self.organisation_id,
                "status": self.status, "message": self.message, "attributes": self.attributes,
                "contact": self.contact, "note": self.note, "created_at": self.created_at.isoformat(),
                "updated_at": self.updated_at.isoformat(),
                "scheduled_at": self.scheduled_at.isoformat() if self.scheduled_at else None}


def sealer(rt: Runtime) -> Box:
    return crypto.sealer_of(rt.session_secret())


def _aad(public_id: str) -> str:
    return f"referral:{public_id}"


def view(rt: Runtime, r: Referral, *, full: bool) -> ReferralView:
    box = sealer(rt)
    data = crypto.open_or_empty(box, r.payload_enc, aad=_aad(r.public_id)) if full else {}
    note = crypto.open_or_empty(box, r.note_enc, aad=_aad(r.public_id) + ":note").get("note", "")
    contact = {k: str(v) for k, v in (data.get("contact") or {}).items() if v}
    return ReferralView(r.public_id, r.service_id, r.organisation_id, r.status, list(r.attribute_names),
                        as_utc(r.created_at) or utcnow(), as_utc(r.updated_at) or utcnow(), as_utc(r.scheduled_at),
                        str(note), str(data.get("message", "")), dict(data.get("attributes") or {}), contact)


# ---------------------------------------------------------------------------------------------
# Receivers
# ---------------------------------------------------------------------------------------------


def service_names(rt: Runtime, lang: str, ids: Iterable[str]) -> dict[str, str]:
    """Service names for the person's and the staff's lists (from the current catalogue snapshot)."""
    services, _ = records_for(rt, list(ids))
    return {sid: pick(s.names, lang) for sid, s in services.items()}


def accepting_services(rt: Runtime, service_ids: Iterable[str]) -> set[str]:
    ids = list(dict.fromkeys(service_ids))[:500]
    if not ids:
        return set()
    with rt.db.session() as s:
        return set(s.scalars(select(ReferralReceiver.service_id).where(
            ReferralReceiver.service_id.in_(ids), ReferralReceiver.active.is_(True))))


def receiver_for(rt: Runtime, service_id: str) -> ReferralReceiver | None:
    with rt.db.session() as s:
        row = s.get(ReferralReceiver, service_id)
        if row is None or not row.active:
            return None
        s.expunge(row)
        return row


@dataclass(frozen=True)
class ReceiverIn:
    """A service that accepts referrals, and how its organisation receives them."""

    service_id: str
    organisation_id: str
    mode: str = "inbox"
    client_id: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None

    def check(self) -> None:
        if not self.service_id or len(self.service_id) > 64 or not self.organisation_id \
                or len(self.organisation_id) > 64:
            raise InputError("service and organisation ids must be 1-64 characters")
        if self.mode not in ("inbox", "api"):
            raise InputError("mode must be inbox or api")
        if self.mode == "api" and not self.client_id:
            raise InputError("mode api needs the case system's client id")
        url = self.webhook_url
        if url and (len(url) > 500 or not url.startswith(("https://", "http://127.0.0.1", "http://localhost"))):
            raise InputError("webhook URL must be https:// (plain http only to localhost), at most 500 characters")
        if url and not self.webhook_secret:
            raise InputError("a webhook needs a secret to sign with")


def set_receiver(rt: Runtime, *, service_id: str, organisation_id: str, mode: str = "inbox",
                 client_id: str | None = None, webhook_url: str | None = None,
                 webhook_secret: str | None = None) -> None:
    """Register (or update) a service that accepts referrals."""
    set_receivers(rt, [ReceiverIn(service_id, organisation_id, mode, client_id, webhook_url, webhook_secret)])


def set_receivers(rt: Runtime, receivers: Sequence[ReceiverIn]) -> int:
    """Register (or update) many services in one transaction; every one is checked before anything is
    written. Returns how many."""
    for r in receivers:
        r.check()
    box = sealer(rt)
    ids = list(dict.fromkeys(r.service_id for r in receivers))
    with rt.writes, rt.db.session() as s:
        rows = {row.service_id: row for row in s.scalars(select(ReferralReceiver).where(
            ReferralReceiver.service_id.in_(ids)))} if ids else {}
        for r in receivers:
            row = rows.get(r.service_id) or ReferralReceiver(service_id=r.service_id)
            rows[r.service_id] = row
            row.organisation_id, row.mode, row.client_id = r.organisation_id, r.mode, r.client_id
            row.webhook_url, row.active = r.webhook_url, True
            row.webhook_secret_enc = box.seal({"secret": r.webhook_secret}, aad=f"webhook:{r.service_id}") \
                if r.webhook_secret else None
            s.add(row)
    return len(ids)


def webhook_secret(rt: Runtime, receiver: ReferralReceiver) -> str:
    data = crypto.open_or_empty(sealer(rt), receiver.webhook_secret_enc, aad=f"webhook:{receiver.service_id}")
    return str(data.get("secret", ""))


# ---------------------------------------------------------------------------------------------
# The person
# ---------------------------------------------------------------------------------------------


def create_referral(rt: Runtime, new: NewReferral) -> Created:
    message = new.message.strip()
    if not message:
        raise InputError("write a short message")
    if len(message) > MAX_MESSAGE:
        raise InputError(f"the message is too long (at most {MAX_MESSAGE} characters)")
    receiver = receiver_for(rt, new.service_id)
    if receiver is None:
        raise NotFoundError("this service does not accept contact requests")
    public_id = crypto.new_public_id()
    code = None if new.subject else crypto.new_code()
    contact = {k: v for k, v in (("email", new.email), ("phone", new.phone)) if v}
    payload = sealer(rt).seal({"message": message, "attributes": new.attributes, "contact": contact},
                              aad=_aad(public_id))
    now = utcnow()
    with rt.writes, rt.db.session() as s:
        r = Referral(public_id=public_id, service_id=new.service_id, organisation_id=receiver.organisation_id,
                     status="requested", code_hash=crypto.code_hash(code) if code else None, subject=new.subject,
                     payload_enc=payload, attribute_names=sorted(new.attributes), has_email=bool(new.email),
                     lang=new.lang, created_at=now, updated_at=now)
        s.add(r)
        s.flush()
        s.add(ReferralEvent(referral_id=r.id, from_status=None, to_status="requested", actor="person", at=now))
        _queue(s, r, receiver, "requested")
        r.consent_id = record_transfer_consent(s, referral_id=r.id, subject=new.subject,
                                               organisation_id=receiver.organisation_id, service_id=new.service_id,
                                               attributes=sorted(new.attributes))
    return Created(public_id, code)


def by_code(rt: Runtime, code: str) -> ReferralView | None:
    h = crypto.code_hash(code)
    with rt.db.session() as s:
        r = s.scalars(select(Referral).where(Referral.code_hash == h)).first()
        return view(rt, r, full=False) if r is not None else None


def for_subject(rt: Runtime, subject: str) -> list[ReferralView]:
    with rt.db.session() as s:
        rows = s.scalars(select(Referral).where(Referral.subject == subject)
                         .order_by(Referral.created_at.desc()).limit(MAX_LIST))
        return [view(rt, r, full=False) for r in rows]


# ---------------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------------


def _receivers(s: Session, scope: Scope) -> dict[str, ReferralReceiver]:
    rows = s.scalars(select(ReferralReceiver))
    return {r.service_id: r for r in rows if scope.admits(r)}


def for_scope(rt: Runtime, scope: Scope, *, status: str | None = None, limit: int = MAX_LIST) -> list[ReferralView]:
    with rt.db.session() as s:
        services = list(_receivers(s, scope))
        if not services:
            return []
        q = select(Referral).where(Referral.service_id.in_(services))
        if status:
            q = q.where(Referral.status == status)
        rows = s.scalars(q.order_by(Referral.created_at.desc()).limit(min(limit, MAX_LIST)))
        return [view(rt, r, full=True) for r in rows]


def get_in_scope(rt: Runtime, public_id: str, scope: Scope) -> ReferralView:
    with rt.db.session() as s:
        r = s.scalars(select(Referral).where(Referral.public_id == public_id[:32])).first()
        rec = s.get(ReferralReceiver, r.service_id) if r is not None else None
        if r is None or rec is None or not scope.admits(rec):
            raise NotFoundError("referral not found")
        return view(rt, r, full=True)


def transition(rt: Runtime, public_id: str, target: str, *, actor: str, scope: Scope | None = None,
               code: str | None = None, subject: str | None = None, note: str | None = None,
               scheduled_at: datetime | None = None) -> ReferralView:
    """Move a referral to ``target``. Staff and API callers name a ``scope``; the person proves the
    referral is theirs by ``code`` or ``subject``. Invalid transitions raise ConflictError (409); the
    update is a compare-and-set on the old status, so two concurrent changes cannot both win."""
    if note is not None and len(note) > MAX_NOTE:
        raise InputError(f"the note is too long (at most {MAX_NOTE} characters)")
    if target not in (PERSON_TARGETS if actor == "person" else STAFF_TARGETS):
        raise ConflictError(f"{actor} cannot set status {target!r}")
    now = utcnow()
    if scheduled_at is not None:
        try:
            scheduled_at = scheduled_at.astimezone(timezone.utc)
        except (OverflowError, ValueError):
            raise InputError("the time is out of range") from None
        if not now - SCHEDULE_PAST <= scheduled_at <= now + SCHEDULE_AHEAD:
            raise InputError("the time must be within a year back and five years ahead")
    with rt.writes, rt.db.session() as s:
        r = s.scalars(select(Referral).where(Referral.public_id == public_id[:32])).first()
        rec = s.get(ReferralReceiver, r.service_id) if r is not None else None
        if r is None or rec is None or not _may(r, rec, scope, code, subject):
            raise NotFoundError("referral not found")
        if r.status == target and target == "received":
            return view(rt, r, full=False)  # seen again: nothing changes
        if not allowed(r.status, target):
            raise ConflictError(f"a referral that is {r.status!r} cannot become {target!r}")
        old = r.status
        values: dict[str, Any] = {"status": target, "updated_at": now}
        if target in CLOSED:
            values["closed_at"] = now
        if note:
            values["note_enc"] = sealer(rt).seal({"note": note.strip()}, aad=_aad(r.public_id) + ":note")
        if scheduled_at is not None:
            values["scheduled_at"] = scheduled_at
        done = s.execute(update(Referral).where(Referral.id == r.id, Referral.status == old).values(**values))
        if not done.rowcount:  # type: ignore[attr-defined]
            raise ConflictError("the referral was changed at the same time; reload and try again")
        s.add(ReferralEvent(referral_id=r.id, from_status=old, to_status=target, actor=actor, at=now))
        s.flush()
        s.refresh(r)
        _queue(s, r, rec, target, actor=actor)
        return view(rt, r, full=False)


def _may(r: Referral, rec: ReferralReceiver, scope: Scope | None, code: str | None, subject: str | None) -> bool:
    if scope is not None:
        return scope.admits(rec)
    if code is not None:
        return r.code_hash is not None and crypto.code_hash(code) == r.code_hash
    return subject is not None and r.subject == subject


def purge_closed(rt: Runtime, *, days: int, now: datetime | None = None) -> int:
    """Delete referrals closed more than ``days`` ago (their events and outbox rows go with them)."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    with rt.writes, rt.db.session() as s:
        ids = list(s.scalars(select(Referral.id).where(Referral.closed_at.is_not(None), Referral.closed_at < cutoff)))
        for table in (ReferralOutbox, ReferralEvent):
            s.execute(delete(table).where(table.referral_id.in_(ids)))
        s.execute(delete(Referral).where(Referral.id.in_(ids)))
        return len(ids)
