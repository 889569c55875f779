"""Link tracking: check that the link was really handed out, log the click, return the target."""

from __future__ import annotations

from auroranet.network.mock import MOCK_SERVICE_ID
from auroranet.runtime import Runtime
from auroranet.usage import service as usage
from auroranet.usecases.links import link_targets, merge_query
from auroranet.usecases.records import channel, service


def follow_link(rt: Runtime, *, service_id: str, channel_id: str, link_id: int, recommendation_id: int,
                session_id: str = "", access_token: str = "") -> str | None:
    """The target URL with ``session_id`` / ``auroraai_access_token`` merged in, or None for a link that
    was never handed out. No token is stored."""
    ch = channel(rt, channel_id)
    if ch is None:
        return None
    pages = link_targets(ch)
    if not 0 <= link_id < len(pages):
        return None
    if service_id != MOCK_SERVICE_ID:
        svc = service(rt, service_id)
        if svc is None or channel_id not in svc.channel_ids:
            return None
    with rt.writes, rt.db.session() as s:
        if not usage.was_shown(s, recommendation_id, service_id):
            return None
        usage.record_click(s, recommendation_id=recommendation_id, service_id=service_id, channel_id=channel_id,
                           link_id=link_id)
    return merge_query(pages[link_id], [("session_id", session_id), ("auroraai_access_token", access_token)])
