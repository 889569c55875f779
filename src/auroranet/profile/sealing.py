"""Sealing what the profile holds about a person (``auroranet.sealing``): a key derived from the subject
key, the subject as associated data (a row copied to another subject does not open).

    payload = seal(settings, subject, {"meters": {...}})
    data = unseal(settings, subject, payload)     # SealError when it does not open

A profile row that does not open is not "no data": it means the subject key changed or the row was
tampered with, so ``unseal`` raises rather than showing an empty profile.
"""

from __future__ import annotations

from typing import Any

from auroranet.config import Settings
from auroranet.identity.subjects import subject_key
from auroranet.sealing import Box

PURPOSE = "profile-payload"


def _box(settings: Settings) -> Box:
    return Box.derive(subject_key(settings), PURPOSE)


def seal(settings: Settings, subject: str, data: dict[str, Any]) -> str:
    return _box(settings).seal(data, aad=subject)


def unseal(settings: Settings, subject: str, payload: str) -> dict[str, Any]:
    return _box(settings).open(payload, aad=subject)
