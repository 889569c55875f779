"""Network API logic without HTTP: engine calls, the v1 service object, the recommendation log, feedback,
link tracking and retention.

Every successful recommendation or search stores one ``recommendations`` row (request body scrubbed of
identity codes, e-mail addresses and phone numbers) and one ``recommendation_services`` row per returned
service with its rank, score and the engine's per-source features: the training signal for the reranker,
together with clicks (``redirects``) and feedback. Rows older than ``settings.log_retention_days`` are
deleted by ``purge_old_records``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Callable, Iterable, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: threads only
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.orm import Session

from auroranet.catalogue import service as catalogue
from auroranet.catalogue.models import CHANNEL_TYPES, Area, ChannelRecord, ServiceRecord, WebPage
from auroranet.catalogue.models import Channel as ChannelRow
from auroranet.catalogue.models import Service as ServiceRow
from auroranet.config import Settings
from auroranet.db.core import Database, utcnow
from auroranet.errors import InputError
from auroranet.logs import scrub
from auroranet.network import clients
from auroranet.network.clients import ClientInfo
from auroranet.network.models import (
    Recommendation,
    RecommendationFeedback,
    RecommendationService,
    Redirect,
    ServiceFeedback,
    UnmetNeed,
)
from auroranet.network.schemas import (
    HOSPITAL_DISTRICT_CODES,
    MOCK_MUNICIPALITY,
    REGION_CODES,
    SERVICE_CLASS_PREFIX,
    WELLBEING_COUNTY_CODES,
    FeedbackIn,
    ServiceFiltersIn,
)
from auroranet.search.schemas import Hit, RecommendQuery, SearchQuery, ServiceFilters

log = logging.getLogger(__name__)

REDIRECT_PATH = "/service-recommender/v1/redirect"
ALWAYS_OPEN = "Aina avoinna"


class CodeError(Exception):
    """Request values that pass the schema but are not in a code list; ``details`` as marshmallow would."""

    def __init__(self, details: dict[str, Any]) -> None:
        super().__init__("invalid codes")
        self.details = details


@dataclass(frozen=True)
class Caller:
    """Who is calling: a registered client, or nobody when authentication is off (local development)."""

    client: ClientInfo | None

    @property
    def client_id(self) -> str | None:
        return self.client.id if self.client else None

    @property
    def service_name(self) -> str:
        return self.client.names.get("fi", "") if self.client else ""

    @property
    def organisation(self) -> str:
        return self.client.provider.get("fi", "") if self.client else ""


# ---------------------------------------------------------------------------------------------
# Mock service for session-transfer testing (v1: municipality "000")
# ---------------------------------------------------------------------------------------------

MOCK_SERVICE_ID = "6a2b1374-9a2d-47bc-8cd9-33b0db1566e1"
MOCK_CHANNELS = (
    ("f4eda39d-92ba-40cd-ae4a-a524e586969f", "Testipalvelu 1 (osa attribuuteista)"),
    ("0ba11195-de64-43b3-af64-41aba7285364", "Testipalvelu 2 (kaikki attribuutit)"),
    ("7a330e4e-5f1b-4c4e-9a51-2b8f0c6d1e77", "Testipalvelu 3 (ei siirtoa)"),
)


def mock_records(settings: Settings) -> tuple[ServiceRecord, dict[str, ChannelRecord]]:
    url = settings.public_base_url.rstrip("/") + "/mock-service/service"
    channels = {cid: ChannelRecord(id=cid, type="EChannel", names={"fi": name}, summary={"fi": "Testikanava."},
                                   description={"fi": "Istunnon siirron testikanava."},
                                   web_pages=[WebPage(url=url, language="fi")])
                for cid, name in MOCK_CHANNELS}
    svc = ServiceRecord(id=MOCK_SERVICE_ID, source="mock", names={"fi": "Testipalvelu istunnon siirtoon"},
                        summary={"fi": "Testipalvelu AuroraAI-istunnon siirron kokeiluun."},
                        description={"fi": "Palauttaa testikanavia, joihin voi siirtää attribuutteja."},
                        area_type="Nationwide", channel_ids=[c for c, _ in MOCK_CHANNELS])
    return svc, channels


def is_mock_request(f: ServiceFiltersIn | None) -> bool:
    if f is None:
        return False
    areas = f.given("municipality_codes") + f.given("region_codes") + f.given("hospital_district_codes") + \
        f.given("wellbeing_service_county_codes")
    return areas == [MOCK_MUNICIPALITY]


# ---------------------------------------------------------------------------------------------
# Filters and code lists
# ---------------------------------------------------------------------------------------------


def to_filters(f: ServiceFiltersIn | None) -> ServiceFilters:
    if f is None:
        return ServiceFilters()
    return ServiceFilters(
        municipality_codes=tuple(c for c in f.given("municipality_codes") if c != MOCK_MUNICIPALITY),
        region_codes=tuple(f.given("region_codes")),
        hospital_district_codes=tuple(f.given("hospital_district_codes")),
        wellbeing_service_county_codes=tuple(f.given("wellbeing_service_county_codes")),
        include_national_services=f.include_national_services,
        only_national_services=f.only_national_services,
        service_classes=tuple(u.removeprefix(SERVICE_CLASS_PREFIX) for u in f.given("service_classes")),
        target_groups=tuple(f.given("target_groups")),
        service_collections=tuple(f.given("service_collections")),
        funding_types=tuple(f.given("funding_type")),
    )


@dataclass
class CodeSets:
    municipalities: frozenset[str] | None
    regions: frozenset[str]
    hospital_districts: frozenset[str]
    wellbeing_counties: frozenset[str]
    service_classes: frozenset[str] | None
    loaded_at: float


CODES_TTL = 300.0


def codes_cached(runtime: Any) -> bool:
    cached = runtime.extras.get("network.codes")
    return cached is not None and time.monotonic() - cached.loaded_at < CODES_TTL


def code_sets(runtime: Any) -> CodeSets:
    """Valid codes: the loaded reference tables when present, else the built-in public lists."""
    cached = runtime.extras.get("network.codes")
    if cached is not None and time.monotonic() - cached.loaded_at < CODES_TTL:
        return cached
    from auroranet.catalogue import reference

    with runtime.db.session() as s:
        ref = reference.load(s) if reference.is_loaded(s) else None
    if ref is None:
        codes = CodeSets(None, frozenset(REGION_CODES), frozenset(HOSPITAL_DISTRICT_CODES),
                         frozenset(WELLBEING_COUNTY_CODES), None, time.monotonic())
    else:
        areas = ref.areas
        codes = CodeSets(frozenset(ref.municipalities) | {MOCK_MUNICIPALITY},
                         frozenset(areas.get("region", {})) or frozenset(REGION_CODES),
                         frozenset(areas.get("hospital_district", {})) or frozenset(HOSPITAL_DISTRICT_CODES),
                         frozenset(areas.get("wellbeing_county", {})) or frozenset(WELLBEING_COUNTY_CODES),
                         frozenset(ref.service_classes) or None, time.monotonic())
    runtime.extras["network.codes"] = codes
    return codes


def check_codes(runtime: Any, f: ServiceFiltersIn | None, *, municipality_code: str | None = None,
                field: str = "service_filters") -> None:
    """Raise ``CodeError`` for codes that are not in the code lists (the schema checked the shape)."""
    codes = code_sets(runtime)
    errors: dict[str, Any] = {}

    def bad(name: str, values: Iterable[str], valid: frozenset[str] | None, msg: str) -> None:
        if valid is None:
            return
        wrong = {i: [msg] for i, v in enumerate(values) if v not in valid}
        if wrong:
            errors[name] = wrong

    if f is not None:
        bad("municipality_codes", f.given("municipality_codes"), codes.municipalities, "Invalid municipality code.")
        bad("region_codes", f.given("region_codes"), codes.regions, "Invalid region code.")
        bad("hospital_district_codes", f.given("hospital_district_codes"), codes.hospital_districts,
            "Invalid hospital district code.")
        bad("wellbeing_service_county_codes", f.given("wellbeing_service_county_codes"), codes.wellbeing_counties,
            "Invalid wellbeing service county code.")
        bad("service_classes", [u.removeprefix(SERVICE_CLASS_PREFIX) for u in f.given("service_classes")],
            codes.service_classes, "Invalid service class.")
    out: dict[str, Any] = {field: errors} if errors else {}
    if municipality_code is not None and codes.municipalities is not None and municipality_code not in codes.municipalities:
        out["municipality_code"] = ["Invalid municipality code."]
    if out:
        raise CodeError(out)


# ---------------------------------------------------------------------------------------------
# Engine seam: the real engine, or a function a test put in runtime.extras
# ---------------------------------------------------------------------------------------------


def _engine(runtime: Any, key: str, module: str, name: str) -> Callable[..., Any]:
    fn = runtime.extras.get(key)
    if fn is not None:
        return fn  # type: ignore[no-any-return]
    mod = __import__(module, fromlist=[name])
    return getattr(mod, name)  # type: ignore[no-any-return]


def engine_recommend(runtime: Any, q: RecommendQuery) -> list[Hit]:
    return list(_engine(runtime, "network.recommend", "auroranet.recommend.service", "recommend")(runtime, q))


def engine_search(runtime: Any, q: SearchQuery) -> list[Hit]:
    return list(_engine(runtime, "network.text_search", "auroranet.search.service", "text_search")(runtime, q))


def engine_rerank(runtime: Any, q: Any, hits: list[Hit]) -> list[Hit]:
    """Rerank when a reranker exists; keep the engine's order when it does not."""
    try:
        fn = _engine(runtime, "network.rerank", "auroranet.recommend.rerank", "rerank")
    except (ModuleNotFoundError, AttributeError):
        return hits
    try:
        return list(fn(runtime, q, hits))
    except FileNotFoundError:
        return hits


# ---------------------------------------------------------------------------------------------
# Recommendation log
# ---------------------------------------------------------------------------------------------


def scrub_body(body: dict[str, Any]) -> dict[str, Any]:
    out = dict(body)
    if isinstance(out.get("search_text"), str):
        out["search_text"] = scrub(out["search_text"])
    if isinstance(out.get("session_id"), str):
        out["session_id"] = scrub(out["session_id"])[:200]
    return out


def store_recommendation(db: Database, *, caller: Caller, path: str, session_id: str, body: dict[str, Any],
                         hits: list[Hit], ranker: str = "base") -> int:
    with db.session() as s:
        return store_in_session(s, caller=caller, path=path, session_id=session_id, body=body, hits=hits,
                                ranker=ranker)


def store_in_session(s: Session, *, caller: Caller, path: str, session_id: str, body: dict[str, Any],
                     hits: Sequence[Hit], ranker: str = "base", calling_service: str | None = None) -> int:
    """Log which services were shown, in which order, with the engine's per-source scores (the reranker's
    training signal). The API and the web app both log through here; ``body`` is scrubbed first."""
    service_name = calling_service if calling_service is not None else caller.service_name
    rec = Recommendation(created_at=utcnow(), client_id=caller.client_id,
                         calling_service=service_name[:200], calling_organisation=caller.organisation[:200],
                         request_path=path, session_id=scrub(session_id)[:200], request_attributes=scrub_body(body),
                         ranker=ranker)
    s.add(rec)
    s.flush()
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, h in enumerate(hits):
        if h.service_id in seen:
            continue
        seen.add(h.service_id)
        features: dict[str, Any] = dict(h.explanation.sources)
        if h.need:
            features["need"] = h.need
        rows.append({"recommendation_id": rec.id, "service_id": h.service_id, "rank": h.rank or i + 1,
                     "score": float(h.score), "features": features or None})
    if rows:
        s.execute(insert(RecommendationService), rows)
    return int(rec.id)


def record_unmet_need(db: Database, *, text: str, lang: str, filters: ServiceFilters) -> None:
    with db.session() as s:
        s.add(UnmetNeed(lang=lang if lang in ("fi", "sv", "en") else "fi", text=scrub(text)[:1024],
                        filters=_filters_json(filters)))


def purge_old_records(db: Database, retention_days: int) -> int:
    """Delete recommendations (with their services, feedback and clicks) and unmet needs past retention."""
    cutoff = utcnow() - timedelta(days=retention_days)
    with db.session() as s:
        old = select(Recommendation.id).where(Recommendation.created_at < cutoff)
        ids = list(s.scalars(old))
        for table in (Redirect, ServiceFeedback, RecommendationFeedback, RecommendationService):
            for i in range(0, len(ids), 500):
                s.execute(delete(table).where(table.recommendation_id.in_(ids[i:i + 500])))
        for i in range(0, len(ids), 500):
            s.execute(delete(Recommendation).where(Recommendation.id.in_(ids[i:i + 500])))
        s.execute(delete(UnmetNeed).where(UnmetNeed.created_at < cutoff))
        return len(ids)


# ---------------------------------------------------------------------------------------------
# The v1 service object
# ---------------------------------------------------------------------------------------------


def merge_query(url: str, params: list[tuple[str, str]]) -> str:
    """Append parameters to a URL that may already have a query string (``&``, URL-encoded)."""
    params = [(k, v) for k, v in params if v]
    if not params:
        return url
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    return urlunsplit(parts._replace(query=urlencode(query + params)))


def redirect_url(settings: Settings, *, service_id: str, channel_id: str, link_id: int, recommendation_id: int,
                 session_id: str = "", access_token: str = "") -> str:
    """The tracking URL, parameters in v1's fixed order."""
    url = (f"{settings.public_base_url.rstrip('/')}{REDIRECT_PATH}?service_id={service_id}"
           f"&service_channel_id={channel_id}&link_id={link_id}&recommendation_id={recommendation_id}")
    if session_id:
        url += "&" + urlencode({"session_id": session_id})
    if access_token:
        url += f"&auroraai_access_token={access_token}"
    return url


def _text(loc: dict[str, str], lang: str) -> str:
    return loc.get(lang) or ""


def _areas(areas: list[Area], lang: str) -> list[dict[str, Any]]:
    return [{"type": a.type, "code": a.code,
             "name": [{"language": k, "value": v} for k, v in a.names.items() if v],
             "municipalities": [{"code": c, "name": []} for c in a.municipality_codes]} for a in areas]


def _hours(ch: ChannelRecord) -> list[str]:
    out: list[str] = []
    for h in ch.service_hours:
        if h.type not in ("DaysOfTheWeek", "Standard"):
            continue
        if h.always_open:
            out.append(ALWAYS_OPEN)
            continue
        days = [f"{o.day_from} {o.time_from or ''} - {o.time_to or ''}".strip() for o in h.opening_hours]
        if days:
            out.append(", ".join(days))
    return out


def _address(ch: ChannelRecord, lang: str) -> str:
    for a in ch.addresses:
        if a.type == "Location":
            street = " ".join(p for p in (_text(a.street, lang), a.street_number or "") if p)
            if not street:
                continue
            return ", ".join(p for p in (street, a.postal_code or "",
                                         _text(a.municipality_names, lang) or _text(a.post_office, lang)) if p)
    return ""


def _location(ch: ChannelRecord) -> dict[str, str] | str:
    for a in ch.addresses:
        if a.type == "Location" and a.latitude and a.longitude:
            return {"latitude": str(a.latitude), "longitude": str(a.longitude)}
    return ""


def fi_pages(ch: ChannelRecord) -> list[str]:
    return [p.url for p in ch.web_pages if p.language == "fi"]


def format_channel(ch: ChannelRecord, *, lang: str = "fi", links: list[str] | None = None,
                   session_transfer: bool = False) -> dict[str, Any]:
    phones = [" ".join(p for p in (ph.info or "", ph.prefix or "", ph.number) if p)
              for ph in ch.phones if ph.type == "Phone"]
    return {
        "service_channel_id": ch.id,
        "service_channel_name": _text(ch.names, lang),
        "service_channel_type": ch.type,
        "service_channel_description_summary": _text(ch.summary, lang),
        "service_channel_description": _text(ch.description, lang),
        "phone_numbers": list(dict.fromkeys(phones)),
        "web_pages": links if links is not None else [u for u in fi_pages(ch) if u],
        "emails": [e.value for e in ch.emails if e.language == "fi"],
        "address": _address(ch, "fi"),
        "location": _location(ch),
        "service_hours": _hours(ch),
        "session_transfer": session_transfer,
    }


def format_service(svc: ServiceRecord, channels: dict[str, ChannelRecord], *, lang: str = "fi") -> dict[str, Any]:
    org = svc.responsible_organisation
    return {
        "service_id": svc.id,
        "service_name": _text(svc.names, lang),
        "service_description": _text(svc.description, lang),
        "service_description_summary": _text(svc.summary, lang),
        "user_instruction": _text(svc.user_instruction, lang),
        "charge_type": svc.charge_type or "",
        "charge_additional_info": _text(svc.charge_info, lang),
        "funding_type": svc.funding_type,
        "area_type": svc.area_type,
        "areas": _areas(svc.areas, lang),
        "responsible_organization": {"id": org.id, "name": _text(org.names, "fi")} if org else None,
        "target_groups": [t.code for t in svc.target_groups if t.code],
        "service_collections": [c.id for c in svc.service_collections],
        "service_class_uris": [t.uri or f"{SERVICE_CLASS_PREFIX}{t.code}" for t in svc.service_classes],
        "requirements": [svc.requirements["fi"]] if svc.requirements.get("fi") else [],
        "service_channels": [format_channel(channels[cid], lang=lang) for cid in svc.channel_ids
                             if cid in channels and channels[cid].type in CHANNEL_TYPES],
    }


def transfer_flags(db: Database, channel_ids: list[str]) -> dict[str, bool]:
    """Which channels can receive attributes. A failure here never fails a recommendation."""
    try:
        with db.session() as s:
            receivers = clients.receivers_for_channels(s, channel_ids)
        return {cid: bool(info.receivable_attributes) for cid, info in receivers.items()}
    except Exception as exc:  # noqa: BLE001 - logged, and every channel gets false
        log.warning("session transfer lookup failed", extra={"error_type": type(exc).__name__})
        return {}


RECORD_CACHE_SIZE = 8192


class SqliteWriteLock:
    """Takes turns on SQLite writes: a thread lock for this process's request threads and an exclusive
    ``flock`` on a file next to the database for the other server processes (``serve --workers``).
    Colliding on SQLite's own lock instead makes its busy handler sleep (1, 2, 5 … 100 ms), which under
    concurrent load cost far more than the inserts themselves. Waiting on flock wakes at the release."""

    def __init__(self, path: str | None) -> None:
        self._thread = threading.Lock()
        self._path = path
        self._fd: int | None = None

    def __enter__(self) -> "SqliteWriteLock":
        self._thread.acquire()
        if self._path and fcntl is not None:
            try:
                if self._fd is None:
                    self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            except OSError:  # e.g. read-only directory: the thread lock alone still helps
                self._path = None
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._path and self._fd is not None and fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._thread.release()

    def __del__(self) -> None:
        if self._fd is not None:
            os.close(self._fd)


_LOCK_GUARD = threading.Lock()


def _write_lock(runtime: Any) -> Any:
    if runtime.db.dialect != "sqlite":
        return nullcontext()
    lock = runtime.extras.get("network.write_lock")
    if lock is None:
        with _LOCK_GUARD:
            lock = runtime.extras.get("network.write_lock")
            if lock is None:
                db_file = runtime.db.engine.url.database
                path = f"{db_file}.writelock" if db_file and db_file != ":memory:" else None
                lock = runtime.extras["network.write_lock"] = SqliteWriteLock(path)
    return lock


_STATEMENTS: dict[Any, tuple[Any, Any]] = {}


def _statements(table: Any) -> tuple[Any, Any]:
    """(versions by id, documents by id), built once: constructing a select costs more than running it."""
    st = _STATEMENTS.get(table)
    if st is None:
        st = (select(table.id, table.content_hash, table.updated_at, table.archived)
              .where(table.id.in_(bindparam("ids", expanding=True))),
              select(table.id, table.data).where(table.id.in_(bindparam("ids", expanding=True))))
        _STATEMENTS[table] = st
    return st


def _records(runtime: Any, session: Session, table: Any, record_type: Any, ids: list[str]) -> dict[str, Any]:
    """Non-archived records by id, validated once per stored version.

    Only the primary key is in the WHERE clause: with ``archived`` there SQLite picks the archived index
    and scans the whole table. The first query reads just (id, hash, updated_at, archived); the JSON
    document is read and validated only for versions not seen before, since decoding and validating
    every hit's record on every request was a large part of a request's cost."""
    cache: dict[tuple[str, str, str, Any], Any] = runtime.extras.setdefault("network.record_cache", {})
    name = table.__tablename__
    out: dict[str, Any] = {}
    missing: dict[str, tuple[str, str, str, Any]] = {}
    id_list = list(dict.fromkeys(ids))
    versions, documents = _statements(table)
    for i in range(0, len(id_list), 500):
        rows = session.execute(versions, {"ids": id_list[i : i + 500]})
        for rid, digest, updated, archived in rows:
            if archived:
                continue
            key = (name, rid, digest, updated)
            rec = cache.get(key)
            if rec is None:
                missing[rid] = key
            else:
                out[rid] = rec
    if missing:
        miss = list(missing)
        for i in range(0, len(miss), 500):
            for rid, data in session.execute(documents, {"ids": miss[i : i + 500]}):
                rec = record_type.model_validate(data)
                if len(cache) >= RECORD_CACHE_SIZE:
                    cache.clear()
                cache[missing[rid]] = rec
                out[rid] = rec
    return {rid: out[rid] for rid in id_list if rid in out}


def load_records(runtime: Any, ids: list[str], *, mock: bool,
                 session: Session | None = None) -> tuple[dict[str, ServiceRecord], dict[str, ChannelRecord]]:
    if mock:
        svc, chs = mock_records(runtime.settings)
        return {svc.id: svc}, chs
    if session is None:
        with runtime.db.session() as s:
            return load_records(runtime, ids, mock=False, session=s)
    services: dict[str, ServiceRecord] = _records(runtime, session, ServiceRow, ServiceRecord, ids) if ids else {}
    wanted = [c for rec in services.values() for c in rec.channel_ids]
    return services, _records(runtime, session, ChannelRow, ChannelRecord, wanted) if wanted else {}


def finish(runtime: Any, hits: list[Hit], *, caller: Caller, path: str, session_id: str, body: dict[str, Any],
           mock: bool, explanations: bool, lang: str, offset: int = 0, limit: int = 50,
           unmet: tuple[str, ServiceFilters] | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Load the hits' records, store the recommendation (one short write transaction) and render the v1
    objects. On SQLite the writes of this process's request threads take turns on a lock: colliding on the
    database lock instead makes SQLite's busy handler sleep (1 ms, 2 ms, 5 ms … 100 ms), which under
    concurrent load cost far more than the inserts themselves."""
    services, channels = load_records(runtime, [h.service_id for h in hits], mock=mock)
    hits = ranked([h for h in hits if h.service_id in services])[offset:offset + limit]
    with _write_lock(runtime), runtime.db.session() as s:
        rid = store_in_session(s, caller=caller, path=path, session_id=session_id, body=body, hits=hits)
        if unmet is not None and not hits:
            s.add(UnmetNeed(lang=lang if lang in ("fi", "sv", "en") else "fi", text=scrub(unmet[0])[:1024],
                            filters=_filters_json(unmet[1])))
    return rid, render_services(runtime, hits, recommendation_id=rid, session_id=session_id, services=services,
                                channels=channels, explanations=explanations, lang=lang)


def _filters_json(filters: ServiceFilters) -> dict[str, Any]:
    from dataclasses import asdict

    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(filters).items()}


def render_services(runtime: Any, hits: list[Hit], *, recommendation_id: int, session_id: str,
                    services: dict[str, ServiceRecord], channels: dict[str, ChannelRecord],
                    explanations: bool = False, lang: str = "fi") -> list[dict[str, Any]]:
    settings = runtime.settings
    flags = transfer_flags(runtime.db, list(channels))
    out: list[dict[str, Any]] = []
    for h in hits:
        svc = services.get(h.service_id)
        if svc is None:
            continue
        obj = format_service(svc, channels, lang="fi")
        for ch_obj in obj["service_channels"]:
            ch = channels[ch_obj["service_channel_id"]]
            sid = session_id if ch.type == "EChannel" else ""
            ch_obj["web_pages"] = [redirect_url(settings, service_id=svc.id, channel_id=ch.id, link_id=i,
                                                recommendation_id=recommendation_id, session_id=sid)
                                   for i, url in enumerate(fi_pages(ch)) if url]
            ch_obj["session_transfer"] = flags.get(ch.id, False)
        obj["similarity_score"] = float(h.score)
        obj["rank"] = h.rank
        if explanations:
            obj["explanations"] = h.explanation.render(lang)
        out.append(obj)
    return out


def mock_hits() -> list[Hit]:
    return [Hit(service_id=MOCK_SERVICE_ID, score=1.0, rank=1)]


def ranked(hits: list[Hit]) -> list[Hit]:
    for i, h in enumerate(hits, start=1):
        h.rank = i
    return hits


# ---------------------------------------------------------------------------------------------
# Feedback and redirects
# ---------------------------------------------------------------------------------------------


class FeedbackNotFound(Exception):
    pass


def _owned(s: Session, rec_id: int, caller: Caller) -> Recommendation | None:
    if not -(2**63) <= rec_id < 2**63:
        return None  # no such row; the database driver cannot even bind an integer this large
    rec = s.get(Recommendation, rec_id)
    if rec is None or rec.client_id != caller.client_id:
        return None
    return rec


def record_feedback(db: Database, caller: Caller, fb: FeedbackIn) -> None:
    """Upsert feedback on a recommendation the caller received. Raises FeedbackNotFound(message)."""
    rid = fb.auroraai_recommendation_id
    items = fb.service_feedbacks or []
    if "feedback_score" not in fb.model_fields_set and not items:
        return  # v1: nothing to store is not an error
    now = utcnow()
    with db.session() as s:
        if _owned(s, rid, caller) is None:
            raise FeedbackNotFound(f"Invalid recommendation_id: {rid}")
        if "feedback_score" in fb.model_fields_set:
            row = s.get(RecommendationFeedback, rid)
            if row is None:
                s.add(RecommendationFeedback(recommendation_id=rid, feedback_score=fb.feedback_score, updated_at=now))
            else:
                row.feedback_score, row.updated_at = fb.feedback_score, now
        for item in items:
            if s.get(RecommendationService, (rid, item.service_id)) is None:
                raise FeedbackNotFound(f"Invalid service id: {item.service_id}")
            row2 = s.get(ServiceFeedback, (rid, item.service_id))
            if row2 is None:
                s.add(ServiceFeedback(recommendation_id=rid, service_id=item.service_id,
                                      feedback_score=item.feedback_score, updated_at=now))
                s.flush()
            else:
                row2.feedback_score, row2.updated_at = item.feedback_score, now


def channel_pages(runtime: Any, channel_id: str) -> tuple[ChannelRecord | None, bool]:
    """A channel (mock channels in memory) and whether it is a mock one."""
    _, mocks = mock_records(runtime.settings)
    if channel_id in mocks:
        return mocks[channel_id], True
    with runtime.db.session() as s:
        return catalogue.get_channels(s, [channel_id]).get(channel_id), False


def follow_redirect(runtime: Any, *, service_id: str, channel_id: str, link_id: int, recommendation_id: int,
                    session_id: str = "", access_token: str = "") -> str | None:
    """Log the click and return the target URL, or None for an invalid link. No token is stored."""
    ch, _ = channel_pages(runtime, channel_id)
    if ch is None:
        return None
    pages = fi_pages(ch)
    if link_id >= len(pages) or not pages[link_id]:
        return None
    with runtime.db.session() as s:
        if s.get(RecommendationService, (recommendation_id, service_id)) is None:
            return None
        if service_id != MOCK_SERVICE_ID:
            svc = catalogue.get_service(s, service_id)
            if svc is None or channel_id not in svc.channel_ids:
                return None
        s.add(Redirect(recommendation_id=recommendation_id, service_id=service_id, channel_id=channel_id,
                       link_id=link_id, created_at=utcnow()))
    return merge_query(pages[link_id], [("session_id", session_id), ("auroraai_access_token", access_token)])


def first_page(runtime: Any, channel_id: str) -> tuple[bool, str | None]:
    """(channel exists, its first non-empty fi web page)."""
    ch, _ = channel_pages(runtime, channel_id)
    if ch is None:
        return False, None
    return True, next((u for u in fi_pages(ch) if u), None)


# ---------------------------------------------------------------------------------------------
# Translation (PTV's own texts only; there is no machine translation)
# ---------------------------------------------------------------------------------------------


class TranslationUnavailable(Exception):
    pass


def translated_service(runtime: Any, service_id: str, lang: str) -> dict[str, Any] | None:
    if service_id == MOCK_SERVICE_ID:
        services, channels = load_records(runtime, [], mock=True)
    else:
        services, channels = load_records(runtime, [service_id], mock=False)
    svc = services.get(service_id)
    if svc is None:
        return None
    if lang not in ("fi", "sv", "en"):
        raise TranslationUnavailable(lang)
    obj = format_service(svc, channels, lang=lang)
    texts = [obj["service_name"], obj["service_description"], obj["service_description_summary"]]
    for ch in obj["service_channels"]:
        texts += [ch["service_channel_name"], ch["service_channel_description"], ch["service_channel_description_summary"]]
    if not all(texts):
        raise TranslationUnavailable(lang)
    obj["machine_translated"] = False
    return obj
