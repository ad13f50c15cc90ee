"""The API's request and response bodies: they validate requests and generate the OpenAPI document."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Discriminator, Field, Tag

from services.announcement_drafts import MAX_AUDIENCE_VALUES, MAX_LINK_TITLE, MAX_LINKS, MAX_TEXT, MAX_TITLE, MAX_URL
from vocabulary import AnnouncementKind, AnnouncementStatus

MAX_VALUE = 200
"""Characters of one channel id, group name, Entra group id or department."""

Value = Annotated[str, Field(min_length=1, max_length=MAX_VALUE)]


class Strict(BaseModel):
    """A body part that refuses unknown fields and values of another JSON type."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Everyone(Strict):
    """Everyone with the app: every person Vraagbaak has a personal chat with."""

    everyone: Literal[True]


class Channels(Strict):
    """A post in each of these Teams channels (channel ids, e.g. 19:...@thread.tacv2)."""

    channels: list[Value] = Field(min_length=1, max_length=MAX_AUDIENCE_VALUES)


class Groups(Strict):
    """A post in the channel of each of these key-user groups (group names)."""

    groups: list[Value] = Field(min_length=1, max_length=MAX_AUDIENCE_VALUES)


class EntraGroup(Strict):
    """Every (transitive) member of this Entra group (object id), in their personal chat."""

    entra_group: Value


class Department(Strict):
    """Every employee whose Entra department is this name, in their personal chat."""

    department: Value


def _audience_tag(value: Any) -> str | None:
    """The audience kind an object names: its one key."""
    if isinstance(value, dict) and len(value) == 1:
        return next(iter(value))
    if isinstance(value, BaseModel):
        return next(iter(type(value).model_fields))
    return None


AudienceBody = Annotated[
    Annotated[Everyone, Tag("everyone")]
    | Annotated[Channels, Tag("channels")]
    | Annotated[Groups, Tag("groups")]
    | Annotated[EntraGroup, Tag("entra_group")]
    | Annotated[Department, Tag("department")],
    Discriminator(_audience_tag),
]
"""Exactly one of the audience objects."""


class LinkBody(Strict):
    """A link button on the card; clicks on it are counted."""

    title: str = Field(min_length=1, max_length=MAX_LINK_TITLE)
    url: str = Field(min_length=1, max_length=MAX_URL, pattern=r"^https?://")


Kind = Literal[AnnouncementKind.RELEASE_NOTE, AnnouncementKind.UPDATE]
Title = Annotated[str, Field(min_length=1, max_length=MAX_TITLE)]
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT, description="Markdown, as Teams cards render it.")]
Url = Annotated[str, Field(min_length=1, max_length=MAX_URL, pattern=r"^https?://")]
Application = Annotated[str, Field(min_length=1, max_length=MAX_VALUE)]


class AnnouncementCreate(Strict):
    """A new announcement: sent now (send_now), at a set time (send_at), or kept as a draft (neither)."""

    title: Title
    text: Text
    audience: AudienceBody
    send_now: bool = False
    send_at: AwareDatetime | None = Field(None, description="ISO 8601 with a time zone; sends it then.")
    ack: bool = Field(False, description="Ask every recipient to acknowledge ('Gelezen').")
    notify: bool = Field(False, description="Also an activity-feed notification to every person it goes to.")
    ack_deadline: AwareDatetime | None = Field(None, description="Remind who has not acknowledged by then.")
    kind: Kind = AnnouncementKind.UPDATE
    links: list[LinkBody] = Field(default_factory=list, max_length=MAX_LINKS)
    image_url: Url | None = None
    application: Application | None = None


class AnnouncementChange(Strict):
    """An edit: only the fields given change. On a draft, send_now or send_at also sends or schedules it."""

    title: Title | None = None
    text: Text | None = None
    audience: AudienceBody | None = None
    send_now: bool | None = None
    send_at: AwareDatetime | None = None
    ack: bool | None = None
    notify: bool | None = None
    ack_deadline: AwareDatetime | None = None
    kind: Kind | None = None
    links: list[LinkBody] | None = Field(None, max_length=MAX_LINKS)
    image_url: Url | None = None
    application: Application | None = None


class Counts(BaseModel):
    """How the announcement's deliveries stand."""

    recipients: int
    sent: int
    failed: int
    unreachable: int
    acknowledged: int


class AnnouncementRef(BaseModel):
    """The announcement a request made or changed, and its status now."""

    id: int
    status: AnnouncementStatus


class AnnouncementState(BaseModel):
    """An announcement's status and delivery counts."""

    id: int
    status: AnnouncementStatus
    counts: Counts


class FieldError(BaseModel):
    """One of pydantic's validation errors."""

    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """Every error answer: a code, a sentence, and for 422 what is wrong with each field."""

    error: str
    message: str
    fields: dict[str, str] | None = Field(None, description="Field (dotted path) -> what is wrong with it.")
    errors: list[FieldError] | None = Field(None, description="pydantic's own errors, for 422.")
