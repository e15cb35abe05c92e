"""Who sees what in tensions: the one way to fetch each protected object for a user.

- A report belongs to the council of its area. That council's officers and admins
  see and change it; its analysts see it.
- A partner organisation sees the reports a sharing agreement gives it (those
  categories, with contact details only if the agreement says so), read only, and
  never internal notes or the point on the map.
- A reporter sees only their own report, through its private link (``report_by_link``).
- Everyone else (another council's officer, moderators, platform admins) gets
  ``NotFound``: platform roles give no access to a council's private data.

Every page, API endpoint and export fetches through these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.accounts.access import memberships, require_user
from commonground.accounts.models import OrganisationKind, Role, SharingAgreement
from commonground.accounts.tokens import hash_secret
from commonground.accounts.types import Visitor
from commonground.core.errors import PermissionDenied, not_found
from commonground.tensions.models import (
    Alert,
    Assessment,
    CommunityContact,
    Report,
    Rumour,
    TriggerEvent,
    TriggerResponse,
)

READ_ROLES = (Role.OFFICER, Role.ADMIN, Role.ANALYST)
WRITE_ROLES = (Role.OFFICER, Role.ADMIN)


@dataclass
class Reach:
    """What one user may reach in tensions: two small queries, never cached, so a
    membership or agreement ended a moment ago already counts."""

    read_councils: set[int] = field(default_factory=set)
    write_councils: set[int] = field(default_factory=set)
    partner_orgs: set[int] = field(default_factory=set)
    # owner council id -> (categories shared, with contact details, with assessments)
    shared: dict[int, tuple[set[str], bool, bool]] = field(default_factory=dict)

    def shares(self, council_id: int, category: str) -> bool:
        grant = self.shared.get(council_id)
        return grant is not None and category in grant[0]

    @property
    def is_officer(self) -> bool:
        return bool(self.read_councils)


def reach_of(user: Visitor) -> Reach:
    reach = Reach()
    if user is None or not user.is_authenticated:
        return reach
    for membership in memberships(user):
        org_id, kind, role = (membership.organisation_id, membership.organisation.kind,
                              membership.role)
        if kind == OrganisationKind.COUNCIL:
            if role in READ_ROLES:
                reach.read_councils.add(org_id)
            if role in WRITE_ROLES:
                reach.write_councils.add(org_id)
        else:
            reach.partner_orgs.add(org_id)
    if reach.partner_orgs:
        today = timezone.localdate()
        agreements = SharingAgreement.objects.filter(
            partner_id__in=reach.partner_orgs, revoked_at__isnull=True, starts_on__lte=today,
        ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        for agreement in agreements:
            cats, contact, assess = reach.shared.get(agreement.owner_id, (set(), False, False))
            reach.shared[agreement.owner_id] = (
                cats | set(agreement.categories),
                contact or agreement.include_contact_details,
                assess or agreement.include_assessments,
            )
    return reach


def visible_reports(user: Visitor, reach: Reach | None = None) -> QuerySet[Report]:
    """Every report the user may see (not yet filtered or ordered for a page).
    ``reach``: the user's, read once by a caller that asks several questions."""
    if reach is None:
        reach = reach_of(user)
    condition = Q(council_id__in=reach.read_councils)
    for council_id, (categories, _contact, _assess) in reach.shared.items():
        condition |= Q(council_id=council_id, category__in=sorted(categories))
    if not reach.read_councils and not reach.shared:
        return Report.objects.none()
    return Report.objects.filter(condition)


def get_report_for_user(user: Visitor, reference: str, *, write: bool = False) -> Report:
    user = require_user(user)
    # The ward's boundary stays in the database: no report page draws it.
    report = (Report.objects.select_related("council", "ward", "assignee", "merged_into")
              .defer("ward__boundary").filter(reference=reference).first())
    if report is None:
        raise not_found(_("report"))
    reach = reach_of(user)
    if report.council_id in reach.read_councils:
        if write and report.council_id not in reach.write_councils:
            raise PermissionDenied(_("Only the council's officers can change a report."))
        return report
    if reach.shares(report.council_id, report.category):
        if write:
            raise PermissionDenied(_("Reports shared with you can be read, not changed."))
        return report
    raise not_found(_("report"))


def is_owning_officer(user: Visitor, report: Report) -> bool:
    """The council's own people: they see notes, the point on the map and the audit."""
    return report.council_id in reach_of(user).read_councils


def can_see_contact(user: Visitor, report: Report, reach: Reach | None = None) -> bool:
    """``reach``: the user's, read once by a caller that asks about many reports."""
    if reach is None:
        reach = reach_of(user)
    if report.council_id in reach.read_councils:
        return True
    grant = reach.shared.get(report.council_id)
    return grant is not None and report.category in grant[0] and grant[1]


def report_by_link(token: str) -> Report:
    """The reporter's own report, found by the secret in their private link."""
    report = (Report.objects.select_related("council", "ward")
              .filter(private_token_hash=hash_secret(token)).first())
    if report is None:
        raise not_found(_("report"))
    return report


def assessment_council_ids(reach: Reach) -> set[int]:
    """Councils whose assessments the user reads: their own, and those whose sharing
    agreement with the user's organisation includes assessments."""
    shared = [c for c, (_cats, _contact, assess) in reach.shared.items() if assess]
    return reach.read_councils | set(shared)


def visible_assessments(user: Visitor, reach: Reach | None = None) -> QuerySet[Assessment]:
    return Assessment.objects.filter(council_id__in=assessment_council_ids(
        reach_of(user) if reach is None else reach))


def get_assessment_for_user(user: Visitor, assessment_id: int, *, write: bool = False
                            ) -> Assessment:
    user = require_user(user)
    assessment = (Assessment.objects.select_related("council", "area")
                  .filter(pk=assessment_id).first())
    if assessment is None or not visible_assessments(user).filter(pk=assessment_id).exists():
        raise not_found(_("assessment"))
    if write and assessment.council_id not in reach_of(user).write_councils:
        raise PermissionDenied(_("Only the council's officers can change its assessments."))
    return assessment


def council_ids_for(user: Visitor, *, write: bool = False,
                    reach: Reach | None = None) -> set[int]:
    if reach is None:
        reach = reach_of(user)
    return set(reach.write_councils if write else reach.read_councils)


def require_council(user: Visitor, council_id: int, *, write: bool = False) -> None:
    """For objects only the council itself ever sees: NotFound for anyone else."""
    user = require_user(user)
    reach = reach_of(user)
    if council_id not in reach.read_councils:
        raise not_found(_("page"))
    if write and council_id not in reach.write_councils:
        raise PermissionDenied(_("Only the council's officers can change this."))


M = TypeVar("M", bound=Model)


def _council_object(user: Visitor, model: type[M], pk: int, kind: str, write: bool) -> M:
    user = require_user(user)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None or getattr(obj, "council_id", None) not in reach_of(user).read_councils:
        raise not_found(kind)
    require_council(user, obj.council_id, write=write)  # type: ignore[attr-defined]
    return obj


def get_alert_for_user(user: Visitor, alert_id: int, *, write: bool = False) -> Alert:
    return _council_object(user, Alert, alert_id, _("alert"), write)


def get_trigger_event_for_user(user: Visitor, event_id: int, *, write: bool = False
                               ) -> TriggerEvent:
    return _council_object(user, TriggerEvent, event_id, _("trigger event"), write)


def get_response_for_user(user: Visitor, response_id: int, *, write: bool = False
                          ) -> TriggerResponse:
    return _council_object(user, TriggerResponse, response_id, _("response"), write)


def get_community_contact_for_user(user: Visitor, contact_id: int, *, write: bool = False
                                   ) -> CommunityContact:
    """Personal data of community representatives: the council's officers only."""
    return _council_object(user, CommunityContact, contact_id, _("contact"), write)


def get_rumour_for_user(user: Visitor, rumour_id: int, *, write: bool = False) -> Rumour:
    return _council_object(user, Rumour, rumour_id, _("rumour"), write)
