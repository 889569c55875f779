"""Link tracking: check that the link was really handed out (signed, shown), count the click once, return
the target."""

from __future__ import annotations

from auroranet.catalogue.urls import safe_web_url
from auroranet.errors import InputError
from auroranet.network.mock import MOCK_SERVICE_ID
from auroranet.runtime import Runtime
from auroranet.usage import service as usage
from auroranet.usecases.links import link_targets, merge_query, signature_ok, tracking_key
from auroranet.usecases.records import channel, service

BAD_SIGNATURE = "Missing or invalid signature: use the tracking link exactly as it was given."


def follow_link(rt: Runtime, *, service_id: str, channel_id: str, link_id: int, recommendation_id: int,
                signature: str, session_id: str = "", access_token: str = "") -> str | None:
    """The target URL with ``session_id`` / ``auroraai_access_token`` merged in, or None for a link that
    was never handed out. Raises ``InputError`` for an unsigned or altered link. A repeated click is
    counted once (per recommendation, service, channel and link) and still redirects. No token is stored."""
    if not signature_ok(tracking_key(rt), signature, service_id=service_id, channel_id=channel_id,
                        link_id=link_id, recommendation_id=recommendation_id):
        raise InputError(BAD_SIGNATURE)
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
    if rt.usage_log is not None:
        rt.usage_log.flush_if_pending(recommendation_id)  # still buffered: written first
    with rt.writes, rt.db.session() as s:
        if not usage.was_shown(s, recommendation_id, service_id):
            return None
        usage.record_click(s, recommendation_id=recommendation_id, service_id=service_id, channel_id=channel_id,
                           link_id=link_id)
    return safe_web_url(merge_query(pages[link_id], [("session_id", session_id),
                                                     ("auroraai_access_token", access_token)]))
