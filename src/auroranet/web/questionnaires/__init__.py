"""Questionnaires are data: JSON files validated against ``schema.json`` (structure) and the pydantic
model below (cross-field rules), then turned into 3X10D meter values.

The built-in files live in ``files/``; an organisation adds its own by dropping a file into the folder
named by ``AURORA_QUESTIONNAIRE_DIR``. A broken file stops the app with a message naming file and field,
rather than showing people a half-working questionnaire.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema_rs
from pydantic import BaseModel, ConfigDict, Field, model_validator

from auroranet.errors import ImportFormatError

HERE = Path(__file__).parent
SCHEMA_PATH = HERE / "schema.json"
BUILTIN_DIR = HERE / "files"

Localized = dict[str, str]


class Scale(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int
    max: int
    min_label: Localized
    max_label: Localized
    option_labels: list[Localized] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> "Scale":
        if self.max <= self.min:
            raise ValueError("scale.max must be greater than scale.min")
        if self.option_labels and len(self.option_labels) != self.max - self.min + 1:
            raise ValueError("scale.option_labels must have one label per scale value")
        return self

    @property
    def values(self) -> list[int]:
        return list(range(self.min, self.max + 1))

    def to_meter(self, value: int, *, reverse: bool = False) -> float:
        """Map an answer onto the 0..10 meter scale (10 = doing well)."""
        frac = (value - self.min) / (self.max - self.min)
        if reverse:
            frac = 1.0 - frac
        return round(frac * 10.0, 1)


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    text: Localized
    help: Localized = Field(default_factory=dict)
    meter: str
    reverse: bool = False
    scale: Scale | None = None


class Background(BaseModel):
    model_config = ConfigDict(extra="forbid")
    age: bool = True
    municipality: bool = True
    life_event: bool = False


class LifeEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    text: Localized


class Questionnaire(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    version: int
    order: int = 100
    title: Localized
    description: Localized
    scale: Scale
    questions: list[Question]
    background: Background = Field(default_factory=Background)
    life_events: list[LifeEvent] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> "Questionnaire":
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("question ids must be unique")
        if self.background.life_event and not self.life_events:
            raise ValueError("background.life_event needs a non-empty life_events list")
        return self

    def scale_of(self, q: Question) -> Scale:
        return q.scale or self.scale

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    @property
    def has_background(self) -> bool:
        b = self.background
        return b.age or b.municipality or b.life_event

    @property
    def steps(self) -> int:
        """Questions plus the optional background page."""
        return len(self.questions) + (1 if self.has_background else 0)

    def meters(self, answers: dict[str, int]) -> dict[str, float]:
        """Average the answered questions per meter on the 0..10 scale; unanswered meters are left out."""
        sums: dict[str, list[float]] = {}
        for q in self.questions:
            if q.id in answers:
                sums.setdefault(q.meter, []).append(self.scale_of(q).to_meter(answers[q.id], reverse=q.reverse))
        return {m: round(sum(v) / len(v), 1) for m, v in sums.items()}


@lru_cache
def _validator() -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(json.loads(SCHEMA_PATH.read_text("utf-8")))


def parse_questionnaire(path: Path) -> Questionnaire:
    """Read and validate one file; raises ImportFormatError naming the file and the first problem."""
    try:
        doc = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(str(path), None, f"cannot read questionnaire: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ImportFormatError(str(path), exc.lineno, f"not valid JSON: {exc.msg}") from exc
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(map(str, e.instance_path)))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.instance_path) or "(top level)"
        raise ImportFormatError(str(path), None, f"questionnaire does not match the schema at {where}: {err.message}")
    try:
        return Questionnaire.model_validate(doc)
    except ValueError as exc:
        first = str(exc).splitlines()
        raise ImportFormatError(str(path), None, f"invalid questionnaire: {' '.join(first[1:3]) or exc}") from exc


def load_questionnaires(extra_dir: Path | None = None) -> dict[str, Questionnaire]:
    """Built-in questionnaires plus those in ``extra_dir``; ids must be unique across both."""
    files = sorted(BUILTIN_DIR.glob("*.json"))
    if extra_dir is not None:
        if not extra_dir.is_dir():
            raise ImportFormatError(str(extra_dir), None, "questionnaire folder does not exist")
        files += sorted(extra_dir.glob("*.json"))
    out: dict[str, Questionnaire] = {}
    for path in files:
        q = parse_questionnaire(path)
        if q.id in out:
            raise ImportFormatError(str(path), None, f"questionnaire id {q.id!r} is already used by another file")
        out[q.id] = q
    return dict(sorted(out.items(), key=lambda kv: (kv[1].order, kv[0])))
