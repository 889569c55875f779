"""The chat API's request and response shapes (``/assistant/v1``), capped at the edge."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from auroranet.assistant.answers import Reply
from auroranet.vocab import METER_KEYS

ShareKey = Annotated[str, Field(pattern="^(transcript|age|municipality_code|meter:(" + "|".join(METER_KEYS) + "))$")]


class StartIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lang: Literal["fi", "sv", "en"] = "fi"


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, Field(min_length=1, max_length=500)]
    # With a "yes" to an offer to pass the person on: exactly the items they chose (nothing by default).
    share: Annotated[list[ShareKey], Field(max_length=12)] = Field(default_factory=list)


class ReturnIn(BaseModel):
    """A connected assistant hands the person back."""

    model_config = ConfigDict(extra="forbid")
    return_token: Annotated[str, Field(min_length=20, max_length=100)]
    summary: Annotated[str, Field(max_length=300)] = ""


class ServiceOut(BaseModel):
    id: str
    name: str
    summary: str
    url: str
    why: list[str]


class UrgentOut(BaseModel):
    id: str
    name: str
    purpose: str
    phone: str | None
    phone_uri: str | None
    url: str | None
    hours: str


class ReplyOut(BaseModel):
    text: str
    services: list[ServiceOut]
    urgent_help: list[UrgentOut]
    suggestions: list[str]

    @classmethod
    def of(cls, r: Reply) -> "ReplyOut":
        return cls(text=r.text, services=[ServiceOut(**vars(s)) for s in r.services],
                   urgent_help=[UrgentOut(id=u.id, name=u.name, purpose=u.purpose, phone=u.phone,
                                          phone_uri=u.phone_uri, url=u.url, hours=u.hours) for u in r.urgent_help],
                   suggestions=r.suggestions)


class ShareItem(BaseModel):
    key: str
    label: str


class HandoverOut(BaseModel):
    """To another assistant (``offered``, ``transferred``: ``assistant_id``) or to a person at a desk
    (``desk_id``): ``person_offered`` (tick ``transcript`` in ``share`` to pass the conversation on),
    ``person_waiting`` / ``person_active`` (the staff member's lines arrive as server-sent events from
    ``events_url``), ``person_closed`` (the desk is closed: ``phone``, ``contact_url``)."""

    status: Literal["offered", "transferred", "person_offered", "person_waiting", "person_active", "person_closed"]
    assistant_id: str | None = None
    desk_id: str | None = None
    name: str
    why: str = ""
    can_share: list[ShareItem] = Field(default_factory=list)
    url: str | None = None
    shared: list[str] = Field(default_factory=list)
    phone: str | None = None
    contact_url: str | None = None
    chat_id: str | None = None
    events_url: str | None = None
    staff_name: str | None = None


class StartOut(BaseModel):
    conversation_id: str
    replies: list[ReplyOut]


class MessageOut(BaseModel):
    replies: list[ReplyOut]
    handover: HandoverOut | None
    ended: bool
    lang: str
