"""The personal identity code from the login, held only for official-data lookups.

It never reaches a table: ``keep`` seals it (AES-GCM, a key derived from the subject key, the subject as
associated data) into the person's web session, which is itself encrypted server-side and expires in two
hours; ``take`` opens it in memory for one lookup; signing out or erasing the account drops it.

    keep(session, settings, subject, claims.get(settings.oidc_person_id_claim))
    code = take(session, settings, subject)      # None: the login carried no code
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from typing import Any, Mapping, MutableMapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from auroranet.config import Settings
from auroranet.identity.subjects import subject_key

SESSION_KEY = "person_code"
# Finnish personal identity code: DDMMYY, century sign, three digits, check character (shape only).
_SHAPE = re.compile(r"^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$")


def _key(settings: Settings) -> bytes:
    return hmac.new(subject_key(settings), b"person-code", hashlib.sha256).digest()


def keep(session: MutableMapping[str, Any], settings: Settings, subject: str, code: object) -> bool:
    """Seal a well-shaped code into the session; anything else is dropped. True when kept."""
    session.pop(SESSION_KEY, None)
    if not isinstance(code, str) or not _SHAPE.match(code.strip().upper()):
        return False
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_key(settings)).encrypt(nonce, code.strip().upper().encode(), subject.encode())
    session[SESSION_KEY] = base64.b64encode(nonce + sealed).decode()
    return True


def take(session: Mapping[str, Any], settings: Settings, subject: str) -> str | None:
    raw = session.get(SESSION_KEY)
    if not isinstance(raw, str):
        return None
    try:
        data = base64.b64decode(raw)
        return AESGCM(_key(settings)).decrypt(data[:12], data[12:], subject.encode()).decode()
    except (ValueError, InvalidTag):
        return None


def forget(session: MutableMapping[str, Any]) -> None:
    session.pop(SESSION_KEY, None)
