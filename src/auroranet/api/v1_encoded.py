"""A v1 answer (``recommend_service``, ``text_search``) encoded straight to its response bytes.

Most of a v1 answer is the same for every request: the services' v1 objects (``v1_format.static_service``).
Each one is encoded once per catalogue snapshot into a template, cut where the per-request values go: the
channels' signed ``web_pages`` and ``session_transfer`` flags, the ``similarity_score`` and ``rank``. A
request then joins bytes instead of copying and re-encoding the whole objects; the result is byte for
byte what ``orjson.dumps`` gives for ``render_answer``'s objects (tests/network/test_v1_encoded.py).

    body = encode_v1(answer, base_url=base, key=tracking_key(rt), session_id=sid)
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import orjson

from auroranet.api.v1_format import snapshot_map, static_service
from auroranet.search.index import SearchIndex
from auroranet.usecases.links import LinkSigner, channel_message, link_base, link_head, link_middle, link_tail
from auroranet.usecases.recommend import Answer

_MARK = f"\x00{secrets.token_hex(16)}"  # in no catalogue text: cut the encoded object here
_CUT = orjson.dumps(_MARK)


@dataclass(frozen=True)
class _Channel:
    id: str
    e_channel: bool  # EChannel links carry the session id
    links: tuple[bytes, ...]  # per page ``link_id`` indexes: its id, as text
    signed: tuple[bytes, ...]  # per page: ``links.channel_message`` and its id, what its signature covers
    url: bytes  # ``links.link_head`` after ``link_base``, JSON-escaped
    head: bytes  # the object up to the value of "web_pages", and its "["
    ends: tuple[bytes, bytes]  # from the "]" of "web_pages" to the end: session_transfer false, true


@dataclass(frozen=True)
class _Template:
    head: bytes  # the service object up to the channel list's "["
    channels: tuple[_Channel, ...]


def _cut(obj: dict[str, Any], *keys: str) -> list[bytes]:
    parts = orjson.dumps({**obj, **{k: _MARK for k in keys}}).split(_CUT)
    assert len(parts) == len(keys) + 1, "template mark in the data"
    return parts


def _template(obj: dict[str, Any]) -> _Template:
    channels = []
    for ch in obj["service_channels"]:
        head, middle, tail = _cut(ch, "web_pages", "session_transfer")
        assert tail == b"}"
        sid, cid = obj["service_id"], ch["service_channel_id"]
        ids = tuple(str(i).encode() for i in range(len(ch["web_pages"])))
        message = channel_message(sid, cid)
        channels.append(_Channel(cid, ch["service_channel_type"] == "EChannel", ids,
                                 tuple(message + i for i in ids), _escaped(link_head("", sid, cid)), head + b"[",
                                 (b"]" + middle + b"false}", b"]" + middle + b"true}")))
    head, tail = _cut(obj, "service_channels")
    assert tail == b"}"
    return _Template(head + b"[", tuple(channels))


def _escaped(text: str) -> bytes:
    """``text`` as inside a JSON string: the escaping is per character, so pieces escaped apart join to
    the escaped whole."""
    return orjson.dumps(text)[1:-1]


_TEMPLATES: "WeakKeyDictionary[SearchIndex, dict[str, _Template]]" = WeakKeyDictionary()


def encode_v1(answer: Answer, *, base_url: str, key: bytes, session_id: str) -> bytes:
    """The v1 response body: ``{"recommended_services": [...], "auroraai_recommendation_id": id}``. The
    tracking URLs are ``links.tracking_urls``' URLs, joined here from their escaped pieces."""
    rid = answer.recommendation_id
    sign_all = LinkSigner(key, rid).sign_all
    base = b'"' + _escaped(link_base(base_url))
    middle = _escaped(link_middle(rid))
    tails = (_escaped(link_tail()) + b'"', _escaped(link_tail(session_id)) + b'"')
    transfer = answer.transfer
    templates = snapshot_map(_TEMPLATES, answer)  # once per answer; None: the mock service, made each time
    services = []
    for h in answer.hits:
        svc = answer.services.get(h.service_id)
        if svc is None:
            continue
        t = templates.get(svc.id) if templates is not None else None
        if t is None:
            t = _template(static_service(answer, svc))
            if templates is not None:
                templates[svc.id] = t
        channels = []
        for ch in t.channels:
            end = ch.ends[transfer.get(ch.id, False)]
            if not ch.links:
                channels.append(ch.head + end)
                continue
            head, tail = base + ch.url, tails[ch.e_channel]
            pages = b",".join([b"".join((head, i, middle, sig, tail))
                               for i, sig in zip(ch.links, sign_all(ch.signed))])
            channels.append(b"".join((ch.head, pages, end)))
        services.append(b"".join((t.head, b",".join(channels), b'],"similarity_score":',
                                  orjson.dumps(float(h.score)), b',"rank":', orjson.dumps(h.rank), b"}")))
    return b"".join((b'{"recommended_services":[', b",".join(services), b'],"auroraai_recommendation_id":',
                     orjson.dumps(rid), b"}"))
