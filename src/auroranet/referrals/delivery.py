"""The outbox: e-mail to the person (SMTP, smtplib) and signed webhooks to the organisation's case
system, sent after the transaction that queued them has committed, never under the write lock. Profile
notices (kind ``notice``, the retention notice) go out through the same outbox and SMTP sender.

Each row is claimed with a compare-and-set (pending → sending) before sending, and marked sent after,
so two workers never send the same message and a retried transition queues nothing new (the row's
unique ``key``). Failures retry with backoff up to ``referral_delivery_max_attempts``.

Webhook requests carry ``X-Aurora-Timestamp`` (Unix seconds), ``X-Aurora-Delivery`` (the outbox key, for
the receiver's own de-duplication) and ``X-Aurora-Signature: sha256=<hex HMAC-SHA256 over
"<timestamp>." + body>`` with the receiver's secret. Verify with ``verify_signature``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import smtplib
import time
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from typing import Literal

import httpx
from sqlalchemy import or_, select, update

from auroranet.catalogue.service import get_service
from auroranet.db.core import utcnow
from auroranet.i18n import pick
from auroranet.referrals.messages import MESSAGES
from auroranet.referrals.models import Referral, ReferralOutbox, ReferralReceiver
from auroranet.referrals.service import view, webhook_secret
from auroranet.runtime import Runtime

log = logging.getLogger(__name__)
BATCH = 50
SENDING_STALE = timedelta(minutes=10)
BACKOFF_SECONDS = 30.0
SIGNATURE_TOLERANCE_SECONDS = 300


def sign(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, timestamp: str, body: bytes, signature: str, *, now: float | None = None) -> bool:
    """What a receiving case system checks: a fresh timestamp and a matching signature."""
    try:
        fresh = abs((now or time.time()) - int(timestamp)) <= SIGNATURE_TOLERANCE_SECONDS
    except ValueError:
        return False
    return fresh and hmac.compare_digest(sign(secret, timestamp, body), signature)


@dataclass(frozen=True)
class Outgoing:
    id: int
    key: str
    kind: str
    attempts: int


def _claim(rt: Runtime, referral_id: int | None) -> list[Outgoing]:
    now = utcnow()
    with rt.writes, rt.db.session() as s:
        q = select(ReferralOutbox).where(or_(
            (ReferralOutbox.status == "pending") & (ReferralOutbox.next_attempt_at <= now),
            (ReferralOutbox.status == "sending") & (ReferralOutbox.next_attempt_at <= now - SENDING_STALE)))
        if referral_id is not None:
            q = q.where(ReferralOutbox.referral_id == referral_id)
        claimed = []
        for row in s.scalars(q.order_by(ReferralOutbox.id).limit(BATCH)):
            done = s.execute(update(ReferralOutbox).where(ReferralOutbox.id == row.id,
                                                          ReferralOutbox.status == row.status)
                             .values(status="sending", next_attempt_at=now, attempts=row.attempts + 1))
            if done.rowcount:  # type: ignore[attr-defined]
                claimed.append(Outgoing(row.id, row.key, row.kind, row.attempts + 1))
        return claimed


def _finish(rt: Runtime, out: Outgoing, error: str | None) -> Literal["sent", "retry", "failed"]:
    st = rt.settings
    with rt.writes, rt.db.session() as s:
        if error is None:
            s.execute(update(ReferralOutbox).where(ReferralOutbox.id == out.id)
                      .values(status="sent", sent_at=utcnow(), last_error=None))
            return "sent"
        final = out.attempts >= st.referral_delivery_max_attempts
        s.execute(update(ReferralOutbox).where(ReferralOutbox.id == out.id).values(
            status="failed" if final else "pending", last_error=error[:200],
            next_attempt_at=utcnow() + timedelta(seconds=BACKOFF_SECONDS * 2 ** (out.attempts - 1))))
        return "failed" if final else "retry"


def _email(rt: Runtime, r: Referral) -> str | None:
    st = rt.settings
    v = view(rt, r, full=True)
    to = v.contact.get("email")
    if not to:
        return None  # nothing to send to: done
    if not st.smtp_host:
        return "no SMTP server configured"
    lang = r.lang
    msg = EmailMessage()
    msg["From"], msg["To"] = st.smtp_from, to
    status = pick(MESSAGES[f"ref_status_{v.status}"], lang)
    msg["Subject"] = pick(MESSAGES["ref_mail_subject"], lang).format(status=status)
    lines = [pick(MESSAGES["ref_mail_body"], lang).format(status=status, service=_service_name(rt, r.service_id, lang))]
    if v.note:
        lines += ["", pick(MESSAGES["ref_note_from_org"], lang) + ":", v.note]
    lines += ["", pick(MESSAGES["ref_mail_follow"], lang).format(url=st.public_base_url.rstrip("/") + "/referrals/status")]
    msg.set_content("\n".join(lines))
    send_mail(rt, msg)
    return None


def send_mail(rt: Runtime, msg: EmailMessage) -> None:
    """One message through the configured SMTP server (STARTTLS and login when configured)."""
    st = rt.settings
    assert st.smtp_host
    with smtplib.SMTP(st.smtp_host, st.smtp_port, timeout=st.smtp_timeout_seconds) as smtp:
        if st.smtp_starttls:
            smtp.starttls()
        if st.smtp_username:
            smtp.login(st.smtp_username, st.smtp_password or "")
        smtp.send_message(msg)


def _notice(rt: Runtime, subject: str | None) -> str | None:
    """A profile notice (the retention notice) to the address the person left, read at send time: a
    removed address or an erased profile sends nothing."""
    from auroranet.profile.notices import retention_message

    msg = retention_message(rt, subject) if subject else None
    if msg is None:
        return None
    if not rt.settings.smtp_host:
        return "no SMTP server configured"
    send_mail(rt, msg)
    return None


def _webhook(rt: Runtime, r: Referral, rec: ReferralReceiver, key: str) -> str | None:
    if not rec.webhook_url:
        return None
    body = json.dumps({"event": "referral.status", "referral": view(rt, r, full=True).to_api()},
                      ensure_ascii=False, separators=(",", ":")).encode()
    ts = str(int(time.time()))
    headers = {"Content-Type": "application/json", "X-Aurora-Timestamp": ts, "X-Aurora-Delivery": key,
               "X-Aurora-Signature": sign(webhook_secret(rt, rec), ts, body)}
    resp = httpx.post(rec.webhook_url, content=body, headers=headers,
                      timeout=rt.settings.referral_webhook_timeout_seconds)
    return None if 200 <= resp.status_code < 300 else f"HTTP {resp.status_code}"


def _service_name(rt: Runtime, service_id: str, lang: str) -> str:
    with rt.db.session() as s:  # the store, not the engine snapshot: a delivery worker needs no index
        rec = get_service(s, service_id, include_archived=True)
    return pick(rec.names, lang) if rec is not None else service_id


def deliver_pending(rt: Runtime, *, referral_id: int | None = None) -> dict[str, int]:
    """Send what is due (only ``referral_id``'s when given); returns counts by outcome."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    for out in _claim(rt, referral_id):
        with rt.db.session() as s:
            row = s.get(ReferralOutbox, out.id)
            notice_for = row.subject if row is not None and out.kind == "notice" else None
            r = s.get(Referral, row.referral_id) if row is not None and row.referral_id is not None else None
            rec = s.get(ReferralReceiver, r.service_id) if r is not None else None
            if r is not None:
                s.expunge(r)
            if rec is not None:
                s.expunge(rec)
        try:
            if out.kind == "notice":
                error = _notice(rt, notice_for)
            elif r is None:
                error = None  # the referral was deleted: nothing to send
            elif out.kind == "email":
                error = _email(rt, r)
            else:
                error = _webhook(rt, r, rec, out.key) if rec is not None else None
        except (OSError, smtplib.SMTPException, httpx.HTTPError) as exc:
            error = type(exc).__name__
        outcome = _finish(rt, out, error)
        counts[outcome] += 1
        if error:
            log.warning("referral delivery failed", extra={"kind": out.kind, "outcome": outcome, "error": error})
    return counts
