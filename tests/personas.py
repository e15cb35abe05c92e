"""The named people every access test is tried with.

Two councils (A: Trafford, B: Manchester), a police partner, and people in every role.
``assert_personas`` makes a test state the outcome for *every* persona, so adding a
persona later makes every access test say what that person may do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser

from commonground.accounts.models import Membership, Organisation, OrganisationKind, Role, User

PASSWORD = "correct horse battery staple"

PERSONAS = (
    "anonymous",    # a member of the public, not signed in
    "resident",     # signed in, belongs to no organisation
    "officer_a",    # cohesion officer of council A
    "org_admin_a",  # administrator of council A's account
    "officer_b",    # officer of council B
    "partner",      # member of a partner organisation (police)
    "moderator",    # platform moderator
    "admin",        # platform administrator
)

ALLOWED = None  # the call succeeds


@dataclass
class World:
    council_a: Organisation
    council_b: Organisation
    police: Organisation
    users: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, persona: str) -> Any:
        return self.users[persona]


def _user(email: str, name: str, **extra: Any) -> User:
    return User.objects.create_user(email, PASSWORD, full_name=name, **extra)


def build_world() -> World:
    council_a = Organisation.objects.create(
        name="Trafford Council", slug="council-a", kind=OrganisationKind.COUNCIL,
        area_code="E08000009")
    council_b = Organisation.objects.create(
        name="Manchester City Council", slug="council-b", kind=OrganisationKind.COUNCIL,
        area_code="E08000003")
    police = Organisation.objects.create(
        name="Greater Manchester Police", slug="police", kind=OrganisationKind.POLICE)
    world = World(council_a, council_b, police)
    world.users["anonymous"] = AnonymousUser()
    world.users["resident"] = _user("resident@example.org", "Rita Resident")
    for persona, org, role in [
        ("officer_a", council_a, Role.OFFICER),
        ("org_admin_a", council_a, Role.ADMIN),
        ("officer_b", council_b, Role.OFFICER),
        ("partner", police, Role.MEMBER),
    ]:
        user = _user(f"{persona}@example.org", persona.replace("_", " ").title())
        Membership.objects.create(user=user, organisation=org, role=role)
        world.users[persona] = user
    # Council B has its own administrator, so "last admin" rules never mask a result.
    Membership.objects.create(user=_user("org_admin_b@example.org", "Admin B"),
                              organisation=council_b, role=Role.ADMIN)
    world.users["moderator"] = _user("moderator@example.org", "Mo Moderator", is_moderator=True)
    world.users["admin"] = _user("admin@example.org", "Ada Admin", is_superuser=True,
                                 is_staff=True)
    return world


def outcome_of(call: Callable[[], Any]) -> type[BaseException] | None:
    try:
        call()
    except Exception as exc:  # the test compares the type with what it expects
        return type(exc)
    return ALLOWED


def assert_personas(
    world: World,
    call: Callable[[Any], Any],
    expected: dict[str, type[BaseException] | None],
) -> None:
    """Run ``call(user)`` as every persona and compare each outcome with ``expected``.

    ``expected`` must name every persona: None means allowed, otherwise the exception
    type the access function must raise.
    """
    missing = set(PERSONAS) - set(expected)
    assert not missing, f"say what these personas may do: {sorted(missing)}"
    actual = {p: outcome_of(lambda p=p: call(world[p])) for p in PERSONAS}
    wrong = {
        p: {"expected": getattr(expected[p], "__name__", "allowed"),
            "got": getattr(actual[p], "__name__", "allowed")}
        for p in PERSONAS
        if actual[p] is not expected[p]
    }
    assert not wrong, f"access differs from what was expected: {wrong}"
