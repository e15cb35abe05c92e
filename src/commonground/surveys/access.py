"""Who sees what in surveys: the one way to fetch a wave for a user.

- A council owns its waves, their responses and their results. Every member of the
  council organisation reads the waves and their results; its officers, analysts and
  administrators run them (create, import, weight, invitation codes, publish) and alone
  may read raw responses.
- A published wave's results (never its responses) are open to everyone.
- Everyone else (other councils, partners, residents, the public, and platform moderators
  and administrators, whose roles give no access to a council's own work) sees only
  published results.

A wave the user may not see raises ``NotFound`` (the same answer as for a wave that does
not exist); one they may see but not change raises ``PermissionDenied``. Every page, API
endpoint and export fetches waves through :func:`get_wave_for_user`; the public
questionnaire reaches a wave taking answers through :func:`wave_to_answer`, which gives
nothing of its responses or results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonground.accounts.access import memberships, require_user
from commonground.accounts.models import Organisation, OrganisationKind, Role
from commonground.accounts.types import Visitor
from commonground.core.errors import PermissionDenied, not_found
from commonground.surveys.models import Wave

WRITE_ROLES = (Role.OFFICER, Role.ANALYST, Role.ADMIN)
WAVE = gettext_lazy("survey wave")
SURVEY = gettext_lazy("survey taking answers")


@dataclass
class Reach:
    """The councils whose waves one user reads and runs (memberships read once)."""

    read_councils: set[int] = field(default_factory=set)
    write_councils: set[int] = field(default_factory=set)


def reach_of(user: Visitor | None) -> Reach:
    reach = Reach()
    if user is None or not user.is_authenticated:
        return reach
    for membership in memberships(user):
        if membership.organisation.kind != OrganisationKind.COUNCIL:
            continue
        reach.read_councils.add(membership.organisation_id)
        if membership.role in WRITE_ROLES:
            reach.write_councils.add(membership.organisation_id)
    return reach


def councils_for(user: Visitor, *, write: bool = False) -> list[Organisation]:
    """The councils whose waves the user runs (``write``) or reads, by name."""
    if not user.is_authenticated:
        return []
    reach = reach_of(user)
    ids = reach.write_councils if write else reach.read_councils
    return sorted((m.organisation for m in memberships(user) if m.organisation_id in ids),
                  key=lambda council: council.name)


def get_council_for_user(user: Visitor, slug: str, *, write: bool = False) -> Organisation:
    """A council's surveys workspace: its members read it; officers, analysts and
    administrators run its waves."""
    require_user(user)
    for council in councils_for(user):
        if council.slug == slug:
            if write and council.pk not in reach_of(user).write_councils:
                raise PermissionDenied(_("Only the council's officers and analysts can do "
                                         "this."))
            return council
    raise not_found(_("council"))


def may_run(user: Visitor, wave: Wave) -> bool:
    return wave.council_id in reach_of(user).write_councils


def visible_waves(user: Visitor) -> QuerySet[Wave]:
    """Waves whose results the user may read: their councils' and every published one."""
    reach = reach_of(user)
    return Wave.objects.filter(Q(published=True) | Q(council_id__in=reach.read_councils))


def get_wave_for_user(user: Visitor, wave_id: int, *, write: bool = False) -> Wave:
    """A wave: its results for those who may read them; ``write`` to run it or read its
    raw responses (the council's officers, analysts and administrators)."""
    if write:
        require_user(user)
    wave = Wave.objects.select_related("council").filter(pk=wave_id).first()
    if wave is None:
        raise not_found(WAVE)
    reach = reach_of(user)
    if not (wave.published or wave.council_id in reach.read_councils):
        raise not_found(WAVE)
    if write and wave.council_id not in reach.write_councils:
        raise PermissionDenied(_("Only the council's officers and analysts can do this."))
    return wave


def wave_to_answer(wave_id: int) -> Wave:
    """A wave whose online questionnaire takes answers: open to anyone to reach, though
    only an invitation code or the wave's open access lets them answer
    (``surveys.answering``). Raw responses are never reached this way."""
    wave = Wave.objects.select_related("council").filter(
        pk=wave_id, collecting=True, responses_purged_on__isnull=True).first()
    if wave is None:
        raise not_found(SURVEY)
    return wave
