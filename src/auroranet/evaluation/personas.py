"""Persona checks: what a new user sees for a list of typical and awkward requests.

Each line of ``queries/personas.jsonl`` is one person: a free-text search (``text``) or a 3X10D profile
(``meters``, optional ``age``), in a request language, with optional expectations:

* ``urgent``: the urgent-help block must (true) or must not (false) come first;
* ``empty``: no services at all (nonsense, out of scope);
* ``not_top3``: a regular expression that no name or summary among the first three services may match
  (a substance-abuse service for "I feel lonely", a criminal-record extract for student housing).

Requests go through the same use cases as the web app and the API (``usecases.recommend``), so urgent
help, the crisis refocus, the audience rules and the relevance floor are all as served. The file holds
no catalogue content, so it can be run against any catalogue:

    for r in run_personas(rt, load_personas(DEFAULT_PERSONAS)):
        print(r.persona.id, r.top, r.failures)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from auroranet.engine.contract import RecommendQuery, SearchQuery
from auroranet.errors import InputError

if TYPE_CHECKING:
    from auroranet.runtime import Runtime

DEFAULT_PERSONAS = Path(__file__).parent / "queries" / "personas.jsonl"
TOP = 3


@dataclass(frozen=True)
class Persona:
    id: str
    lang: str
    text: str | None = None
    meters: dict[str, float] | None = None
    age: int | None = None
    urgent: bool | None = None
    empty: bool = False
    not_top: re.Pattern[str] | None = None

    @property
    def label(self) -> str:
        if self.text is not None:
            return repr(self.text)
        age = f", age {self.age}" if self.age is not None else ""
        return "meters " + ", ".join(f"{k} {v:g}" for k, v in (self.meters or {}).items()) + age


@dataclass
class PersonaResult:
    persona: Persona
    top: list[tuple[str, str]]  # (name, summary) of the first services
    urgent: list[str]  # names of the urgent-help entries
    total: int  # services returned (up to the request limit)
    failures: list[str] = field(default_factory=list)


def load_personas(path: Path) -> list[Persona]:
    out: list[Persona] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            exp = obj.get("expect", {})
            meters = {str(k): float(v) for k, v in obj["meters"].items()} if "meters" in obj else None
            if (obj.get("text") is None) == (meters is None):
                raise ValueError("give either text or meters")
            out.append(Persona(id=str(obj["id"]), lang=str(obj.get("lang", "fi")), text=obj.get("text"),
                               meters=meters, age=obj.get("age"), urgent=exp.get("urgent"),
                               empty=bool(exp.get("empty", False)),
                               not_top=re.compile(exp["not_top3"], re.IGNORECASE) if exp.get("not_top3") else None))
        except (ValueError, KeyError, TypeError, AttributeError, re.error) as exc:
            raise InputError(f"{path.name}:{lineno}: not a persona line ({type(exc).__name__}: {exc})") from exc
    return out


def check(p: Persona, top: Sequence[tuple[str, str]], urgent: Sequence[str], total: int) -> list[str]:
    """What went against the persona's expectations ([]: nothing)."""
    failures: list[str] = []
    if p.urgent is True and not urgent:
        failures.append("no urgent help")
    if p.urgent is False and urgent:
        failures.append("urgent help for an ordinary request")
    if p.empty and total:
        failures.append(f"{total} services for a request that should find none")
    if p.not_top is not None:
        bad = [name for name, summary in top[:TOP] if p.not_top.search(f"{name} {summary}")]
        if bad:
            failures.append("unsuitable in the top 3: " + "; ".join(bad))
    return failures


def run_personas(rt: "Runtime", personas: Sequence[Persona], *, limit: int = 10) -> list[PersonaResult]:
    """Run each persona through the served use cases (web caller) and check its expectations."""
    from auroranet.usecases import recommend as uc
    from auroranet.usecases.caller import WEB

    results: list[PersonaResult] = []
    for p in personas:
        if p.text is not None:
            answer = uc.search(rt, SearchQuery(text=p.text, lang=p.lang, limit=limit, age=p.age), caller=WEB,
                               path="/eval/personas")
        else:
            answer = uc.recommend(rt, RecommendQuery(meters=dict(p.meters or {}), age=p.age, lang=p.lang, limit=limit),
                                  caller=WEB, path="/eval/personas")
        top = []
        for h in answer.hits[:TOP]:
            svc = answer.services[h.service_id]
            lang = p.lang if svc.names.get(p.lang) else next(iter(svc.names), "fi")
            top.append((svc.names.get(lang, h.service_id), svc.summary.get(lang, "")))
        urgent = [u.name for u in answer.urgent_help]
        total = len(answer.hits)
        results.append(PersonaResult(p, top, urgent, total, check(p, top, urgent, total)))
    return results
