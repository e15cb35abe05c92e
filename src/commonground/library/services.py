"""Every write to contributions: submit, edit, publish, return, hide, restore.

Each is keyword-only, transactional and audited; each keeps a ``Revision`` (who,
when, what changed and why) and keeps the search index in step. Nothing is ever
deleted: a moderator hides a contribution with a reason, and the author is told why
by email and on their submissions page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonground.accounts import welsh
from commonground.accounts.access import memberships, require_user
from commonground.accounts.models import User
from commonground.background import mail
from commonground.core import audit
from commonground.core.errors import Conflict, InvalidInput, PermissionDenied
from commonground.core.slugs import unique_slug
from commonground.library import access
from commonground.library.indexing import index_case_study, index_resource
from commonground.library.models import CaseStudy, Resource, Revision, Status

Contribution = CaseStudy | Resource

CASE_STUDY_FIELDS = ["title", "summary", "title_cy", "summary_cy", "council", "area_code",
                     "region", "family_group", "outcomes", "outcomes_cy", "evidence_strength",
                     "links", "year"]
RESOURCE_FIELDS = ["title", "summary", "title_cy", "summary_cy", "kind", "publisher", "year",
                   "url"]
CASE_STUDY_RELATIONS = ["themes", "issues", "actions"]
RESOURCE_RELATIONS = ["themes"]


ENTER = {"title": gettext_lazy("Enter a title."), "summary": gettext_lazy("Enter a summary.")}
# The email's subject per sort of contribution and decision, written in the author's language.
SUBJECTS = {
    ("case_study", "published"): gettext_lazy("Your case study ‘%(title)s’ has been published"),
    ("case_study", "returned"): gettext_lazy("Your case study ‘%(title)s’ has been returned"),
    ("case_study", "hidden"): gettext_lazy("Your case study ‘%(title)s’ has been hidden"),
    ("case_study", "restored"): gettext_lazy("Your case study ‘%(title)s’ has been restored"),
    ("resource", "published"): gettext_lazy("Your resource ‘%(title)s’ has been published"),
    ("resource", "returned"): gettext_lazy("Your resource ‘%(title)s’ has been returned"),
    ("resource", "hidden"): gettext_lazy("Your resource ‘%(title)s’ has been hidden"),
    ("resource", "restored"): gettext_lazy("Your resource ‘%(title)s’ has been restored"),
}
CANNOT = {
    "published": gettext_lazy("This cannot be published while it is ‘%(status)s’."),
    "returned": gettext_lazy("This cannot be returned while it is ‘%(status)s’."),
    "hidden": gettext_lazy("This cannot be hidden while it is ‘%(status)s’."),
    "restored": gettext_lazy("This cannot be restored while it is ‘%(status)s’."),
}


def object_type(obj: Contribution) -> str:
    return "case_study" if isinstance(obj, CaseStudy) else "resource"


def _fields(obj: Contribution) -> tuple[list[str], list[str]]:
    if isinstance(obj, CaseStudy):
        return CASE_STUDY_FIELDS, CASE_STUDY_RELATIONS
    return RESOURCE_FIELDS, RESOURCE_RELATIONS


def _state(obj: Contribution) -> dict[str, Any]:
    fields, relations = _fields(obj)
    state = audit.snapshot(obj, fields)
    if obj.pk:
        for name in relations:
            state[name] = sorted(o.slug for o in getattr(obj, name).all())
    return state


def _apply(obj: Contribution, values: dict[str, Any]) -> None:
    fields, relations = _fields(obj)
    for name in fields:
        if name in values:
            nullable = getattr(obj._meta.get_field(name), "null", False)
            setattr(obj, name, values[name] if values[name] is not None else
                    (None if nullable else ""))
    if not (obj.title or "").strip() or not (obj.summary or "").strip():
        raise InvalidInput(_("Give a title and a summary."),
                           fields={k: [str(ENTER[k])] for k in ("title", "summary")
                                   if not (getattr(obj, k) or "").strip()})
    obj.save()
    for name in relations:
        if name in values:
            getattr(obj, name).set(values[name])


def _reindex(obj: Contribution) -> None:
    if isinstance(obj, CaseStudy):
        index_case_study(obj)
    else:
        index_resource(obj)


def _record(*, actor: User, obj: Contribution, action: str, old: dict[str, Any],
            new: dict[str, Any], comment: str = "") -> None:
    changes = {k: [old.get(k), new[k]] for k in new if old.get(k) != new[k]}
    Revision.objects.create(object_type=object_type(obj), object_id=obj.pk, actor=actor,
                            action=action, changes=changes, comment=comment)
    audit.record(actor=actor, action=audit.Action(f"library.{object_type(obj)}.{action}"), obj=obj,
                 old={k: v[0] for k, v in changes.items()},
                 new={**{k: v[1] for k, v in changes.items()},
                      **({"comment": comment} if comment else {})})
    _reindex(obj)


def _tell_author(obj: Contribution, decision: str, comment: str) -> None:
    author = obj.author
    if author is None or not author.email:
        return
    kind = object_type(obj)
    with translation.override(mail.recipient_language(author)):
        submissions_url = settings.SITE_URL + reverse("library:my-submissions")
    context = {"object": obj, "decision": decision, "comment": comment, "kind": kind,
               "submissions_url": submissions_url}

    def subject() -> str:
        return str(SUBJECTS[(kind, decision)]) % {"title": obj.title}

    mail.queue_email(kind="library.decision", to=author, subject=subject,
                     template="library/email/decision.txt", context=context)


@transaction.atomic
def submit(*, actor: User, model: type[CaseStudy] | type[Resource],
           values: dict[str, Any]) -> Contribution:
    """A practitioner's new case study or resource, waiting for moderation."""
    access.require_practitioner(actor)
    obj = model(slug=unique_slug(model, str(values.get("title", "")), fallback="contribution",
                                 max_length=100), author=actor,
                status=Status.SUBMITTED)
    if isinstance(obj, CaseStudy) and not values.get("evidence_strength"):
        raise InvalidInput(_("Say how strong the evidence is."),
                           fields={"evidence_strength": [_("Choose how strong the evidence is.")]})
    _apply(obj, values)
    _record(actor=actor, obj=obj, action="submitted", old={}, new={"status": obj.status,
                                                                    **_state(obj)})
    return obj


@transaction.atomic
def edit(*, actor: User, obj: Contribution, values: dict[str, Any], comment: str = "") -> None:
    """Change a contribution. An author's change goes back to the moderation queue."""
    require_user(actor)
    if not (access.is_moderator(actor) or access.is_author(actor, obj)):
        raise PermissionDenied(_("Only the author or a moderator can change this."))
    if obj.status == Status.HIDDEN and not access.is_moderator(actor):
        raise PermissionDenied(_("A moderator has hidden this; it cannot be changed."))
    old = {"status": obj.status, **_state(obj)}
    _apply(obj, values)
    if not access.is_moderator(actor) and obj.status in (Status.PUBLISHED, Status.RETURNED):
        obj.status = Status.SUBMITTED
        obj.save(update_fields=["status", "updated_at"])
    _record(actor=actor, obj=obj, action="edited", old=old,
            new={"status": obj.status, **_state(obj)}, comment=comment)


def _decide(*, actor: User, obj: Contribution, action: str, allowed_from: set[str],
            status: str, comment: str = "", comment_required: str = "") -> None:
    access.require_moderator(actor)
    if obj.status not in allowed_from:
        raise Conflict(str(CANNOT[action]) % {"status": obj.get_status_display()})
    comment = comment.strip()
    if comment_required and not comment:
        raise InvalidInput(comment_required, fields={"comment": [comment_required]})
    old = {"status": obj.status}
    if status == Status.HIDDEN:
        obj.status_before_hidden = obj.status
    obj.status = status
    obj.moderation_comment = comment if status in (Status.RETURNED, Status.HIDDEN) else ""
    if status == Status.PUBLISHED and obj.published_at is None:
        obj.published_at = timezone.now()
    obj.save()
    _record(actor=actor, obj=obj, action=action, old=old, new={"status": obj.status},
            comment=comment)
    _tell_author(obj, action, comment)


WELSH_NEEDED = {"title": gettext_lazy("Welsh title"), "summary": gettext_lazy("Welsh summary")}


def require_welsh_if_asked(obj: Contribution, actor: User | None = None) -> None:
    """A contribution from an organisation that publishes only with Welsh (its author's
    organisation, ``welsh_required``) needs a Welsh title and summary to be published
    (``accounts.welsh.require_welsh``: refused, audited, nothing changed)."""
    if obj.author is None:
        return
    welsh.require_welsh(actor=actor, organisations=[m.organisation for m in
                                                    memberships(obj.author)],
                        obj=obj, needed=welsh.fields_of(obj, WELSH_NEEDED))


def publish(*, actor: User, obj: Contribution) -> None:
    """Publish a submission; refused while Welsh that the author's organisation asks
    for is missing (``require_welsh_if_asked``)."""
    access.require_moderator(actor)
    require_welsh_if_asked(obj, actor)
    with transaction.atomic():
        _decide(actor=actor, obj=obj, action="published", status=Status.PUBLISHED,
                allowed_from={Status.SUBMITTED, Status.RETURNED})


def return_to_author(*, actor: User, obj: Contribution, comment: str) -> None:
    with transaction.atomic():
        _decide(actor=actor, obj=obj, action="returned", status=Status.RETURNED,
                allowed_from={Status.SUBMITTED, Status.PUBLISHED}, comment=comment,
                comment_required=_("Say what the author should change."))


def hide(*, actor: User, obj: Contribution, reason: str) -> None:
    with transaction.atomic():
        _decide(actor=actor, obj=obj, action="hidden", status=Status.HIDDEN,
                allowed_from={Status.SUBMITTED, Status.RETURNED, Status.PUBLISHED},
                comment=reason, comment_required=_("Give the reason for hiding it."))


def restore(*, actor: User, obj: Contribution) -> None:
    """Undo a hide: back to the state it was in before."""
    with transaction.atomic():
        _decide(actor=actor, obj=obj, action="restored", allowed_from={Status.HIDDEN},
                status=obj.status_before_hidden or Status.SUBMITTED)
