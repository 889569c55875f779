"""Telling a recipient that a consent was withdrawn: a signed JSON POST to the webhook URL it registered
(``aurora consent webhook CLIENT --url``), from an outbox so a slow or failing recipient never blocks a
person and every notice is retried with backoff.

    POST <webhook_url>
    Content-Type: application/json
    X-Aurora-Signature: t=<unix time>,v1=<hex HMAC-SHA256(key, "<t>." + body)>
    {"event": "consent.withdrawn", "receipt_id": "...", "access_token_sha256": "...", "withdrawn_at": "..."}

The key is per recipient, derived from the instance secret (``signing_key``); the CLI shows it once to
hand to the recipient. The recipient checks the signature and that ``t`` is recent, then stops using
(and deletes) what it received with that token.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select

from auroranet.config import Settings, session_secret
from auroranet.consent.models import ConsentNotice, ConsentRecord
from auroranet.db.core import Database, utcnow
from auroranet.db.writelock import WriteLock

MAX_ATTEMPTS = 8
BATCH = 50


def signing_key(settings: Settings, client_id: str) -> str:
    base = (settings.subject_key or session_secret(settings)).encode()
    return hmac.new(base, f"consent-webhook\0{client_id}".encode(), hashlib.sha256).hexdigest()


def sign(key: str, body: bytes, ts: int) -> str:
    mac = hmac.new(key.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={ts},v1={mac}"


def verify(key: str, body: bytes, header: str, *, max_age: int = 300, now: float | None = None) -> bool:
    """What a recipient does (and the tests): the signature matches and is recent."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        ts = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs((now or time.time()) - ts) > max_age:
        return False
    return hmac.compare_digest(sign(key, body, ts), f"t={ts},v1={parts.get('v1', '')}")


def _payload(n: ConsentNotice, rec: ConsentRecord | None) -> dict[str, Any]:
    return {"event": n.event, "receipt_id": n.consent_id, "access_token_sha256": n.token_hash,
            "withdrawn_at": rec.withdrawn_at.isoformat() if rec and rec.withdrawn_at else None}


def deliver_pending(db: Database, writes: WriteLock, settings: Settings) -> dict[str, int]:
    """Send due notices. The HTTP calls happen with no lock held; results are written afterwards."""
    from auroranet.network.models import Client

    now = utcnow()
    with db.session() as s:
        due = list(s.scalars(select(ConsentNotice).where(ConsentNotice.delivered_at.is_(None),
                                                          ConsentNotice.attempts < MAX_ATTEMPTS,
                                                          ConsentNotice.next_attempt_at <= now)
                             .order_by(ConsentNotice.id).limit(BATCH)))
        jobs = []
        for n in due:
            client = s.get(Client, n.client_id)
            rec = s.get(ConsentRecord, n.consent_id)
            jobs.append((n.id, client.webhook_url if client else None, n.client_id, _payload(n, rec)))
    results: list[tuple[int, str]] = []
    for nid, url, client_id, payload in jobs:
        if not url:
            results.append((nid, "no webhook registered"))
            continue
        body = json.dumps(payload, separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json",
                   "X-Aurora-Signature": sign(signing_key(settings, client_id), body, int(time.time()))}
        try:
            r = httpx.post(url, content=body, headers=headers, timeout=settings.consent_webhook_timeout_seconds)
            results.append((nid, "" if 200 <= r.status_code < 300 else f"HTTP {r.status_code}"))
        except httpx.HTTPError as exc:
            results.append((nid, type(exc).__name__))
    sent = failed = 0
    with writes, db.session() as s:
        for nid, error in results:
            row = s.get(ConsentNotice, nid)
            if row is None:
                continue
            row.attempts += 1
            if not error:
                row.delivered_at, sent = utcnow(), sent + 1
            else:
                row.last_error, failed = error[:200], failed + 1
                row.next_attempt_at = utcnow() + timedelta(minutes=2 ** min(row.attempts, 10))
    return {"sent": sent, "failed": failed}
