"""The signed-in user, their organisations, members and invitations."""

from __future__ import annotations

from typing import Any

from ninja import Query, Router, Status

from commonground.accounts import access, selectors, services
from commonground.accounts.types import SignedInRequest
from commonground.api.auth import token_or_session
from commonground.api.schemas import (
    ErrorOut,
    InvitationIn,
    InvitationOut,
    MemberOut,
    MeOut,
    OrganisationOut,
    Paging,
)

router = Router(tags=["Accounts"], auth=token_or_session)
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                          409: ErrorOut}


def _organisation(org: Any) -> dict[str, Any]:
    return {"slug": org.slug, "name": org.name, "kind": org.kind, "area_code": org.area_code}


@router.get("/me", response={200: MeOut, **ERRORS}, summary="Who am I?")
def me(request: SignedInRequest) -> dict[str, Any]:
    user = request.user
    return {
        "email": user.email,
        "full_name": user.full_name,
        "is_moderator": user.is_moderator,
        "memberships": [
            {"organisation": _organisation(m.organisation), "role": m.role}
            for m in selectors.memberships_of(user)
        ],
    }


@router.get("/organisations", response={200: list[OrganisationOut], **ERRORS},
            summary="Organisations I belong to")
def organisations(request: SignedInRequest, paging: Query[Paging]) -> list[dict[str, Any]]:
    return [_organisation(o)
            for o in paging.window(selectors.organisations_visible_to(request.user))]


@router.get("/organisations/{slug}", response={200: OrganisationOut, **ERRORS},
            summary="One of my organisations")
def organisation(request: SignedInRequest, slug: str) -> dict[str, Any]:
    return _organisation(access.get_organisation_for_user(request.user, slug))


@router.get("/organisations/{slug}/members", response={200: list[MemberOut], **ERRORS},
            summary="Members of one of my organisations")
def members(request: SignedInRequest, slug: str, paging: Query[Paging]
            ) -> list[dict[str, Any]]:
    org = access.get_organisation_for_user(request.user, slug)
    return [
        {"id": m.pk, "full_name": m.user.full_name, "email": m.user.email, "role": m.role}
        for m in paging.window(selectors.members_of(org))
    ]


@router.post("/organisations/{slug}/invitations", response={201: InvitationOut, **ERRORS},
             summary="Invite someone to an organisation I administer")
def invite(request: SignedInRequest, slug: str, payload: InvitationIn) -> Status[dict[str, Any]]:
    org = access.get_organisation_for_user(request.user, slug, write=True)
    invitation, _token = services.invite_member(
        actor=request.user, organisation=org, email=str(payload.email), role=payload.role
    )
    return Status(201, {"id": invitation.pk, "email": invitation.email,
                        "role": invitation.role, "expires_at": invitation.expires_at.isoformat()})
