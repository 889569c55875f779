"""The two source interfaces and what they answer. The HTTP clients are in clients.py; the tests and the
demo serve them from devtools/official/fakes.py.

    src: PopulationRegister = population_source(settings)      # None when not configured
    person = src.person(code)                                  # Person(birth_date, municipality_code)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from auroranet.errors import AuroraError

SourceName = Literal["population", "studies"]
SOURCES: tuple[SourceName, ...] = ("population", "studies")

# Study levels and institution types the studies provider answers with (and a correction may choose).
STUDY_LEVELS: tuple[str, ...] = ("basic", "upper_secondary", "vocational", "higher_education", "other")
INSTITUTION_TYPES: tuple[str, ...] = ("comprehensive_school", "upper_secondary_school", "vocational_institution",
                                      "university_of_applied_sciences", "university", "other")

Failure = Literal["unavailable", "timeout", "not_found", "malformed", "refused"]


class SourceError(AuroraError):
    """A source could not answer: ``kind`` says why (the page shows a text for each)."""

    def __init__(self, kind: Failure, detail: str = "") -> None:
        super().__init__(f"official source: {kind} {detail}".strip())
        self.kind: Failure = kind


@dataclass(frozen=True)
class Person:
    birth_date: date
    municipality_code: str  # three digits (Statistics Finland's municipality code)


@dataclass(frozen=True)
class StudyRight:
    active: bool
    level: str | None = None  # one of STUDY_LEVELS when active
    institution_type: str | None = None  # one of INSTITUTION_TYPES when active


class PopulationRegister(Protocol):
    def person(self, identity_code: str) -> Person:
        """Raises ``SourceError``."""
        ...


class StudiesRegister(Protocol):
    def study_right(self, identity_code: str) -> StudyRight:
        """Raises ``SourceError``."""
        ...


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
