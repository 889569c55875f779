"""AES-GCM for what identifies a person, and the one-time follow-up code.

The key is derived from the web session secret (``Runtime.session_secret()``) with its own purpose, so
one configured secret protects both; the referral id is the associated data, so a sealed payload cannot
be moved to another referral.

    box = Sealer.of(rt)
    text = box.seal({"message": "..."}, aad="r1")
    box.open(text, aad="r1")
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_GROUPS = 4


@dataclass(frozen=True)
class Sealer:
    key: bytes

    @classmethod
    def from_secret(cls, secret: str) -> "Sealer":
        return cls(hmac.new(secret.encode(), b"referrals-aes-gcm-v1", hashlib.sha256).digest())

    def seal(self, data: dict[str, Any], *, aad: str) -> str:
        nonce = secrets.token_bytes(12)
        body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
        return base64.b64encode(nonce + AESGCM(self.key).encrypt(nonce, body, aad.encode())).decode()

    def open(self, payload: str | None, *, aad: str) -> dict[str, Any]:
        """The sealed data, or {} when missing or not openable (wrong key or tampered)."""
        if not payload:
            return {}
        try:
            raw = base64.b64decode(payload)
            data = json.loads(AESGCM(self.key).decrypt(raw[:12], raw[12:], aad.encode()))
        except (ValueError, InvalidTag):
            return {}
        return data if isinstance(data, dict) else {}


def new_code() -> str:
    """A one-time code to follow a referral: 16 characters (80 bits), in groups of four."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4 * CODE_GROUPS))
    return "-".join(chars[i:i + 4] for i in range(0, len(chars), 4))


def normalise_code(text: str) -> str:
    chars = "".join(c for c in text.upper() if c in CODE_ALPHABET)[: 4 * CODE_GROUPS]
    return "-".join(chars[i:i + 4] for i in range(0, len(chars), 4))


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def new_public_id() -> str:
    return secrets.token_hex(12)
