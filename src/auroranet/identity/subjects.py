"""The pseudonymous subject: HMAC-SHA256(key, issuer + "\\0" + sub). The provider's ``sub`` (and any
identity code) never reaches the database; the same person at the same provider always gets the same
subject, and a copy of the database cannot be joined with the provider's records without the key."""

from __future__ import annotations

import hashlib
import hmac

from auroranet.config import Settings, session_secret


def subject_key(settings: Settings) -> bytes:
    if settings.subject_key:
        return settings.subject_key.encode()
    return hmac.new(session_secret(settings).encode(), b"aurora-subject-key", hashlib.sha256).digest()


def pseudonymous_subject(settings: Settings, issuer: str, sub: str) -> str:
    return hmac.new(subject_key(settings), f"{issuer}\0{sub}".encode(), hashlib.sha256).hexdigest()
