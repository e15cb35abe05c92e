"""Shapes of API requests and responses (pydantic, strict where input is taken)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ninja import Path as PathParam
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


# Bounds every number a client sends, so none reaches the database out of its range
# (offset=9223372036854775808 was a 500 on both engines): a 400 naming the field instead.
MAX_OFFSET = 1_000_000
MAX_ID = 2**63 - 1  # BigAutoField on both engines


class Paging(Schema):
    """``limit`` and ``offset`` of every list the API returns."""

    limit: int = Field(100, ge=1, le=500, description="How many items to return (1 to 500)")
    offset: int = Field(0, ge=0, le=MAX_OFFSET,
                        description=f"How many items to skip (0 to {MAX_OFFSET:,})")

    def window(self, rows: Any) -> Any:
        """The page of a queryset or list."""
        return rows[self.offset:self.offset + self.limit]


class LongPaging(Paging):
    """Paging of lists people usually want whole (every LSOA of a council)."""

    limit: int = Field(5000, ge=1, le=5000, description="How many items to return (1 to 5,000)")


Id = Annotated[int, PathParam(ge=1, le=MAX_ID)]
