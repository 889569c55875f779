"""The personal identity code from the login, held only for official-data lookups.

It never reaches a table: ``keep`` seals it (AES-GCM, a key derived from the subject key, the subject as
associated data) into the person's web session, which is itself encrypted server-side and expires in two
hours; ``take`` opens it in memory for one lookup; signing out or erasing the account drops it.

    keep(session, settings, subject, claims.get(settings.oidc_person_id_claim))
    code = take(session, settings, subject)      # None: the login carried no code
"""

from __future__ import annotations

import re
from typing import Any, Mapping, MutableMapping

from auroranet.config import Settings
from auroranet.identity.subjects import subject_key
from auroranet.sealing import Box, SealError

SESSION_KEY = "person_code"
PURPOSE = "person-code"
# Finnish personal identity code: DDMMYY, century sign, three digits, check character (shape only).
_SHAPE = re.compile(r"^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$")


def _box(settings: Settings) -> Box:
    return Box.derive(subject_key(settings), PURPOSE)


def keep(session: MutableMapping[str, Any], settings: Settings, subject: str, code: object) -> bool:
    """Seal a well-shaped code into the session; anything else is dropped. True when kept."""
    session.pop(SESSION_KEY, None)
    if not isinstance(code, str) or not _SHAPE.match(code.strip().upper()):
        return False
    session[SESSION_KEY] = _box(settings).seal_bytes(code.strip().upper().encode(), aad=subject)
    return True


def take(session: Mapping[str, Any], settings: Settings, subject: str) -> str | None:
    raw = session.get(SESSION_KEY)
    if not isinstance(raw, str):
        return None
    try:
        return _box(settings).open_bytes(raw, aad=subject).decode()
    except (SealError, UnicodeDecodeError):  # another subject's, or from before a key change: no code
        return None


def forget(session: MutableMapping[str, Any]) -> None:
    session.pop(SESSION_KEY, None)
