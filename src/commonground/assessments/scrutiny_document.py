"""A scrutiny report as a Word document, laid out from the stored content (the same as
the printable page), by core.documents."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commonground.assessments import scrutiny
from commonground.assessments.models import ScrutinyReport
from commonground.core.documents import Document


def _hidden(value: int | None, threshold: int) -> str:
    return _("fewer than %(n)s") % {"n": threshold} if value is None else str(value)


def build(report: ScrutinyReport) -> Document:
    found = scrutiny.labelled(report.content)
    plan = found.get("plan", {})
    document = Document(
        title=report.title,
        subtitle=_("%(council)s. For %(committee)s. Covers %(start)s to %(end)s; generated on "
                   "%(on)s.") % {"council": report.council.name, "committee": report.committee,
                                "start": date_format(report.period_start),
                                "end": date_format(report.period_end),
                                "on": date_format(report.generated_on)})
    document.heading(_("Progress of the plan"))
    document.paragraph(_("%(plan)s: %(progress)s%% done overall (the weighted average of its "
                         "actions' milestones).") % {"plan": plan.get("title", ""),
                                                      "progress": plan.get("progress", 0)})
    document.table([_("Action"), _("Lead"), _("Status"), _("Rating"), _("Progress"),
                    _("Milestones done"), _("Overdue")],
                   [[f"{a['ref']} {a['title']}", a["lead"], a["status_label"], a["rag_label"],
                     f"{a['progress']}%", f"{a['done']}/{a['milestones']}", str(a["overdue"])]
                    for a in found["actions"]])
    document.heading(_("Targets and indicator trends"))
    if found["targets"]:
        trends = {"better": _("better"), "worse": _("worse"), "same": _("no change"), "": "–"}
        document.table([_("Target"), _("Baseline"), _("Latest"), _("Trend"), _("Target value"),
                        _("Verdict")],
                       [[t["title"], f"{t['baseline']} ({t['baseline_on']})",
                         f"{t['latest']} ({t['latest_on']})" if t["latest"] else "–",
                         trends[t["trend"]], f"{t['target']} ({t['target_on']})",
                         t["verdict_label"]] for t in found["targets"]])
    else:
        document.paragraph(_("The plan has no targets."))
    document.heading(_("Tension reports"))
    tensions = found["tensions"]
    if tensions.get("rows"):
        threshold = tensions["threshold"]
        document.table([_("Category"), _("This period"), _("The period before")],
                       [[r["label"], _hidden(r["now"], threshold),
                         _hidden(r["before"], threshold)] for r in tensions["rows"]])
        document.paragraph(_("Counts below %(n)s are hidden, with any count that would reveal "
                             "them, so no one can be identified.") % {"n": threshold},
                           small=True)
    else:
        document.paragraph(_("No tension reports in this period or the one before."))
    document.heading(_("Impact assessments signed off in the period"))
    if found["assessments"]:
        document.bullets([f"{a['title']}: {a['decision_label']} ({a['signed_off_on']})"
                          for a in found["assessments"]])
    else:
        document.paragraph(_("None."))
    return document
