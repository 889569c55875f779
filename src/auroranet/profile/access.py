"""The access log as a one-call helper for other domains' views (consent pages, exports)."""

from __future__ import annotations

from auroranet.profile.service import touch
from auroranet.runtime import Runtime


def log_access(rt: Runtime, subject: str, action: str) -> None:
    with rt.writes, rt.db.session() as s:
        touch(s, subject, action=action)
