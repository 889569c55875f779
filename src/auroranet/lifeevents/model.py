"""Life events are data: JSON files validated against ``schema.json`` (structure) and the pydantic models
below (cross-field rules: unique step ids, known related ids, age bounds in order).

    events = load_life_events(extra_dir)      # built-in files plus an organisation's folder
    events["moving_to_study"].steps[0].title["fi"]

A broken file stops start-up with a message naming the file and the field, like the questionnaires.
Only ``auroranet.vocab`` and ``auroranet.errors`` are imported, so the recommender can use this too.
"""

from __future__ import annotations

import functools

import json
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import jsonschema_rs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from auroranet.errors import ImportFormatError
from auroranet.vocab import METER_KEYS

HERE = Path(__file__).parent
SCHEMA_PATH = HERE / "schema.json"
BUILTIN_DIR = HERE / "files"

Localized = dict[str, str]
Answers = Mapping[str, object]


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    min_age: int | None = None
    max_age: int | None = None
    answers: dict[str, list[str | int]] = Field(default_factory=dict)

    def holds(self, age: int | None, answers: Answers) -> bool:
        """Unknown facts do not exclude: a step for 18-29-year-olds is shown when the age is not given."""
        if age is not None and self.min_age is not None and age < self.min_age:
            return False
        if age is not None and self.max_age is not None and age > self.max_age:
            return False
        for key, allowed in self.answers.items():
            if key in answers and answers[key] not in allowed and str(answers[key]) not in map(str, allowed):
                return False
        return True


class Criteria(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    service_classes: list[str] = Field(default_factory=list)
    life_events: list[str] = Field(default_factory=list)
    ontology_terms: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    needs: list[str] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    max_services: int = 5

    @property
    def empty(self) -> bool:
        return not (self.service_classes or self.life_events or self.ontology_terms or self.keywords or self.needs)


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: Localized
    text: Localized
    why: Localized
    optional: bool = False
    group: str | None = None
    criteria: Criteria = Field(default_factory=Criteria)
    when: Condition = Field(default_factory=Condition)


class LifeEvent(BaseModel):
    """A life event: names, a description in the vocabulary of service texts (the recommender embeds it
    and compares it with them), the meters it usually touches and its steps."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    version: int
    order: int = 100
    names: Localized
    descriptions: Localized
    audience: Localized
    meters: tuple[str, ...]
    search_phrases: list[str] = Field(default_factory=list)
    when: Condition = Field(default_factory=Condition)
    related: list[str] = Field(default_factory=list)
    steps: list[Step]

    @model_validator(mode="after")
    def _check(self) -> "LifeEvent":
        ids = [s.id for s in self.steps]
        if len(set(ids)) != len(ids):
            raise ValueError("step ids must be unique")
        if self.id in self.related:
            raise ValueError("a life event cannot be related to itself")
        if unknown := [m for m in self.meters if m not in METER_KEYS]:
            raise ValueError(f"unknown meters {unknown}")
        for c in [self.when, *(s.when for s in self.steps)]:
            if c.min_age is not None and c.max_age is not None and c.min_age > c.max_age:
                raise ValueError("min_age must not be greater than max_age")
        return self

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def steps_for(self, age: int | None = None, answers: Answers | None = None) -> list[Step]:
        """The steps whose conditions hold for what the person told (unknown facts do not exclude)."""
        return [s for s in self.steps if s.when.holds(age, answers or {})]


@lru_cache
def _validator() -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(json.loads(SCHEMA_PATH.read_text("utf-8")))


def schema_errors(doc: object) -> list[str]:
    """Every schema violation of a parsed document, as "path: message"."""
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(map(str, e.instance_path)))
    return [f"{'/'.join(str(p) for p in e.instance_path) or '(top level)'}: {e.message}" for e in errors]


def parse_life_event(path: Path) -> LifeEvent:
    """Read and validate one file; raises ImportFormatError naming the file and the first problem."""
    try:
        doc = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(str(path), None, f"cannot read life event: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ImportFormatError(str(path), exc.lineno, f"not valid JSON: {exc.msg}") from exc
    errors = schema_errors(doc)
    if errors:
        raise ImportFormatError(str(path), None, f"life event does not match the schema at {errors[0]}")
    try:
        return LifeEvent.model_validate(doc)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = "/".join(str(p) for p in err["loc"]) or "(top level)"
        raise ImportFormatError(str(path), None, f"invalid life event at {where}: {err['msg']}") from exc


def load_life_events(extra_dir: Path | None = None) -> dict[str, LifeEvent]:
    """Built-in life events plus those in ``extra_dir``; ids unique across both, related ids known."""
    files = sorted(BUILTIN_DIR.glob("*.json"))
    if extra_dir is not None:
        if not extra_dir.is_dir():
            raise ImportFormatError(str(extra_dir), None, "life event folder does not exist")
        files += sorted(extra_dir.glob("*.json"))
    out: dict[str, LifeEvent] = {}
    where: dict[str, Path] = {}
    for path in files:
        ev = parse_life_event(path)
        if ev.id in out:
            raise ImportFormatError(str(path), None, f"life event id {ev.id!r} is already used by {where[ev.id].name}")
        out[ev.id], where[ev.id] = ev, path
    for ev in out.values():
        if unknown := [r for r in ev.related if r not in out]:
            raise ImportFormatError(str(where[ev.id]), None, f"related life events not found: {', '.join(unknown)}")
    return dict(sorted(out.items(), key=lambda kv: (kv[1].order, kv[0])))


@lru_cache(maxsize=1)
def builtin_life_events() -> dict[str, LifeEvent]:
    """The shipped life events (for code that has no runtime, e.g. the search bridge's parallel texts);
    read once per process, a fresh dict per call."""
    return dict(_shipped())


@functools.cache
def _shipped() -> dict[str, LifeEvent]:
    return load_life_events(None)
