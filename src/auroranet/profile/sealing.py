"""Sealing what the profile holds about a person: AES-GCM under a key derived from the subject key, the
subject as associated data (a row copied to another subject does not open).

    payload = seal(settings, subject, {"meters": {...}})
    data = unseal(settings, subject, payload)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from auroranet.config import Settings
from auroranet.identity.subjects import subject_key


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
