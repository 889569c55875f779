"""AES-GCM sealing: the one implementation, under every package that encrypts what identifies a person.

A key is derived per purpose: HMAC-SHA256(secret, purpose), so one configured secret gives each use its
own key. A sealed payload is base64(nonce (12 random bytes) + ciphertext + tag); the associated data
binds it to its row, subject or session (a payload copied elsewhere does not open). Dicts are sealed as
compact JSON. This is the byte format every caller wrote before this module existed, so their stored
rows, sessions and cookies keep opening.

The failure contract: ``open`` and ``open_bytes`` raise ``SealError`` for a payload that is missing,
malformed, tampered with, sealed under another key or associated data, or (``open``) not a JSON object.
A caller for which that means "nothing there" catches it itself.

    box = Box.derive(secret, "referrals-aes-gcm-v1")
    text = box.seal({"message": "..."}, aad="referral:r1")
    box.open(text, aad="referral:r1")              # {"message": "..."}; SealError when it does not open
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any, Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


class SealError(Exception):
    """A sealed payload that does not open (missing, malformed, tampered, wrong key or associated data)."""


def derive_key(secret: str | bytes, purpose: str) -> bytes:
    """The 256-bit key of one purpose: HMAC-SHA256(secret, purpose)."""
    raw = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(raw, purpose.encode(), hashlib.sha256).digest()


@dataclass(frozen=True)
class Box:
    key: bytes

    @classmethod
    def derive(cls, secret: str | bytes, purpose: str) -> "Box":
        return cls(derive_key(secret, purpose))

    def seal_bytes(self, data: bytes, *, aad: str) -> str:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return base64.b64encode(nonce + AESGCM(self.key).encrypt(nonce, data, aad.encode())).decode()

    def open_bytes(self, payload: str | None, *, aad: str) -> bytes:
        if not payload:
            raise SealError("nothing sealed")
        try:
            raw = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise SealError("not base64") from exc
        if len(raw) <= NONCE_BYTES:
            raise SealError("too short")
        try:
            return AESGCM(self.key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad.encode())
        except InvalidTag as exc:
            raise SealError("does not open under this key and associated data") from exc

    def seal(self, data: Mapping[str, object], *, aad: str) -> str:
        return self.seal_bytes(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode(), aad=aad)

    def open(self, payload: str | None, *, aad: str) -> dict[str, Any]:
        body = self.open_bytes(payload, aad=aad)
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise SealError("not JSON") from exc
        if not isinstance(data, dict):
            raise SealError("not a JSON object")
        return data
