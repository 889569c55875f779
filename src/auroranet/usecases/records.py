"""The records behind hits, read from the engine's current snapshot (no query per id; the snapshot is
the same catalogue the hits came from). The v1 mock service is answered from memory."""

from __future__ import annotations

from typing import Sequence

from auroranet.catalogue.models import ChannelRecord, ServiceRecord
from auroranet.network.mock import MOCK_SERVICE_ID, mock_records
from auroranet.runtime import Runtime
from auroranet.search.index import SearchIndex

Records = tuple[dict[str, ServiceRecord], dict[str, ChannelRecord]]


def records_for(rt: Runtime, ids: Sequence[str], *, mock: bool = False, cat: SearchIndex | None = None) -> Records:
    """Records for ids, from ``cat`` (default: the current snapshot; pass the one you already hold so a
    swap in between cannot mix two catalogues)."""
    if mock:
        svc, chs = mock_records(rt.settings.public_base_url)
        return {svc.id: svc}, chs
    cat = rt.catalogue() if cat is None else cat
    services = {sid: cat.services[cat.pos[sid]] for sid in dict.fromkeys(ids) if sid in cat.pos}
    channels = {cid: cat.channels[cid] for svc in services.values() for cid in svc.channel_ids
                if cid in cat.channels}
    return services, channels


def service(rt: Runtime, service_id: str) -> ServiceRecord | None:
    if service_id == MOCK_SERVICE_ID:
        return mock_records(rt.settings.public_base_url)[0]
    cat = rt.catalogue()
    i = cat.pos.get(service_id)
    return cat.services[i] if i is not None else None


def channel(rt: Runtime, channel_id: str) -> ChannelRecord | None:
    _, mocks = mock_records(rt.settings.public_base_url)
    if channel_id in mocks:
        return mocks[channel_id]
    return rt.catalogue().channels.get(channel_id)
