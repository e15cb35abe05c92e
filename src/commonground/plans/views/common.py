"""What the plans pages share: which council a page is about, the choices of the forms
that name the council's wards, plans and partners, and reading those choices back."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from commonground.accounts.models import Membership, Organisation, OrganisationKind, User
from commonground.core.errors import not_found
from commonground.library.models import Action, CaseStudy
from commonground.library.models import Status as LibraryStatus
from commonground.plans import access, selectors
from commonground.plans.forms import ActionForm, set_choices
from commonground.plans.models import ActionPlan, IssueStatus, LocalIssue, PlanAction
from commonground.plans.services.plans import ActionFields


def council_from(request: HttpRequest, *, write: bool = False, mapping: bool = False
                 ) -> Organisation:
    """The council named by ``?council=<slug>`` among the user's own (or the first)."""
    councils = access.councils_for(request.user, write=write, mapping=mapping)
    slug = request.GET.get("council") or request.POST.get("council", "")
    for council in councils:
        if council.slug == slug or not slug:
            return council
    raise not_found(_("council"))


def ward_choices(council: Organisation) -> list[tuple[str, str]]:
    return [(w.code, w.name) for w in selectors.wards_of(council)]


def organisation_choices(council: Organisation, blank: str = "") -> list[tuple[str, str]]:
    """The council itself and the partner organisations (not other councils)."""
    others = Organisation.objects.exclude(kind=OrganisationKind.COUNCIL).order_by("name")
    choices = [(str(council.pk), council.name), *[(str(o.pk), o.name) for o in others]]
    return [("", blank), *choices] if blank else choices


def partner_choices(council: Organisation) -> list[tuple[str, str]]:
    return [(str(o.pk), o.name) for o in
            Organisation.objects.exclude(kind=OrganisationKind.COUNCIL).order_by("name")]


def member_choices(organisation: Organisation | None) -> list[tuple[str, str]]:
    """Members of the lead organisation by name only (no email addresses on the page)."""
    if organisation is None:
        return [("", _("Nobody named"))]
    members = (Membership.objects.filter(organisation=organisation)
               .select_related("user").order_by("user__full_name"))
    return [("", _("Nobody named")), *[(str(m.user_id), m.user.full_name or _("A member"))
                                        for m in members]]


def action_form(plan: ActionPlan, data: Any = None, *, action: PlanAction | None = None,
                initial: dict[str, Any] | None = None) -> ActionForm:
    form = ActionForm(data, initial=initial)
    set_choices(form.fields["library_action"], [("", _("None"))] + [
        (str(a.pk), a.title) for a in Action.objects.order_by("position")])
    excluded = _descendants(plan, action) if action else set()
    set_choices(form.fields["parent"], [("", _("None: a main action"))] + [
        (str(a.pk), f"{ref} {a.title}") for a, ref, _depth in
        selectors.tree(list(PlanAction.objects.filter(plan=plan)))
        if a.pk not in excluded])
    set_choices(form.fields["issues"], [
        (str(i.pk), i.title) for i in LocalIssue.objects.filter(
            council=plan.council, status=IssueStatus.CONFIRMED).order_by("title")])
    set_choices(form.fields["lead_organisation"],
                organisation_choices(plan.council, blank=_("Not yet decided")))
    lead = action.lead_organisation if action else None
    if lead is None and data is not None and data.get("lead_organisation"):
        lead = Organisation.objects.filter(pk=data.get("lead_organisation")).first()
    set_choices(form.fields["lead_officer"], member_choices(lead or plan.council))
    set_choices(form.fields["partners"], partner_choices(plan.council))
    set_choices(form.fields["wards"], ward_choices(plan.council))
    library = action.library_action if action else None
    if library is None and initial and initial.get("library_action"):
        library = Action.objects.filter(pk=initial["library_action"]).first()
    cases = CaseStudy.objects.filter(status=LibraryStatus.PUBLISHED)
    cases = cases.filter(actions=library) if library else cases.none()
    chosen = list(action.case_studies.all()) if action else []
    set_choices(form.fields["case_studies"], [
        (str(c.pk), f"{c.title} ({c.council})") for c in
        sorted({*cases, *chosen}, key=lambda c: c.title)])
    return form


def _descendants(plan: ActionPlan, action: PlanAction) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent in PlanAction.objects.filter(plan=plan).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = {action.pk}, [action.pk]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def action_initial(action: PlanAction) -> dict[str, Any]:
    return {
        "title": action.title, "title_cy": action.title_cy,
        "description": action.description, "origin": action.origin,
        "library_action": action.library_action_id or "", "parent": action.parent_id or "",
        "issues": [str(pk) for pk in action.issues.values_list("pk", flat=True)],
        "lead_organisation": action.lead_organisation_id or "",
        "lead_officer": action.lead_officer_id or "",
        "partners": [str(pk) for pk in action.partners.values_list("pk", flat=True)],
        "wards": list(action.wards.values_list("code", flat=True)),
        "resources": action.resources, "starts_on": action.starts_on,
        "ends_on": action.ends_on, "horizon": action.horizon,
        "recurrence": action.recurrence, "status": action.status, "weight": action.weight,
        "vision_link": action.vision_link,
        "case_studies": [str(pk) for pk in action.case_studies.values_list("pk", flat=True)],
        "update_every_days": action.update_every_days,
    }


def _int(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


def action_fields(plan: ActionPlan, data: dict[str, Any], *, rag: str = "",
                  rag_reason: str = "") -> ActionFields:
    """The form's choices read back as objects (each choice was checked by the form)."""
    def one(model: Any, key: str) -> Any:
        pk = _int(data.get(key))
        return model.objects.filter(pk=pk).first() if pk is not None else None

    def many(model: Any, key: str) -> list[Any]:
        return list(model.objects.filter(pk__in=[int(v) for v in data.get(key) or []]))

    return ActionFields(
        title=data["title"], title_cy=data.get("title_cy", ""),
        description=data.get("description", ""),
        parent=one(PlanAction, "parent"), library_action=one(Action, "library_action"),
        origin=data.get("origin") or "own", issues=many(LocalIssue, "issues"),
        lead_organisation=one(Organisation, "lead_organisation"),
        lead_officer=one(User, "lead_officer"), partners=many(Organisation, "partners"),
        ward_codes=list(data.get("wards") or []), resources=data.get("resources", ""),
        starts_on=data.get("starts_on"), ends_on=data.get("ends_on"),
        horizon=data.get("horizon") or "long_term",
        recurrence=data.get("recurrence") or "one_off",
        status=data.get("status") or "planned", weight=data.get("weight") or 1,
        rag=rag, rag_reason=rag_reason, vision_link=data.get("vision_link", ""),
        case_studies=many(CaseStudy, "case_studies"),
        update_every_days=30 if data.get("update_every_days") is None
        else data["update_every_days"])
