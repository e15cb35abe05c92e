"""Shapes of API requests and responses (pydantic, strict where input is taken)."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    error: ErrorDetail


class HealthOut(Schema):
    status: Literal["ok"]
    database: Literal["ok"]


class ReadyOut(Schema):
    status: Literal["ready", "not_ready"]
    database: Literal["ok", "unreachable"]
    worker: Literal["ok", "none"] = Field(
        description="'ok' when a background worker has been heard from in the last two "
                    "minutes")
    workers: int = Field(description="Workers heard from in the last two minutes")


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    area_code: str


class MembershipOut(Schema):
    organisation: OrganisationOut
    role: str


class MeOut(Schema):
    email: str
    full_name: str
    is_moderator: bool
    memberships: list[MembershipOut]


class MemberOut(Schema):
    id: int
    full_name: str
    email: str
    role: str


class InvitationIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)

    email: str = Field(max_length=254, description="Checked by the service like the form")
    role: Literal["member", "officer", "analyst", "admin"] = "member"


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    expires_at: str
