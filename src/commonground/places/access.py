"""The one way to fetch each protected places object for a user.

Open data (areas, datasets without an organisation, profiles) is public. A council's
own things are its members': custom areas, uploads and their jobs, and its judgement of
its family group. Platform admins and moderators get no access to a council's own data
by their platform role (they are not the council). Objects a user may not see raise
``NotFound``; those they may see but not change raise ``PermissionDenied``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from commonground.accounts.access import memberships, require_user, role_in
from commonground.accounts.models import Membership, Organisation, OrganisationKind, Role
from commonground.accounts.types import Visitor
from commonground.core.errors import NotAuthenticated, PermissionDenied, not_found
from commonground.places.models import Area, AreaLevel, CustomArea, Dataset, ImportJob

STAFF = (Role.OFFICER, Role.ANALYST, Role.ADMIN)
DATA_ROLES = (Role.ANALYST, Role.ADMIN)


def council_membership(user: Visitor, council_code: str) -> Membership | None:
    """The user's membership of the council organisation for this area, if any (the
    oldest, should two council organisations share the code)."""
    return next((m for m in memberships(user) if m.organisation.kind == OrganisationKind.COUNCIL
                 and m.organisation.area_code == council_code), None)


def get_council_area(code: str) -> Area:
    area = Area.objects.select_related("parent").filter(code=code,
                                                        level=AreaLevel.COUNCIL).first()
    if area is None:
        raise not_found(_("council"))
    return area


def _may_judge(membership: Membership | None) -> bool:
    return membership is not None and membership.role in STAFF


def get_family_judgement_for_user(user: Visitor, council_code: str, *, write: bool = False) -> Area:
    """Everyone may read a council's family group; its officers and analysts set it."""
    area = get_council_area(council_code)
    if not write:
        return area
    if not user.is_authenticated:
        raise NotAuthenticated(_("Sign in to do this."))
    if not _may_judge(council_membership(user, council_code)):
        raise PermissionDenied(_("Only officers and analysts of %(council)s can set its "
                                 "family group.") % {"council": area.display_name})
    return area


def get_council_workspace_for_user(user: Visitor, council_code: str, *, write: bool = False
                                   ) -> Organisation:
    """A council's own workspace (custom areas): its members read, its staff change."""
    user = require_user(user)
    membership = council_membership(user, council_code)
    if membership is None:
        raise not_found(_("council workspace"))
    if write and membership.role not in STAFF:
        raise PermissionDenied(_("Only officers and analysts of the council can do this."))
    return membership.organisation


@dataclass(frozen=True)
class CouncilLinks:
    """What a profile page offers this user, by the rules of the two functions above."""

    can_judge: bool  # get_family_judgement_for_user(..., write=True) would allow it
    workspace: bool  # get_council_workspace_for_user(...) would allow reading it


def council_links_for_user(user: Visitor, council_code: str) -> CouncilLinks:
    """One membership query for both links of a profile page (asking the two access
    functions would look the council and the membership up three times)."""
    membership = council_membership(user, council_code)
    return CouncilLinks(can_judge=_may_judge(membership), workspace=membership is not None)


def get_custom_area_for_user(user: Visitor, custom_id: int, *, write: bool = False) -> CustomArea:
    user = require_user(user)
    custom = (CustomArea.objects.select_related("organisation", "council")
              .filter(pk=custom_id).first())
    if custom is None:
        raise not_found(_("custom area"))
    role = role_in(user, custom.organisation)
    if role is None:
        raise not_found(_("custom area"))
    if write and role not in STAFF:
        raise PermissionDenied(_("Only officers and analysts of the council can change this."))
    return custom


def _data_organisation(user: Visitor, slug: str, refusal: str) -> Organisation:
    user = require_user(user)
    membership = next((m for m in memberships(user) if m.organisation.slug == slug), None)
    if membership is None:
        raise not_found(_("organisation"))
    if membership.role not in DATA_ROLES:
        raise PermissionDenied(refusal)
    return membership.organisation


def get_upload_organisation_for_user(user: Visitor, slug: str) -> Organisation:
    """Analysts and admins of an organisation upload data for it."""
    return _data_organisation(user, slug, _("Only analysts and administrators can upload "
                                                    "data."))


def get_organisation_datasets_for_user(user: Visitor, slug: str) -> Organisation:
    """An organisation's uploaded datasets and imports: its analysts and admins see them;
    its other members are told so; everyone else is told it does not exist."""
    return _data_organisation(user, slug, _("Only analysts and administrators can see "
                                            "the data the organisation has uploaded."))


def upload_organisations(user: Visitor) -> list[Organisation]:
    return sorted((m.organisation for m in memberships(user) if m.role in DATA_ROLES),
                  key=lambda organisation: organisation.name)


def get_import_job_for_user(user: Visitor, job_id: int, *, write: bool = False) -> ImportJob:
    """The person who uploaded, and the organisation's analysts and admins."""
    user = require_user(user)
    job = ImportJob.objects.select_related("organisation", "dataset").filter(pk=job_id).first()
    if job is None:
        raise not_found(_("import"))
    if job.created_by_id == user.pk:
        return job
    if role_in(user, job.organisation) not in DATA_ROLES:
        raise not_found(_("import"))
    return job


def get_uploaded_dataset_for_user(user: Visitor, slug: str) -> Dataset:
    """A dataset an organisation uploaded: its analysts and admins see, map, download,
    replace and withdraw it; its other members are told so; anyone else is told it does
    not exist (the same rule as the organisation's list of uploads)."""
    require_user(user)
    dataset = (Dataset.objects.select_related("organisation")
               .filter(slug=slug, organisation__isnull=False).first())
    if dataset is None:
        raise not_found(_("dataset"))
    membership = next((m for m in memberships(user)
                       if m.organisation.pk == dataset.organisation_id), None)
    if membership is None:
        raise not_found(_("dataset"))
    if membership.role not in DATA_ROLES:
        raise PermissionDenied(_("Only analysts and administrators can see the data the "
                                 "organisation has uploaded."))
    return dataset


def uploaded_datasets_for_user(user: Visitor) -> list[Dataset]:
    """Every dataset uploaded by an organisation in which the user may see uploads."""
    organisations = [o.pk for o in upload_organisations(user)]
    if not organisations:
        return []
    return list(Dataset.objects.filter(organisation_id__in=organisations)
                .select_related("organisation").order_by("title"))
