"""PTV Open API v11 client (no auth). The transport is injectable, so tests hand it an
``httpx.MockTransport`` or point ``base_url`` at a local fake server:

    client = PtvClient("https://api.palvelutietovaranto.suomi.fi")
    ids = client.list_ids("Service", since=datetime(2024, 1, 1), status="Published")
    services = client.fetch_details("Service", ids)          # /Service/list?guids=… in chunks of ≤ 99

Id listings are paged (``pageNumber``, ``pageSize``, ``pageCount``, ``itemList`` of ``{id, name}``); pages
are 1-based. Upstream hiccups (5xx, 429, timeouts, dropped connections) are retried with exponential
backoff; anything that still fails, or an answer that does not add up (a duplicate id across pages, a
detail list whose ids differ from the ids asked for), raises ``SourceError`` naming the URL, so a sync
aborts before it writes anything.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any, Callable, Literal

import httpx

from auroranet.errors import SourceError

log = logging.getLogger(__name__)

Kind = Literal["Service", "ServiceChannel"]
API = "/api/v11"
MAX_GUIDS = 99  # PTV refuses longer guid lists
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"


def format_since(since: datetime) -> str:
    """PTV's ``date`` parameter: no zone, seconds precision (the value is read as UTC)."""
    return since.strftime(DATE_FORMAT)


class PtvClient:
    def __init__(self, base_url: str, *, transport: httpx.BaseTransport | None = None, timeout: float = 60.0,
                 retries: int = 4, backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep) -> None:
        self.base_url = base_url.rstrip("/")
        self.retries = max(0, retries)
        self.backoff = backoff
        self._sleep = sleep
        self._http = httpx.Client(base_url=self.base_url, transport=transport, timeout=timeout,
                                  headers={"Accept": "application/json"}, follow_redirects=True)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "PtvClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- HTTP -------------------------------------------------------------------------------------

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """GET with retries on 5xx/429/timeouts; SourceError (naming the URL) when it keeps failing."""
        request = self._http.build_request("GET", path, params=params)
        url = str(request.url)
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self._sleep(self.backoff * (2 ** (attempt - 1)))
            try:
                resp = self._http.send(request)
            except httpx.TimeoutException:
                last = "timed out"
                continue
            except httpx.TransportError as exc:
                last = f"connection failed ({type(exc).__name__})"
                continue
            if resp.status_code in RETRY_STATUS:
                last = f"HTTP {resp.status_code}"
                continue
            if resp.status_code != 200:
                raise SourceError(f"PTV request failed: HTTP {resp.status_code} from {url}")
            try:
                return resp.json()
            except ValueError:
                raise SourceError(f"PTV returned something that is not JSON from {url}") from None
        raise SourceError(f"PTV request failed after {self.retries + 1} attempts ({last}): {url}")

    # -- Listings ---------------------------------------------------------------------------------

    def _paged(self, path: str, params: dict[str, Any],
               progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
        """All ``itemList`` entries of a paged listing, page 1 first to learn ``pageCount``."""
        items: list[dict[str, Any]] = []
        page, page_count = 1, 1
        while page <= page_count:
            data = self.get_json(path, {**params, "page": page})
            if not isinstance(data, dict) or not isinstance(data.get("itemList", []), list):
                raise SourceError(f"PTV listing has an unexpected shape: {self.base_url}{path} page {page}")
            if page == 1:
                count = data.get("pageCount")
                page_count = count if isinstance(count, int) and count >= 0 else 1
            items.extend(i for i in (data.get("itemList") or []) if isinstance(i, dict))
            if progress:
                progress(page, max(page_count, 1))
            page += 1
        return items

    def list_ids(self, kind: Kind, *, since: datetime | None = None, status: str | None = None,
                 progress: Callable[[int, int], None] | None = None) -> list[str]:
        """Ids of every Service or ServiceChannel (changed since ``since``, with ``status`` if given).
        Items without a name are skipped, as PTV lists half-made drafts that way."""
        params: dict[str, Any] = {}
        if since is not None:
            params["date"] = format_since(since)
        if status:
            params["status"] = status
        path = f"{API}/{kind}"
        ids: list[str] = []
        seen: set[str] = set()
        for item in self._paged(path, params, progress):
            ident = item.get("id")
            if item.get("name") is None or not isinstance(ident, str):
                continue
            ident = ident.lower()
            if ident in seen:
                raise SourceError(f"PTV listing {self.base_url}{path} returned id {ident} twice across pages; "
                                  "the listing changed while paging, try again")
            seen.add(ident)
            ids.append(ident)
        return ids

    def municipality_service_ids(self, code: str, *, since: datetime | None = None) -> list[str]:
        """Ids of services offered in one municipality (``/Service/list/area/Municipality/code/{code}``)."""
        params: dict[str, Any] = {"date": format_since(since)} if since is not None else {}
        path = f"{API}/Service/list/area/Municipality/code/{code}"
        return list(dict.fromkeys(str(i["id"]).lower() for i in self._paged(path, params)
                                  if isinstance(i.get("id"), str)))

    def fetch_details(self, kind: Kind, ids: list[str],
                      progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
        """Full objects via ``/{kind}/list?guids=`` in chunks of at most 99; the ids returned for each
        chunk must be exactly the ids asked for."""
        out: list[dict[str, Any]] = []
        wanted = list(dict.fromkeys(i.lower() for i in ids))
        path = f"{API}/{kind}/list"
        for start in range(0, len(wanted), MAX_GUIDS):
            chunk = wanted[start : start + MAX_GUIDS]
            data = self.get_json(path, {"guids": ",".join(chunk)})
            if isinstance(data, dict):  # some PTV versions wrap lists as {"itemList": [...]}
                data = data.get("itemList")
            if not isinstance(data, list):
                raise SourceError(f"PTV detail list has an unexpected shape: {self.base_url}{path}")
            objs = {str(o.get("id", "")).lower(): o for o in data if isinstance(o, dict)}
            if set(objs) != set(chunk):
                missing, extra = len(set(chunk) - set(objs)), len(set(objs) - set(chunk))
                raise SourceError(f"PTV {self.base_url}{path} returned a different id set than requested "
                                  f"({missing} missing, {extra} unexpected)")
            out.extend(objs[i] for i in chunk)
            if progress:
                progress(min(start + MAX_GUIDS, len(wanted)), len(wanted))
        return out
