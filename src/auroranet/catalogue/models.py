"""Catalogue tables (services, channels, organisations, code lists, import runs) and record schemas.

Records are what importers produce and what the rest of the system reads: one ``ServiceRecord`` per
PTV service, with every text kept in fi, sv and en (``Localized``). Tables store records as JSON
columns plus the few scalar columns that are queried directly.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from auroranet.db.core import Base, utcnow

Localized = dict[str, str]

AREA_NATIONWIDE = "Nationwide"
AREA_NATIONWIDE_EXCEPT_ALAND = "NationwideExceptAlandIslands"
AREA_LIMITED = "LimitedType"
NATIONAL_AREA_TYPES = frozenset({AREA_NATIONWIDE, AREA_NATIONWIDE_EXCEPT_ALAND})

CHANNEL_TYPES = ("EChannel", "WebPage", "Phone", "ServiceLocation", "PrintableForm")


# ---------------------------------------------------------------------------------------------
# Record schemas (importer output, service-layer input/output)
# ---------------------------------------------------------------------------------------------


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def content_hash(self) -> str:
        """Stable hash of the record's content: re-importing the same input changes nothing."""
        payload = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Term(BaseModel):
    """A code-list or ontology term: service class, target group, life event, ontology term."""

    code: str | None = None
    uri: str | None = None
    parent_code: str | None = None
    names: Localized = Field(default_factory=dict)


class OrganisationRef(BaseModel):
    id: str
    names: Localized = Field(default_factory=dict)
    role: str | None = None  # Responsible, Producer, OtherResponsible


class CollectionRef(BaseModel):
    id: str
    names: Localized = Field(default_factory=dict)


class Area(BaseModel):
    type: str  # Municipality, Province (region), BusinessRegions, HospitalRegions, WellbeingServiceCounty
    code: str | None = None
    names: Localized = Field(default_factory=dict)
    municipality_codes: list[str] = Field(default_factory=list)


class ServiceRecord(Record):
    id: str
    source: str = "ptv"
    names: Localized = Field(default_factory=dict)
    alternative_names: Localized = Field(default_factory=dict)
    summary: Localized = Field(default_factory=dict)
    description: Localized = Field(default_factory=dict)
    user_instruction: Localized = Field(default_factory=dict)
    charge_info: Localized = Field(default_factory=dict)
    requirements: Localized = Field(default_factory=dict)
    keywords: dict[str, list[str]] = Field(default_factory=dict)
    charge_type: str | None = None
    funding_type: str | None = None
    area_type: str = AREA_LIMITED
    areas: list[Area] = Field(default_factory=list)
    municipality_codes: list[str] = Field(default_factory=list)
    service_classes: list[Term] = Field(default_factory=list)
    target_groups: list[Term] = Field(default_factory=list)
    life_events: list[Term] = Field(default_factory=list)
    ontology_terms: list[Term] = Field(default_factory=list)
    organisations: list[OrganisationRef] = Field(default_factory=list)
    service_collections: list[CollectionRef] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    channel_ids: list[str] = Field(default_factory=list)
    modified: datetime | None = None
    archived: bool = False

    @property
    def is_national(self) -> bool:
        return self.area_type in NATIONAL_AREA_TYPES

    @property
    def responsible_organisation(self) -> OrganisationRef | None:
        for org in self.organisations:
            if org.role == "Responsible":
                return org
        return self.organisations[0] if self.organisations else None


class WebPage(BaseModel):
    url: str
    name: str | None = None
    language: str = "fi"


class Phone(BaseModel):
    number: str
    prefix: str | None = None
    info: str | None = None
    type: str = "Phone"  # Phone or Fax
    language: str = "fi"
    charge_type: str | None = None


class Email(BaseModel):
    value: str
    language: str = "fi"


class Address(BaseModel):
    type: str = "Location"  # Location, Postal
    street: Localized = Field(default_factory=dict)
    street_number: str | None = None
    postal_code: str | None = None
    post_office: Localized = Field(default_factory=dict)
    municipality_code: str | None = None
    municipality_names: Localized = Field(default_factory=dict)
    latitude: str | None = None  # ETRS-TM35FIN northing, as PTV gives it
    longitude: str | None = None  # ETRS-TM35FIN easting


class OpeningHour(BaseModel):
    day_from: str
    day_to: str | None = None
    time_from: str | None = None
    time_to: str | None = None


class ServiceHours(BaseModel):
    type: str = "DaysOfTheWeek"  # DaysOfTheWeek, Exception, OverMidnight, Standard, Special
    always_open: bool = False
    is_closed: bool = False
    valid_from: str | None = None
    valid_to: str | None = None
    info: Localized = Field(default_factory=dict)
    opening_hours: list[OpeningHour] = Field(default_factory=list)


class ChannelRecord(Record):
    id: str
    type: str
    source: str = "ptv"
    organisation_id: str | None = None
    names: Localized = Field(default_factory=dict)
    summary: Localized = Field(default_factory=dict)
    description: Localized = Field(default_factory=dict)
    web_pages: list[WebPage] = Field(default_factory=list)
    phones: list[Phone] = Field(default_factory=list)
    emails: list[Email] = Field(default_factory=list)
    addresses: list[Address] = Field(default_factory=list)
    service_hours: list[ServiceHours] = Field(default_factory=list)
    area_type: str | None = None
    municipality_codes: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    modified: datetime | None = None
    archived: bool = False


class OrganisationRecord(Record):
    id: str
    names: Localized = Field(default_factory=dict)
    archived: bool = False


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------


class _Stored:
    """Common columns of a stored record: the JSON document, its hash and timestamps."""

    data: Mapped[dict[str, Any]]
    content_hash: Mapped[str] = mapped_column(String(64))
    archived: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Service(_Stored, Base):
    __tablename__ = "services"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(String(32), default="ptv")
    area_type: Mapped[str] = mapped_column(String(40), default=AREA_LIMITED)
    data: Mapped[dict[str, Any]]
    modified: Mapped[datetime | None]

    def record(self) -> ServiceRecord:
        return ServiceRecord.model_validate(self.data)


class Channel(_Stored, Base):
    __tablename__ = "channels"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    type: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]]
    modified: Mapped[datetime | None]

    def record(self) -> ChannelRecord:
        return ChannelRecord.model_validate(self.data)


class Organisation(_Stored, Base):
    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]]

    def record(self) -> OrganisationRecord:
        return OrganisationRecord.model_validate(self.data)


class ImportRun(Base):
    """One import or sync. Incremental PTV syncs start from the last successful run's start time."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # file, ptv, demo
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    since: Mapped[datetime | None]
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[int] = mapped_column(Integer, default=0)
    detail: Mapped[str | None] = mapped_column(Text)


# Code lists -----------------------------------------------------------------------------------


class RefMunicipality(Base):
    __tablename__ = "ref_municipalities"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    names: Mapped[dict[str, Any]]
    region_code: Mapped[str | None] = mapped_column(String(4))
    hospital_district_code: Mapped[str | None] = mapped_column(String(4))
    wellbeing_county_code: Mapped[str | None] = mapped_column(String(4))


class RefArea(Base):
    """Regions (maakunta), hospital districts and wellbeing services counties."""

    __tablename__ = "ref_areas"

    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    names: Mapped[dict[str, Any]]


class RefServiceClass(Base):
    __tablename__ = "ref_service_classes"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    uri: Mapped[str] = mapped_column(String(200))
    parent_code: Mapped[str | None] = mapped_column(String(16))
    names: Mapped[dict[str, Any]]
    descriptions: Mapped[dict[str, Any]]


class RefTargetGroup(Base):
    __tablename__ = "ref_target_groups"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    parent_code: Mapped[str | None] = mapped_column(String(16))
    names: Mapped[dict[str, Any]]
