"""Plans' summary of councils for the comparison page (see core.area_summaries).

Everyone sees each council's published plan: its title and period, its progress and its
actions' ratings, as the plan's public page shows them. A council's own people (members
of the council organisation, as ``access`` counts them) also see whether their council
has a plan in preparation (draft or agreed, not yet published); other councils' cells
of that row stay empty, so the page says they are not shared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonground.accounts.access import memberships
from commonground.accounts.models import OrganisationKind
from commonground.accounts.types import Visitor
from commonground.core.area_summaries import Summary, SummaryRow
from commonground.plans.access import reach_of
from commonground.plans.models import ActionPlan, PlanStatus, Rag
from commonground.plans.selectors import PlanFigures, plans_figures


def plan_summary(user: Visitor, codes: Sequence[str]) -> Summary | None:
    # The user's own councils come from their memberships (read once per request); the
    # plans, with their councils, in one query: a page comparing councils none of which
    # has published a plan costs the public one query.
    reach = reach_of(user)
    councils = {m.organisation.area_code: m.organisation for m in memberships(user)
                if m.organisation_id in reach.read_councils
                and m.organisation.area_code in codes}
    own = {o.pk for o in councils.values()}
    published: dict[int, ActionPlan] = {}
    preparing: dict[int, ActionPlan] = {}
    # The latest plan of each kind per council: the one whose period starts last.
    for plan in (ActionPlan.objects.filter(council__kind=OrganisationKind.COUNCIL,
                                           council__area_code__in=codes)
                 .filter(Q(status=PlanStatus.PUBLISHED) | Q(council_id__in=own))
                 .select_related("council").order_by("-period_start", "-pk")):
        councils.setdefault(plan.council.area_code, plan.council)
        kept = published if plan.status == PlanStatus.PUBLISHED else preparing
        kept.setdefault(plan.council_id, plan)
    if not published and not own:
        return None  # nothing published, and nothing of the user's own council
    figures = plans_figures(list(published.values()))

    def for_each(text: Callable[[ActionPlan], str], none: str) -> dict[str, str | None]:
        """A cell per council: ``text`` of its published plan, or ``none``."""
        out: dict[str, str | None] = {}
        for code in codes:
            plan = published.get(councils[code].pk) if code in councils else None
            out[code] = text(plan) if plan is not None else none
        return out

    rows = [
        SummaryRow(_("Published action plan"), for_each(_title, _("None published"))),
        SummaryRow(_("Its progress"), for_each(lambda p: _progress(figures[p.pk]), "–")),
        SummaryRow(_("Its actions' ratings"), for_each(lambda p: _ratings(figures[p.pk]),
                                                        "–")),
    ]
    if own:
        rows.append(SummaryRow(_("Plan in preparation (your council's own people only)"), {
            code: (_preparing(preparing.get(councils[code].pk))
                   if code in councils and councils[code].pk in own else None)
            for code in codes}))
    return Summary(
        title=_("Action plans"), rows=rows,
        note=_("Progress is the weighted share of the plan's milestones and actions done, "
               "worked out as on the plan's public page."),
        link=(_("Read the published action plans"), reverse("plans:index")))


def _title(plan: ActionPlan) -> str:
    return _("%(title)s (%(start)s to %(end)s)") % {
        "title": plan.title, "start": date_format(plan.period_start, "M Y"),
        "end": date_format(plan.period_end, "M Y")}


def _progress(figures: PlanFigures) -> str:
    return ngettext("%(progress)d%% done, %(n)d action", "%(progress)d%% done, %(n)d actions",
                    figures.actions) % {"progress": round(figures.progress),
                                        "n": figures.actions}


def _ratings(figures: PlanFigures) -> str:
    labels = {Rag.RED: _("red"), Rag.AMBER: _("amber"), Rag.GREEN: _("green")}
    rated = [f"{figures.rag[value]} {labels[Rag(value)]}" for value in Rag.values
             if figures.rag[value]]
    return ", ".join(rated) if rated else _("Not rated yet")


def _preparing(plan: ActionPlan | None) -> str:
    if plan is None:
        return _("None")
    if plan.status == PlanStatus.AGREED:
        return _("Agreed, not yet published: %(title)s") % {"title": plan.title}
    return _("Draft: %(title)s") % {"title": plan.title}
