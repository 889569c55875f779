"""Links: where a channel's links point, and the one tracking-URL builder (API v1, v2 and the web app).

``link_targets`` is what ``link_id`` indexes, in v1 and in ``/redirect`` alike: Finnish pages first, as
in v1, then Swedish and English ones, so a channel with only Swedish pages still has working links. Only
safe http(s) pages count (``catalogue.urls.safe_web_url``), so a bad row in the store never becomes a link.

Tracking links are signed: ``sig`` is an HMAC over the recommendation, service, channel and link ids with
a key derived from the server's session secret, so ``/redirect`` counts only clicks on links it handed out.
``session_id`` and ``auroraai_access_token`` are not signed: clients add them.

    key = tracking_key(rt)
    url = tracking_url(base, key=key, service_id=s, channel_id=c, link_id=0, recommendation_id=rid)
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from auroranet.catalogue.models import ChannelRecord
from auroranet.catalogue.urls import safe_web_url

if TYPE_CHECKING:
    from auroranet.runtime import Runtime

REDIRECT_PATH = "/service-recommender/v1/redirect"
LINK_LANG_ORDER = ("fi", "sv", "en")
SIG_PARAM = "sig"
SIG_CHARS = 32  # hex: 128 bits of HMAC-SHA256
_KEY_LABEL = b"tracking-links"


def link_targets(channel: ChannelRecord) -> list[str]:
    pages = [p for p in channel.web_pages if safe_web_url(p.url)]
    order = {lang: i for i, lang in enumerate(LINK_LANG_ORDER)}
    return [p.url for p in sorted(pages, key=lambda p: order.get(p.language or "", len(order)))]


def tracking_key(rt: "Runtime") -> bytes:
    """The key that signs tracking links: derived from the server's session secret, which every worker and
    host of one deployment shares (read where the web app reads it)."""
    return _derive(rt.session_secret())


@lru_cache(maxsize=8)
def _derive(secret: str) -> bytes:
    return hmac.new(secret.encode(), _KEY_LABEL, hashlib.sha256).digest()


_IPAD = bytes(x ^ 0x36 for x in range(256))
_OPAD = bytes(x ^ 0x5C for x in range(256))
_BLOCK = hashlib.sha256().block_size


@lru_cache(maxsize=8)
def _pads(key: bytes) -> tuple["hashlib._Hash", "hashlib._Hash"]:
    """HMAC-SHA256's inner and outer hash states after the padded key (RFC 2104), computed once per key:
    each signature then costs two SHA-256 copies, not an HMAC set-up (a v1 answer signs about 20 links)."""
    k = (hashlib.sha256(key).digest() if len(key) > _BLOCK else key).ljust(_BLOCK, b"\0")
    return hashlib.sha256(k.translate(_IPAD)), hashlib.sha256(k.translate(_OPAD))


class LinkSigner:
    """Signs the links of one answer: the HMAC state after the key and the recommendation id is taken once
    per answer, so a link costs its own bytes (a v1 answer signs about 20)."""

    __slots__ = ("_inner", "_outer")

    def __init__(self, key: bytes, recommendation_id: int) -> None:
        inner, self._outer = _pads(key)
        self._inner = inner.copy()
        self._inner.update(f"{recommendation_id}\n".encode())

    def sign(self, channel: bytes, link_id: int) -> str:
        """``channel`` is ``channel_message(service_id, channel_id)``."""
        return self.sign_all((channel + str(link_id).encode(),))[0].decode()

    def sign_all(self, links: Sequence[bytes]) -> list[bytes]:
        """The signatures (hex, ASCII) of ``links``, each ``channel_message(...)`` followed by its link id:
        one call for a channel's links."""
        inner, outer, out = self._inner, self._outer, []
        for msg in links:
            i = inner.copy()
            i.update(msg)
            o = outer.copy()
            o.update(i.digest())
            out.append(o.hexdigest()[:SIG_CHARS].encode())  # == hmac.new(key, msg, sha256).hexdigest()[:SIG_CHARS]
        return out


def channel_message(service_id: str, channel_id: str) -> bytes:
    """The signed message is ``{recommendation_id}\n{service_id}\n{channel_id}\n{link_id}``: this is its
    middle, the same for every link of a channel."""
    return f"{service_id}\n{channel_id}\n".encode()


def link_signature(key: bytes, *, service_id: str, channel_id: str, link_id: int, recommendation_id: int) -> str:
    return LinkSigner(key, recommendation_id).sign(channel_message(service_id, channel_id), link_id)


def signature_ok(key: bytes, signature: str, *, service_id: str, channel_id: str, link_id: int,
                 recommendation_id: int) -> bool:
    want = link_signature(key, service_id=service_id, channel_id=channel_id, link_id=link_id,
                          recommendation_id=recommendation_id)
    return hmac.compare_digest(want.encode(), signature.encode("utf-8", "replace"))


def link_base(base_url: str) -> str:
    """What a tracking URL starts with: the public base URL, "" for paths (the web app)."""
    return base_url.rstrip("/")


def link_head(base_url: str, service_id: str, channel_id: str) -> str:
    """A tracking URL up to its ``link_id`` value: v1's parameters in v1's fixed order."""
    return f"{link_base(base_url)}{REDIRECT_PATH}?service_id={service_id}&service_channel_id={channel_id}&link_id="


def link_middle(recommendation_id: int) -> str:
    """A tracking URL from after its ``link_id`` value up to its signature's value."""
    return f"&recommendation_id={recommendation_id}&{SIG_PARAM}="


def link_tail(session_id: str = "", access_token: str = "") -> str:
    """A tracking URL after its signature: the unsigned parameters clients add, when given."""
    tail = ""
    if session_id:
        tail += "&" + urlencode({"session_id": session_id})
    if access_token:
        tail += "&" + urlencode({"auroraai_access_token": access_token})
    return tail


def tracking_urls(base_url: str, *, key: bytes, service_id: str, channel_id: str, link_ids: range,
                  recommendation_id: int, session_id: str = "", access_token: str = "") -> list[str]:
    """The signed tracking URLs of one channel's links: ``link_head``, the link id, ``link_middle``, the
    signature, ``link_tail``. ``base_url`` "" gives paths (the web app)."""
    head = link_head(base_url, service_id, channel_id)
    middle = link_middle(recommendation_id)
    tail = link_tail(session_id, access_token)
    signer = LinkSigner(key, recommendation_id)
    msg = channel_message(service_id, channel_id)
    return [f"{head}{i}{middle}{signer.sign(msg, i)}{tail}" for i in link_ids]


def tracking_url(base_url: str, *, key: bytes, service_id: str, channel_id: str, link_id: int,
                 recommendation_id: int, session_id: str = "", access_token: str = "") -> str:
    """One signed tracking URL (``tracking_urls``)."""
    return tracking_urls(base_url, key=key, service_id=service_id, channel_id=channel_id,
                         link_ids=range(link_id, link_id + 1), recommendation_id=recommendation_id,
                         session_id=session_id, access_token=access_token)[0]


def merge_query(url: str, params: list[tuple[str, str]]) -> str:
    """Append parameters to a URL that may already have a query string (``&``, URL-encoded)."""
    params = [(k, v) for k, v in params if v]
    if not params:
        return url
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    return urlunsplit(parts._replace(query=urlencode(query + params)))
