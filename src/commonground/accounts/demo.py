"""Demo organisations and people. Loaded only by ``loaddemo`` (development only).

The councils are real areas (Trafford and Manchester) so the rest of the demo can
show their real open data; the people are invented.
"""

from __future__ import annotations

from typing import IO, Any

from django.db import transaction

from commonground.accounts.models import Membership, Organisation, OrganisationKind, Role, User

DEMO_PASSWORD = "common-ground-demo"  # noqa: S105 - printed for the local demo; never loaded in production

ORGANISATIONS = [
    ("trafford-council", "Trafford Council", OrganisationKind.COUNCIL, "E08000009"),
    ("manchester-city-council", "Manchester City Council", OrganisationKind.COUNCIL,
     "E08000003"),
    ("greater-manchester-police", "Greater Manchester Police", OrganisationKind.POLICE, ""),
    ("trafford-faith-forum", "Trafford Faith Forum", OrganisationKind.VCF, ""),
]

# (email, name, organisation slug or None, role, moderator, platform admin, who they are)
PEOPLE = [
    ("officer@trafford.example", "Olivia Okafor", "trafford-council", Role.OFFICER,
     False, False, "cohesion officer, Trafford Council"),
    ("analyst@trafford.example", "Arjun Mehta", "trafford-council", Role.ANALYST,
     False, False, "analyst, Trafford Council"),
    ("admin@trafford.example", "Aisha Rahman", "trafford-council", Role.ADMIN,
     False, False, "administrator of Trafford Council's account"),
    ("officer@manchester.example", "Ben Carter", "manchester-city-council", Role.OFFICER,
     False, False, "officer of another council (Manchester)"),
    ("partner@gmp.example", "Priya Shah", "greater-manchester-police", Role.MEMBER,
     False, False, "partner: neighbourhood police"),
    ("faith@trafford-faith.example", "Daniel Cohen", "trafford-faith-forum", Role.ADMIN,
     False, False, "partner: a faith forum"),
    ("moderator@commonground.example", "Maria Silva", None, None,
     True, False, "moderator of the library and forums"),
    ("admin@commonground.example", "Sam Taylor", None, None,
     False, True, "platform administrator"),
]


@transaction.atomic
def load(stdout: IO[str] | Any) -> list[str]:
    orgs = {}
    for slug, name, kind, code in ORGANISATIONS:
        orgs[slug], _ = Organisation.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "area_code": code}
        )
    lines = ["", "Demo sign-ins (password for all: " + DEMO_PASSWORD + "):"]
    for email, name, org_slug, role, moderator, superuser, who in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
        user.full_name = name
        user.is_moderator = moderator
        user.is_superuser = user.is_staff = superuser
        user.save()
        if org_slug:
            Membership.objects.update_or_create(
                user=user, organisation=orgs[org_slug], defaults={"role": role}
            )
        lines.append(f"  {email:<34} {who}")
    return lines
