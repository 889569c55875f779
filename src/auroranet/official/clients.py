"""HTTP clients for the two official sources (httpx, TLS verified, timeouts, a response size cap).

The contract both providers serve (docs/profile.md). The identity code travels in a POST body, never in
a URL (URLs end up in access logs):

    POST {AURORA_OFFICIAL_POPULATION_URL}/v1/persons/lookup       {"personal_identity_code": "..."}
      200 {"birth_date": "1985-04-12", "home_municipality_code": "091"}   404 unknown person
    POST {AURORA_OFFICIAL_STUDIES_URL}/v1/study-rights/lookup     {"personal_identity_code": "..."}
      200 {"has_study_right": true, "level": "higher_education", "institution_type": "university"}
    Authorization: Bearer <AURORA_OFFICIAL_*_TOKEN>
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import httpx

from auroranet.config import Settings
from auroranet.official.sources import (
    INSTITUTION_TYPES,
    STUDY_LEVELS,
    Person,
    PopulationRegister,
    SourceError,
    StudiesRegister,
    StudyRight,
)

_MUNICIPALITY = re.compile(r"^\d{3}$")


class _JsonSource:
    def __init__(self, base_url: str, token: str | None, *, timeout: float, max_bytes: int) -> None:
        self.base_url, self.token, self.timeout, self.max_bytes = base_url.rstrip("/"), token, timeout, max_bytes

    def _post(self, path: str, identity_code: str) -> dict[str, Any]:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        body = bytearray()
        try:
            with httpx.Client(timeout=self.timeout, verify=True, follow_redirects=False) as http:
                with http.stream("POST", self.base_url + path, json={"personal_identity_code": identity_code},
                                 headers=headers) as r:
                    status = r.status_code
                    for chunk in r.iter_bytes():
                        body.extend(chunk)
                        if len(body) > self.max_bytes:
                            raise SourceError("malformed", "answer too large")
        except httpx.TimeoutException as exc:
            raise SourceError("timeout") from exc
        except httpx.HTTPError as exc:
            raise SourceError("unavailable", type(exc).__name__) from exc
        if status == 404:
            raise SourceError("not_found")
        if status in (401, 403):
            raise SourceError("refused", f"HTTP {status}")
        if status != 200:
            raise SourceError("unavailable", f"HTTP {status}")
        try:
            data = json.loads(bytes(body))
        except ValueError as exc:
            raise SourceError("malformed", "not JSON") from exc
        if not isinstance(data, dict):
            raise SourceError("malformed", "not a JSON object")
        return data


class HttpPopulationRegister(_JsonSource):
    def person(self, identity_code: str) -> Person:
        data = self._post("/v1/persons/lookup", identity_code)
        mun = data.get("home_municipality_code")
        try:
            birth = date.fromisoformat(str(data.get("birth_date")))
        except ValueError as exc:
            raise SourceError("malformed", "birth_date") from exc
        if not isinstance(mun, str) or not _MUNICIPALITY.match(mun):
            raise SourceError("malformed", "home_municipality_code")
        return Person(birth_date=birth, municipality_code=mun)


class HttpStudiesRegister(_JsonSource):
    def study_right(self, identity_code: str) -> StudyRight:
        data = self._post("/v1/study-rights/lookup", identity_code)
        active = data.get("has_study_right")
        if not isinstance(active, bool):
            raise SourceError("malformed", "has_study_right")
        if not active:
            return StudyRight(active=False)
        level, kind = data.get("level"), data.get("institution_type")
        if level not in STUDY_LEVELS or kind not in INSTITUTION_TYPES:
            raise SourceError("malformed", "level or institution_type")
        return StudyRight(active=True, level=str(level), institution_type=str(kind))


def population_source(settings: Settings) -> PopulationRegister | None:
    if not settings.official_population_url:
        return None
    return HttpPopulationRegister(settings.official_population_url, settings.official_population_token,
                                  timeout=settings.official_timeout_seconds,
                                  max_bytes=settings.official_max_response_bytes)


def studies_source(settings: Settings) -> StudiesRegister | None:
    if not settings.official_studies_url:
        return None
    return HttpStudiesRegister(settings.official_studies_url, settings.official_studies_token,
                               timeout=settings.official_timeout_seconds,
                               max_bytes=settings.official_max_response_bytes)
