"""Recommendations and search, for every front door: ask the engine, keep the hits whose records the
snapshot has, page them, log what was shown (and an unmet need when a search found nothing) in one
short write, and hand back the records and the session-transfer flags the front door renders.

    answer = recommend(rt, query, caller=caller, path=request.url.path, session_id="abc")
    answer.recommendation_id, answer.hits, answer.services, answer.transfer
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from auroranet.catalogue.models import ChannelRecord, ServiceRecord
from auroranet.engine.contract import Hit, RecommendQuery, SearchQuery
from auroranet.network.mock import mock_hits
from auroranet.recommend.meters import needs_from_scores
from auroranet.runtime import Runtime
from auroranet.safety import UrgentHelp, crisis_in_text, help_for_meters
from auroranet.search.index import SearchIndex
from auroranet.usage import service as usage
from auroranet.usage.service import SESSION_ID_CHARS, UNMET_TEXT_CHARS, Kind, Shown
from auroranet.usecases.caller import Caller
from auroranet.usecases.curated import curated_recommend, curated_search
from auroranet.usecases.records import records_for
from auroranet.usecases.refine import WIDE_LIMIT, Refine, refine as apply_refine

log = logging.getLogger(__name__)


@dataclass
class Answer:
    recommendation_id: int
    hits: list[Hit]
    services: dict[str, ServiceRecord]
    channels: dict[str, ChannelRecord]
    transfer: dict[str, bool] = field(default_factory=dict)  # channel id -> a registered service receives attributes
    catalogue: SearchIndex | None = None  # the snapshot the records came from (None for the v1 mock service)
    urgent_help: list[UrgentHelp] = field(default_factory=list)  # crisis services shown first ([]: no crisis seen)
    distances: dict[str, float] = field(default_factory=dict)  # service id -> km (when a point was given)


def _ranked(hits: list[Hit]) -> list[Hit]:
    for i, h in enumerate(hits, start=1):
        h.rank = i
    return hits


def _finish(rt: Runtime, hits: list[Hit], event: Shown, *, mock: bool, offset: int, limit: int,
            unmet: tuple[str, SearchQuery] | None = None, logged_as: int | None = None,
            refine: Refine | None = None) -> Answer:
    cat = None if mock else rt.catalogue()  # one snapshot for the whole answer
    services, channels = records_for(rt, [h.service_id for h in hits], mock=mock, cat=cat)
    known = [h for h in hits if h.service_id in services]
    refined = apply_refine(refine, known, services, channels, cat) if refine is not None else None
    shown = _ranked(refined.hits if refined is not None else known)[offset:offset + limit]
    unmet_text = usage.clean(unmet[0], UNMET_TEXT_CHARS) if unmet is not None and not shown else None
    if logged_as is not None:
        rid = logged_as  # the same answer shown again (the web app's results page): logged once
    elif rt.usage_log is not None and unmet_text is None:
        rid = rt.usage_log.record(event, shown)  # written behind, in a batch (usage/behind.py)
    else:
        reserved = rt.usage_log.allocate() if rt.usage_log is not None else None  # before the lock
        with rt.writes:  # text is scrubbed above: nothing slow happens under the lock
            if unmet_text is not None and unmet is not None:
                with rt.db.session() as s:
                    rid = usage.record_shown(s, event, shown, reserved)
                    usage.record_unmet_need(s, text=unmet_text, lang=unmet[1].lang, filters=unmet[1].filters,
                                            front=event.front, client_id=event.client_id)
            else:
                with rt.db.engine.begin() as conn:  # Core: the ORM unit of work costs more than the inserts
                    rid = usage.record_shown(conn, event, shown, reserved)
    kept = {h.service_id for h in shown}
    if len(kept) < len(services):  # else every record is shown (kept is within them): nothing to drop
        services = {sid: svc for sid, svc in services.items() if sid in kept}
        used = {cid for svc in services.values() for cid in svc.channel_ids}
        channels = {cid: ch for cid, ch in channels.items() if cid in used}
    distances = {sid: km for sid, km in refined.distances.items() if sid in kept} if refined is not None else {}
    return Answer(rid, shown, services, channels, _transfer_flags(rt, list(channels)), cat, distances=distances)


def _transfer_flags(rt: Runtime, channel_ids: list[str]) -> dict[str, bool]:
    """Which channels a registered service receives attributes on. A failing registry never fails a
    recommendation: every flag is then false."""
    if not channel_ids:
        return {}
    try:
        receivers = rt.receivers.current().receivers  # one directory for the whole answer
        return {cid: bool((info := receivers.get(cid)) and info.receivable_attributes) for cid in channel_ids}
    except Exception as exc:  # noqa: BLE001 - logged without values; the answer still goes out
        log.warning("session transfer lookup failed", extra={"error_type": type(exc).__name__})
        return {}


def _event(kind: Kind, caller: Caller, *, path: str, session_id: str, lang: str, ranker: str,
           municipality_code: str | None = None, age: int | None = None, life_event: str | None = None,
           needs: dict[str, float] | None = None) -> Shown:
    return Shown(kind=kind, front=caller.front, path=path, lang=lang, client_id=caller.client_id,
                 calling_service=caller.service_name, calling_organisation=caller.organisation,
                 session_id=usage.clean(session_id, SESSION_ID_CHARS), municipality_code=municipality_code, age=age,
                 life_event=life_event, needs=needs or {}, ranker=ranker)


def _hits(rt: Runtime, q: RecommendQuery | SearchQuery, caller: Caller, *, rerank: bool, mock: bool,
          refine: Refine | None = None) -> list[Hit]:
    """The engine's hits (the v1 mock service's for a mock request), reranked with the caller's name as
    the reranker was trained when asked; more of them when a refinement may drop some."""
    if mock:
        return mock_hits()
    if refine is not None and refine.narrows and q.limit < WIDE_LIMIT:
        q = replace(q, limit=WIDE_LIMIT)
    hits = rt.engine.recommend(q) if isinstance(q, RecommendQuery) else rt.engine.search(q)
    return rt.engine.rerank(q, hits, calling_service=caller.service_name) if rerank else hits


def recommend(rt: Runtime, q: RecommendQuery, *, caller: Caller, path: str, session_id: str = "",
              rerank: bool = False, offset: int = 0, limit: int | None = None, mock: bool = False,
              logged_as: int | None = None, refine: Refine | None = None) -> Answer:
    """``q.limit`` should cover ``offset + limit``; ``logged_as`` reuses an earlier log row for the same
    answer; ``refine`` narrows and sorts the hits (refine.py). Raises ``InputError`` for a query the
    engine refuses."""
    limit = q.limit - offset if limit is None else limit
    hits = _hits(rt, q, caller, rerank=rerank, mock=mock, refine=refine)
    needs = dict(needs_from_scores(dict(q.meters))) if q.meters else {}
    municipality = q.municipality_code or (q.filters.municipality_codes[0] if q.filters.municipality_codes else None)
    if not mock:
        hits = curated_recommend(rt, q, hits, municipality)
    event = _event("recommend", caller, path=path, session_id=session_id, lang=q.lang,
                   ranker="rerank" if rerank else "base", municipality_code=municipality, age=q.age,
                   life_event=q.life_event, needs=needs)
    answer = _finish(rt, hits, event, mock=mock, offset=offset, limit=limit, logged_as=logged_as, refine=refine)
    answer.urgent_help = help_for_meters(q.meters, q.lang, age=q.age)  # urgent help: from the profile
    return answer


def search(rt: Runtime, q: SearchQuery, *, caller: Caller, path: str, session_id: str = "", rerank: bool = False,
           record_unmet: bool = False, mock: bool = False, nothing_to_search: bool = False,
           refine: Refine | None = None) -> Answer:
    """Search; when nothing is found and ``record_unmet``, the (scrubbed) text is kept as an unmet need,
    unless it signals a crisis (then only the urgent-help list comes back with the answer).
    ``nothing_to_search`` (a v1 text of special characters only) answers with no hits, logged as any other."""
    # urgent help from the text (never stored); a crisis text searches, below it, for help of that kind
    urgent, refocus = crisis_in_text(q.text, q.lang)
    asked = q if refocus is None else replace(q, text=refocus, keywords=True)
    hits = [] if nothing_to_search else _hits(rt, asked, caller, rerank=rerank, mock=mock, refine=refine)
    municipality = q.filters.municipality_codes[0] if q.filters.municipality_codes else None
    if not mock and not nothing_to_search and refocus is None:
        hits = curated_search(rt, q, hits, municipality)
    event = _event("search", caller, path=path, session_id=session_id, lang=q.lang,
                   ranker="rerank" if rerank else "base", municipality_code=municipality)
    # A crisis text is never kept as an unmet need: the person is pointed to urgent help instead.
    keep = record_unmet and q.offset == 0 and not urgent
    answer = _finish(rt, hits, event, mock=mock, offset=0, limit=q.limit, unmet=(q.text, q) if keep else None,
                     refine=refine)
    answer.urgent_help = urgent
    return answer


def shown_single(rt: Runtime, service_id: str, *, caller: Caller, path: str, session_id: str = "",
                 lang: str = "fi") -> int:
    """Log one service a person opened outside a recommendation (so a hand-over and its click are
    tracked like any other). Returns the recommendation id."""
    event = _event("handover", caller, path=path, session_id=session_id, lang=lang, ranker="base")
    reserved = rt.usage_log.allocate() if rt.usage_log is not None else None  # before the lock
    with rt.writes, rt.db.session() as s:
        return usage.record_shown(s, event, [Hit(service_id=service_id, score=0.0, rank=1)], reserved)
