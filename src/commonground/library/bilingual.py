"""The library's records in English and Welsh.

Each translatable field ``f`` of a record has its Welsh beside it in ``f_cy`` (filled by
``load_knowledge`` from data/knowledge/cy/, or written by a contributor). A page in Welsh
shows the Welsh when there is some; otherwise it shows the English, marked ``lang="en"``
so screen readers pronounce it as English, with a short note saying so.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from commonground.core.bilingual import WELSH, shown, welsh, welsh_wanted

__all__ = ["WELSH", "shown", "welsh", "welsh_wanted"]

# The fields of each model that have a Welsh twin (``<field>_cy``), by model name.
WELSH_FIELDS: dict[str, tuple[str, ...]] = {
    "Theme": ("name", "description"),
    "FrameworkItem": ("title", "summary", "notes"),
    "Influence": ("factor", "category_name", "positive", "negative", "notes"),
    "FamilyGroup": ("name", "summary", "what_works_well", "works_less_well", "notes"),
    "Guidance": ("title", "summary", "notes"),
    "Action": ("title", "summary"),
    "Issue": ("title", "summary", "link_notes"),
    "Pitfall": ("title", "summary"),
    "CaseStudy": ("title", "summary", "outcomes", "evidence_reason", "notes"),
    "Resource": ("title", "summary"),
}
# What a record needs in Welsh to count as translated (its name and what it says).
MAIN_FIELDS: dict[str, tuple[str, ...]] = {
    "Influence": ("factor",), "FamilyGroup": ("name", "summary"), "Theme": ("name",),
    "Guidance": ("summary",), "Resource": ("summary",),
    # A case study's outcomes, the reason for its strength of evidence and its notes are our
    # own words too (contributors write outcomes, with their Welsh optional, but neither of
    # the others).
    "CaseStudy": ("title", "summary", "outcomes", "evidence_reason", "notes"),
}
# Fields that are names of published works, kept as printed: editors are not told of them.
AS_PRINTED: dict[str, tuple[str, ...]] = {"Guidance": ("title",)}


# How editors are told which Welsh is missing.
FIELD_LABELS = {
    "title": _("title"), "summary": _("summary"), "notes": _("notes"),
    "link_notes": _("notes on its actions"), "name": _("name"), "description": _("description"),
    "factor": _("influence"), "category_name": _("category"), "positive": _("positive side"),
    "negative": _("negative side"), "what_works_well": _("what works well"),
    "works_less_well": _("what works less well"), "outcomes": _("what changed"),
    "evidence_reason": _("why the evidence is rated so"),
}


def fields_of(obj: Any) -> tuple[str, ...]:
    return WELSH_FIELDS.get(type(obj).__name__, ())


def main_fields(model_name: str) -> tuple[str, ...]:
    return MAIN_FIELDS.get(model_name, ("title", "summary"))


def missing_welsh(obj: Any) -> list[str]:
    """The fields that have English but no Welsh: what its editors are told."""
    kept = AS_PRINTED.get(type(obj).__name__, ())
    return [f for f in fields_of(obj)
            if f not in kept and getattr(obj, f, None) and not welsh(obj, f)]


def missing_labels(obj: Any) -> list[str]:
    return [str(FIELD_LABELS.get(f, f)) for f in missing_welsh(obj)]


def lacks_welsh(obj: Any) -> bool:
    """Whether a Welsh page shows any of this record's own words in English."""
    return welsh_wanted() and bool(missing_welsh(obj))


def titles_of(hits: Any) -> dict[tuple[str, str], str]:
    """The Welsh titles of the library records among search hits, by (kind, key): the
    index keeps each record's English title (one query per kind on the page)."""
    from commonground.library import models

    keyed: dict[str, list[str]] = {}
    for hit in hits:
        keyed.setdefault(hit.kind, []).append(hit.key)
    found: dict[tuple[str, str], str] = {}
    simple: dict[str, type[Any]] = {
        "action": models.Action, "issue": models.Issue, "guidance": models.Guidance,
        "case_study": models.CaseStudy, "resource": models.Resource, "pitfall": models.Pitfall}
    for kind, model in simple.items():
        if keyed.get(kind):
            for slug, title in model._default_manager.filter(slug__in=keyed[kind]).exclude(
                    title_cy="").values_list("slug", "title_cy"):
                found[(kind, slug)] = title
    if keyed.get("family_group"):
        for number, name in models.FamilyGroup.objects.filter(
                number__in=[int(k) for k in keyed["family_group"] if k.isdigit()]).exclude(
                name_cy="").values_list("number", "name_cy"):
            found[("family_group", str(number))] = name
    framework = [key.partition(":") for key in keyed.get("framework", [])]
    influences = [slug for sort, _, slug in framework if sort == "influence"]
    items = [(sort, slug) for sort, _, slug in framework if sort != "influence"]
    if influences:
        for slug, name in models.Influence.objects.filter(slug__in=influences).exclude(
                factor_cy="").values_list("slug", "factor_cy"):
            found[("framework", f"influence:{slug}")] = name
    if items:
        wanted = set(items)
        for sort, slug, name in models.FrameworkItem.objects.filter(
                slug__in=[s for _, s in items]).exclude(title_cy="").values_list(
                "kind", "slug", "title_cy"):
            if (sort, slug) in wanted:
                found[("framework", f"{sort}:{slug}")] = name
    return found


def coverage() -> list[tuple[str, int, int, tuple[str, ...]]]:
    """(sort of record, how many have the Welsh of their main fields, how many there are,
    those fields) for every sort of library record. A main field empty in English needs no
    Welsh."""
    from django.db.models import Q

    from commonground.library import models

    sorts = [("themes", models.Theme), ("framework items", models.FrameworkItem),
             ("influences", models.Influence), ("family groups", models.FamilyGroup),
             ("guidance", models.Guidance), ("actions", models.Action),
             ("issues", models.Issue), ("pitfalls", models.Pitfall),
             ("case studies", models.CaseStudy), ("resources", models.Resource)]
    found = []
    for label, model in sorts:
        fields = main_fields(model.__name__)
        lacking = Q()
        for field in fields:
            lacking |= ~Q(**{field: ""}) & Q(**{f"{field}_cy": ""})
        count = model._default_manager.count()
        found.append((label, count - model._default_manager.filter(lacking).count(), count,
                      fields))
    return found
