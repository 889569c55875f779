"""The referral's sealing key and the one-time follow-up code.

Sealing is ``auroranet.sealing``: the key is derived from the web session secret
(``Runtime.session_secret()``) with its own purpose, so one configured secret protects both; the
referral id is the associated data, so a sealed payload cannot be moved to another referral.

    box = sealer_of(rt.session_secret())
    text = box.seal({"message": "..."}, aad="r1")
    open_or_empty(box, text, aad="r1")
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from auroranet.sealing import Box, SealError

PURPOSE = "referrals-aes-gcm-v1"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_GROUPS = 4


def sealer_of(secret: str) -> Box:
    return Box.derive(secret, PURPOSE)


def open_or_empty(box: Box, payload: str | None, *, aad: str) -> dict[str, Any]:
    """A referral or chat field: {} when it is empty or does not open (the row shows without it)."""
    try:
        return box.open(payload, aad=aad)
    except SealError:
        return {}


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
