"""The local cohesion profile as a document: a saved version laid out for Word.

Built from the version's snapshot (what the platform read that day and what the council
added), so the document, the printable page and the version never disagree.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from commonground.core.documents import Document
from commonground.plans.cohesion_profile import HELD, MISSING, describe_change
from commonground.plans.models import ProfileVersion


def _reading_line(reading: dict[str, Any]) -> list[str]:
    compared = "; ".join(f"{c['label']}: {c['display']}" for c in reading["comparisons"])
    fresh = {True: _("current"), False: _("stale"), None: ""}[reading.get("fresh")]
    return [reading["label"], reading["display"], compared,
            " ".join(p for p in (reading["source"], reading["period"]) if p),
            reading["geography"], fresh]


def build(version: ProfileVersion) -> Document:
    snapshot = version.snapshot
    exercise = version.exercise
    document = Document(
        title=_("Local cohesion profile: %(name)s") % {"name": snapshot.get("scope", "")},
        subtitle=_("%(council)s. Version %(n)d of “%(exercise)s”, dated %(date)s.") % {
            "council": snapshot.get("council", ""), "n": version.number,
            "exercise": exercise.name, "date": snapshot.get("date", "")})
    document.paragraph(_(
        "This profile follows the local cohesion mapping exercise of the Cohesion Delivery "
        "Framework (Annex B): for each influence on cohesion, what data the platform holds, "
        "how it compares with similar councils and with England and Wales, what is missing "
        "and where it can be found, and what the council knows locally."))
    if version.changes:
        document.heading(_("What changed since version %(n)d") % {"n": version.number - 1})
        document.bullets([f"{c['item']}: {describe_change(c)}" for c in version.changes])
    for group in snapshot.get("groups", []):
        document.heading(group["title"])
        for item in (i for i in snapshot["items"] if i["group"] == group["id"]):
            document.heading(item["title"], level=2)
            if item["status"] == HELD:
                document.table(
                    [_("Measure"), _("Value"), _("Compared with"), _("Source and period"),
                     _("Area"), _("Data")],
                    [_reading_line(r) for r in item["readings"]])
            elif item["status"] == MISSING:
                document.paragraph(_("Not held on the platform. Such data can come from:"))
                document.bullets(item["suggested"])
            else:
                document.paragraph(_("Not relevant here: %(reason)s") % {
                    "reason": item["reason"]})
            if item["evidence"]:
                document.paragraph(_("Local evidence:"))
                document.bullets([
                    " ".join(p for p in (
                        e["summary"], f"({e['source']}" + (
                            f", {e['observed_on']}" if e["observed_on"] else "") + ")",
                        _("Weight: %(w)s.") % {"w": e["weight"]}) if p)
                    for e in item["evidence"]])
    document.paragraph(_("Contains public sector information licensed under the Open "
                         "Government Licence v3.0."), small=True)
    return document
