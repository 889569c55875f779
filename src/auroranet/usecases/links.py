"""Links: where a channel's links point, and the one tracking-URL builder (API v1, v2 and the web app).

``link_targets`` is what ``link_id`` indexes, in v1 and in ``/redirect`` alike: Finnish pages first, as
in v1, then Swedish and English ones, so a channel with only Swedish pages still has working links.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from auroranet.catalogue.models import ChannelRecord

REDIRECT_PATH = "/service-recommender/v1/redirect"
LINK_LANG_ORDER = ("fi", "sv", "en")


def link_targets(channel: ChannelRecord) -> list[str]:
    pages = [p for p in channel.web_pages if p.url]
    order = {lang: i for i, lang in enumerate(LINK_LANG_ORDER)}
    return [p.url for p in sorted(pages, key=lambda p: order.get(p.language or "", len(order)))]


def tracking_url(base_url: str, *, service_id: str, channel_id: str, link_id: int, recommendation_id: int,
                 session_id: str = "", access_token: str = "") -> str:
    """The tracking URL, parameters in v1's fixed order. ``base_url`` "" gives a path (the web app)."""
    url = (f"{base_url.rstrip('/')}{REDIRECT_PATH}?service_id={service_id}"
           f"&service_channel_id={channel_id}&link_id={link_id}&recommendation_id={recommendation_id}")
    if session_id:
        url += "&" + urlencode({"session_id": session_id})
    if access_token:
        url += "&" + urlencode({"auroraai_access_token": access_token})
    return url


def merge_query(url: str, params: list[tuple[str, str]]) -> str:
    """Append parameters to a URL that may already have a query string (``&``, URL-encoded)."""
    params = [(k, v) for k, v in params if v]
    if not params:
        return url
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    return urlunsplit(parts._replace(query=urlencode(query + params)))
