"""Codes and secrets: claim codes (handed out by professionals), wallet codes (held by the person),
order codes (what a provider sees) and the encryption of contact details a person chose to give.

Only SHA-256 hashes of claim and wallet codes are stored; they are random (60 and 100 bits), so a
plain hash is enough, and they are compared by looking up the hash. Codes use an alphabet without
look-alike characters and are read back case- and separator-insensitively ("abcd efgh" = "ABCD-EFGH").
"""

from __future__ import annotations

import hashlib
import re
import secrets as _random

from auroranet.sealing import Box, SealError

MAX_CODES = 10_000  # claim codes in one issued batch (the CLI's --count limit)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols: 5 bits each, no 0/O, 1/I
_NOT_CODE = re.compile(r"[^A-Z0-9]")


def _random_code(n: int) -> str:
    raw = "".join(_random.choice(ALPHABET) for _ in range(n))
    return "-".join(raw[i:i + 4] for i in range(0, n, 4))


def claim_code() -> str:
    return _random_code(12)


def wallet_code() -> str:
    return _random_code(20)


def order_code() -> str:
    return "T-" + "".join(_random.choice(ALPHABET) for _ in range(8))


def normalise(code: str) -> str:
    return _NOT_CODE.sub("", code.upper())[:40]


def code_hash(purpose: str, code: str) -> str:
    return hashlib.sha256(f"{purpose}\0{normalise(code)}".encode()).hexdigest()


def owner_hash(subject: str) -> str:
    return hashlib.sha256(f"wallet-owner\0{subject}".encode()).hexdigest()


CONTACT_PURPOSE = "wallet-contact-key"


def seal_contact(text: str, secret: str, order: str) -> str:
    """The contact a person gave with an order (``auroranet.sealing``), bound to the order code."""
    return Box.derive(secret, CONTACT_PURPOSE).seal_bytes(text.encode(), aad=order)


def open_contact(payload: str, secret: str, order: str) -> str | None:
    """The contact, or None when it does not open (the order shows without it)."""
    try:
        return Box.derive(secret, CONTACT_PURPOSE).open_bytes(payload, aad=order).decode()
    except (SealError, UnicodeDecodeError):
        return None
