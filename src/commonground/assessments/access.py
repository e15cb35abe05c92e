"""Who sees what in assessments: the one way to fetch each protected object for a user.

- A council owns its impact assessments. Every member of the council organisation reads
  them; its officers and administrators change them (the same roles that change its
  plans, :func:`commonground.plans.access.reach_of`).
- A published assessment's summary is read by everyone, through its public page; the
  working (screening notes, effects, consultations) stays with the council.
- An Equality Framework self-assessment is the council's alone, completed or not: it is
  shared with peers as the exported document, not through the platform.
- A strategy is the council's until its current version is adopted; then everyone reads
  it (its versions and consultation record stay the council's).
- The cohesion partnership (members, meetings, decisions) is read by the council and by
  the people of its member organisations; the council's officers change it.
- A scrutiny report is the council's; the committee gets the printed page or the document.
- Everyone else (other councils, partners, residents, the public, platform moderators
  and administrators) sees nothing of a draft: ``NotFound``, the same answer as for an
  assessment that does not exist.

Objects a user may see but not change raise ``PermissionDenied``. Every page, API
endpoint and export fetches through these functions.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from commonground.accounts.access import memberships, require_user
from commonground.accounts.models import Organisation
from commonground.accounts.types import Visitor
from commonground.assessments.indexing import council_key
from commonground.assessments.models import (
    Consultation,
    Effect,
    EvidenceLink,
    ImpactAssessment,
    Meeting,
    Mitigation,
    PartnershipMember,
    ScrutinyReport,
    SelfAssessment,
    Stage,
    Strategy,
    StrategyVersion,
)
from commonground.core.errors import PermissionDenied, not_found
from commonground.plans.access import councils_for, get_council_for_user, reach_of

__all__ = ["councils_for", "get_assessment_for_user", "get_council_for_user",
           "get_consultation_for_user", "get_effect_for_user", "get_evidence_for_user",
           "get_meeting_for_user", "get_mitigation_for_user", "get_partnership_for_user",
           "get_scrutiny_report_for_user", "get_self_assessment_for_user",
           "get_strategy_for_user", "current_version",
           "is_council_member", "may_write", "search_access_keys", "visible_assessments"]


def may_write(user: Visitor, assessment: ImpactAssessment) -> bool:
    return assessment.council_id in reach_of(user).write_councils


def is_council_member(user: Visitor, assessment: ImpactAssessment) -> bool:
    return assessment.council_id in reach_of(user).read_councils


def visible_assessments(user: Visitor) -> QuerySet[ImpactAssessment]:
    """Published assessments, and the drafts of the user's own councils."""
    published = Q(stage=Stage.PUBLISHED)
    own = reach_of(user).read_councils
    return ImpactAssessment.objects.filter(published | Q(council_id__in=own) if own
                                           else published)


def search_access_keys(user: Visitor) -> set[str]:
    """The search engine's keys this user holds: one per council whose drafts and
    self-assessments they may read (see assessments/indexing.py)."""
    return {council_key(pk) for pk in reach_of(user).read_councils}


def get_assessment_for_user(user: Visitor, assessment_id: int, *, write: bool = False
                            ) -> ImpactAssessment:
    """``write``: change it (the council's officers and administrators)."""
    if write:
        require_user(user)
    assessment = (ImpactAssessment.objects.select_related("council", "custom_area", "plan")
                  .filter(pk=assessment_id).first())
    if assessment is None:
        raise not_found(_("assessment"))
    reach = reach_of(user)
    if not assessment.is_published and assessment.council_id not in reach.read_councils:
        raise not_found(_("assessment"))
    if write and assessment.council_id not in reach.write_councils:
        raise PermissionDenied(_("Only the council's officers can change its assessments."))
    return assessment


def _working(user: Visitor, assessment_id: int, write: bool, kind: str) -> ImpactAssessment:
    """The working of an assessment is the council's alone, published or not."""
    assessment = get_assessment_for_user(user, assessment_id, write=write)
    if not is_council_member(user, assessment):
        raise not_found(kind)
    return assessment


def get_effect_for_user(user: Visitor, effect_id: int, *, write: bool = False) -> Effect:
    effect = Effect.objects.select_related("area").filter(pk=effect_id).first()
    if effect is None:
        raise not_found(_("effect"))
    effect.assessment = _working(user, effect.assessment_id, write, _("effect"))
    return effect


def get_consultation_for_user(user: Visitor, consultation_id: int, *, write: bool = False
                              ) -> Consultation:
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        raise not_found(_("consultation"))
    consultation.assessment = _working(user, consultation.assessment_id, write,
                                       _("consultation"))
    return consultation


def get_mitigation_for_user(user: Visitor, mitigation_id: int, *, write: bool = False
                            ) -> Mitigation:
    mitigation = Mitigation.objects.select_related("action").filter(pk=mitigation_id).first()
    if mitigation is None:
        raise not_found(_("mitigation"))
    mitigation.assessment = _working(user, mitigation.assessment_id, write, _("mitigation"))
    return mitigation


def get_self_assessment_for_user(user: Visitor, self_assessment_id: int, *,
                                 write: bool = False) -> SelfAssessment:
    """The council's members read; its officers and administrators change."""
    if write:
        require_user(user)
    found = (SelfAssessment.objects.select_related("council", "previous")
             .filter(pk=self_assessment_id).first())
    reach = reach_of(user)
    if found is None or found.council_id not in reach.read_councils:
        raise not_found(_("self-assessment"))
    if write and found.council_id not in reach.write_councils:
        raise PermissionDenied(_("Only the council's officers can change its "
                                 "self-assessment."))
    return found


def get_evidence_for_user(user: Visitor, evidence_id: int, *, write: bool = False
                          ) -> EvidenceLink:
    link = EvidenceLink.objects.filter(pk=evidence_id).first()
    if link is None:
        raise not_found(_("evidence"))
    link.self_assessment = get_self_assessment_for_user(user, link.self_assessment_id,
                                                        write=write)
    return link


def current_version(strategy: Strategy) -> StrategyVersion | None:
    return strategy.versions.order_by("-number").first()


def get_strategy_for_user(user: Visitor, strategy_id: int, *, write: bool = False) -> Strategy:
    """The council's members read every version; everyone reads an adopted strategy."""
    if write:
        require_user(user)
    strategy = Strategy.objects.select_related("council").filter(pk=strategy_id).first()
    if strategy is None:
        raise not_found(_("strategy"))
    reach = reach_of(user)
    if strategy.council_id not in reach.read_councils:
        current = current_version(strategy)
        if current is None or current.adopted_on is None:
            raise not_found(_("strategy"))
    if write and strategy.council_id not in reach.write_councils:
        raise PermissionDenied(_("Only the council's officers can change its strategy."))
    return strategy


def get_partnership_for_user(user: Visitor, council_slug: str, *, write: bool = False
                             ) -> Organisation:
    """A council's cohesion partnership: its members and the people of its member
    organisations read; its officers change."""
    require_user(user)
    reach = reach_of(user)
    council = Organisation.objects.filter(slug=council_slug).first()
    if council is None:
        raise not_found(_("partnership"))
    member_of = {m.organisation_id for m in memberships(user)}
    in_partnership = PartnershipMember.objects.filter(
        council=council, organisation_id__in=member_of).exists()
    if council.pk not in reach.read_councils and not in_partnership:
        raise not_found(_("partnership"))
    if write and council.pk not in reach.write_councils:
        raise PermissionDenied(_("Only the council's officers can change its partnership."))
    return council


def get_meeting_for_user(user: Visitor, meeting_id: int, *, write: bool = False) -> Meeting:
    meeting = Meeting.objects.select_related("council").filter(pk=meeting_id).first()
    if meeting is None:
        raise not_found(_("meeting"))
    meeting.council = get_partnership_for_user(user, meeting.council.slug, write=write)
    return meeting


def get_scrutiny_report_for_user(user: Visitor, report_id: int) -> ScrutinyReport:
    """The council's members read its scrutiny reports (they are never changed)."""
    require_user(user)
    report = ScrutinyReport.objects.select_related("council").filter(pk=report_id).first()
    if report is None or report.council_id not in reach_of(user).read_councils:
        raise not_found(_("scrutiny report"))
    return report
