"""Loading data/knowledge/*.yaml into the library, idempotently and all-or-nothing.

Records are matched by their stable ids (slugs), so running the loader again updates
them in place. Case studies and resources loaded here are marked ``from_fixture``;
practitioners' contributions are never touched. A broken reference stops the whole
load with a message naming the file, the record and the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.conf import settings
from django.db import models, transaction

from commonground.library.indexing import reindex_library
from commonground.library.models import (
    Action,
    AddressStatus,
    CaseStudy,
    FamilyGroup,
    FrameworkItem,
    FrameworkKind,
    Guidance,
    Influence,
    Issue,
    IssueAction,
    Pitfall,
    Resource,
    Status,
    Theme,
)
from commonground.library.welsh_knowledge import WelshError, load_welsh

M = TypeVar("M", bound=models.Model)


class KnowledgeError(ValueError):
    """A knowledge file is missing, unreadable or refers to something that is not there."""


def default_directory() -> Path:
    return Path(settings.BASE_DIR) / "data" / "knowledge"


def _read(directory: Path, name: str) -> dict[str, Any]:
    path = directory / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnowledgeError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a mapping at the top")
    return data


def _cited(record: dict[str, Any]) -> dict[str, Any]:
    source = record.get("source") or {}
    return {
        "source_seed": str(source.get("seed", "")),
        "source_title": str(source.get("title", "")),
        "source_section": str(source.get("section", "")),
        "source_page": source.get("page"),
        "also_cited_in": record.get("also_cited_in") or [],
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _lookup(model: type[M], slugs: Iterable[str], *, file: str, record: str,
            field: str, key: str = "slug") -> list[M]:
    slugs = list(slugs or [])
    found = {getattr(o, key): o for o in model._default_manager.filter(**{f"{key}__in": slugs})}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise KnowledgeError(
            f"{file}: record '{record}', field '{field}': unknown id(s) {', '.join(missing)}")
    return [found[s] for s in slugs]


def _upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
    obj, _ = model._default_manager.update_or_create(**lookup, defaults=values)
    return obj


def _load_framework(directory: Path) -> int:
    data = _read(directory, "framework.yaml")
    count = 0

    def put(kind: str, record: dict[str, Any], position: int, **details: Any) -> None:
        nonlocal count
        _upsert(FrameworkItem, {"kind": kind, "slug": record["id"]}, {
            "number": record.get("number"), "title": _text(record.get("title")),
            "summary": _text(record.get("summary")), "notes": _text(record.get("notes")),
            "details": details, "position": position, **_cited(record)})
        count += 1

    put(FrameworkKind.DEFINITION, data["definition"], 0)
    for kind, key in [(FrameworkKind.FOUNDATION, "foundations"),
                      (FrameworkKind.WAY_OF_LIVING, "ways_of_living_together"),
                      (FrameworkKind.PRINCIPLE, "principles"),
                      (FrameworkKind.MAPPING_APPROACH, "mapping_approaches"),
                      (FrameworkKind.RELATED_VISION, "related_visions")]:
        for i, record in enumerate(data.get(key, [])):
            put(kind, record, i)
    for i, record in enumerate(data.get("national_indicators", [])):
        put(FrameworkKind.NATIONAL_INDICATOR, record, i, ni_code=record.get("ni_code"),
            measured_by=record.get("measured_by", []), laa_take_up=record.get("laa_take_up"))
    for i, record in enumerate(data.get("headline_figures", [])):
        put(FrameworkKind.HEADLINE_FIGURE, {**record, "title": record["summary"][:300]}, i,
            value=record.get("value"), unit=record.get("unit"))
    plan = data["implementation_plan"]
    put(FrameworkKind.IMPLEMENTATION_PLAN, plan, 0,
        key_questions=plan.get("key_questions", []), plan_contents=plan.get("plan_contents", []),
        project_management=plan.get("project_management", []))
    return count


def _load_family_groups(directory: Path) -> int:
    data = _read(directory, "family_groups.yaml")
    for i, record in enumerate(data.get("factor_definitions", [])):
        _upsert(FrameworkItem, {"kind": FrameworkKind.FAMILY_GROUP_FACTOR, "slug": record["id"]},
                {"title": record["factor"], "summary": _text(record.get("summary")),
                 "notes": _text(record.get("notes")), "position": i,
                 "details": {k: record.get(k) for k in ("proxy", "threshold", "threshold_value",
                                                        "threshold_unit")},
                 **_cited(record)})
    for record in data["groups"]:
        _upsert(FamilyGroup, {"number": record["number"]}, {
            "slug": record["id"], "name": record["name"], "factors": record.get("factors", {}),
            "average_cohesion": record.get("average_cohesion"),
            "number_of_areas": record.get("number_of_areas"), "band": _text(record.get("band")),
            "commission_priority": bool(record.get("commission_priority")),
            "annex_c_letter": _text(record.get("annex_c_letter")),
            "what_works_well": record.get("what_works_well", []),
            "works_less_well": record.get("works_less_well", []), **_cited(record)})
    tenth = data["tenth_category"]
    _upsert(FamilyGroup, {"number": 10}, {
        "slug": tenth["id"], "name": tenth["name"], "is_thematic": True,
        "commission_priority": bool(tenth.get("commission_priority")),
        "annex_c_letter": _text(tenth.get("annex_c_letter")),
        "factors": {"drawn_from_groups": tenth.get("drawn_from_groups", [])},
        "what_works_well": tenth.get("what_works_well", []),
        "works_less_well": tenth.get("works_less_well", []),
        "summary": _text(tenth.get("summary")), "notes": _text(tenth.get("notes")),
        **_cited(tenth)})
    total = data["total"]
    _upsert(FrameworkItem, {"kind": FrameworkKind.FAMILY_GROUP_TOTAL, "slug": "table-1-total"}, {
        "title": "Table 1 total", "notes": _text(total.get("notes")),
        "details": {k: total.get(k) for k in ("average_cohesion", "number_of_areas",
                                              "rows_sum_number_of_areas",
                                              "rows_weighted_mean_cohesion")},
        **_cited(total)})
    feedback = data["classification_feedback"]
    _upsert(FrameworkItem, {"kind": FrameworkKind.CLASSIFICATION_FEEDBACK, "slug": feedback["id"]},
            {"title": "How areas judged their classification",
             "summary": _text(feedback.get("summary")),
             "details": {k: feedback.get(k) for k in ("accurate_pct", "more_mixed_pct",
                                                      "disagreed_pct")},
             **_cited(feedback)})
    return len(data["groups"]) + 1


def _load_influences(directory: Path) -> int:
    data = _read(directory, "influences.yaml")
    names = {c["id"]: c["name"] for c in data["meta"]["categories"]}
    for i, record in enumerate(data["influences"]):
        if record["category"] not in names:
            raise KnowledgeError(f"influences.yaml: record '{record['id']}', field 'category': "
                                 f"unknown category {record['category']}")
        _upsert(Influence, {"slug": record["id"]}, {
            "factor": record["factor"], "category": record["category"],
            "category_name": names[record["category"]], "positive": _text(record.get("positive")),
            "negative": _text(record.get("negative")), "effect": record["effect"],
            "table": record["table"], "mapping_data": record.get("mapping_data", []),
            "notes": _text(record.get("notes")), "position": i, **_cited(record)})
    for i, record in enumerate(data.get("findings", [])):
        _upsert(FrameworkItem, {"kind": FrameworkKind.FINDING, "slug": record["id"]}, {
            "title": record["summary"].split(",")[0][:300], "summary": record["summary"],
            "position": i, **_cited(record)})
    return len(data["influences"])


def _load_themes(directory: Path) -> int:
    data = _read(directory, "themes.yaml")
    for record in data["themes"]:
        _upsert(Theme, {"slug": record["id"]}, {
            "name": record["name"], "synonyms": record.get("synonyms", []),
            "description": _text(record.get("description")), **_cited(record)})
    return len(data["themes"])


def _themes(record: dict[str, Any], file: str, field: str = "themes") -> list[Theme]:
    return _lookup(Theme, record.get(field, []), file=file, record=record["id"], field=field)


def _address_status(record: dict[str, Any]) -> dict[str, str]:
    """Whether the printed address still works; an archived one names its copy."""
    status = _text(record.get("url_status")) or AddressStatus.LIVE
    archive_url = _text(record.get("archive_url"))
    where = f"guidance.yaml: record '{record['id']}'"
    if status not in AddressStatus.values:
        raise KnowledgeError(f"{where}, field 'url_status': {status!r} is not one of "
                             f"{', '.join(AddressStatus.values)}")
    if (status == AddressStatus.ARCHIVED) != bool(archive_url):
        raise KnowledgeError(f"{where}, field 'archive_url': give one exactly when "
                             f"url_status is archived")
    return {"url_status": status, "archive_url": archive_url}


def _load_guidance_actions_issues(directory: Path) -> dict[str, int]:
    guidance = _read(directory, "guidance.yaml")["guidance"]
    for record in guidance:
        obj = _upsert(Guidance, {"slug": record["id"]}, {
            "title": record["title"], "publisher": _text(record.get("publisher")),
            "year": record.get("year"), "price": _text(record.get("price")),
            "section": record["section"], "annex_e_heading": _text(record.get("annex_e_heading")),
            "summary": _text(record.get("summary")), "notes": _text(record.get("notes")),
            "url": _text(record.get("url")), **_address_status(record), **_cited(record)})
        obj.themes.set(_themes(record, "guidance.yaml"))
    actions = _read(directory, "actions.yaml")["actions"]
    for i, record in enumerate(actions):
        action = _upsert(Action, {"slug": record["id"]}, {
            "title": record["title"], "universal": bool(record.get("universal")),
            "also_called": record.get("also_called", []), "summary": _text(record.get("summary")),
            "guidance_basis": _text(record.get("guidance_basis")), "position": i,
            **_cited(record)})
        action.themes.set(_themes(record, "actions.yaml"))
        action.guidance.set(_lookup(Guidance, record.get("guidance", []), file="actions.yaml",
                                    record=record["id"], field="guidance"))
    issues = _read(directory, "issues.yaml")["issues"]
    for record in issues:
        issue = _upsert(Issue, {"slug": record["id"]}, {
            "number": record["number"], "table_part": record["table_part"],
            "title": record["title"], "summary": _text(record.get("summary")),
            "link_notes": _text(record.get("link_notes")), **_cited(record)})
        issue.themes.set(_themes(record, "issues.yaml"))
        linked = _lookup(Action, record.get("actions", []), file="issues.yaml",
                         record=record["id"], field="actions")
        IssueAction.objects.filter(issue=issue).delete()
        IssueAction.objects.bulk_create(
            IssueAction(issue=issue, action=a, position=n) for n, a in enumerate(linked))
    return {"guidance": len(guidance), "actions": len(actions), "issues": len(issues)}


def _load_pitfalls(directory: Path) -> int:
    pitfalls = _read(directory, "pitfalls.yaml")["pitfalls"]
    for i, record in enumerate(pitfalls):
        pitfall = _upsert(Pitfall, {"slug": record["id"]}, {
            "title": record["title"], "summary": _text(record.get("summary")), "position": i,
            **_cited(record)})
        pitfall.themes.set(_themes(record, "pitfalls.yaml"))
        pitfall.related_actions.set(_lookup(
            Action, record.get("related_actions", []), file="pitfalls.yaml",
            record=record["id"], field="related_actions"))
        pitfall.family_groups.set(_lookup(
            FamilyGroup, record.get("also_in_annex_c", []), file="pitfalls.yaml",
            record=record["id"], field="also_in_annex_c"))
    return len(pitfalls)


def _contribution_values(record: dict[str, Any]) -> dict[str, Any]:
    return {"title": record["title"], "summary": _text(record.get("summary")),
            "status": Status.PUBLISHED, "from_fixture": True, **_cited(record)}


def _claim_slug(model: type[CaseStudy] | type[Resource], slug: str, file: str) -> None:
    if model.objects.filter(slug=slug, from_fixture=False).exists():
        raise KnowledgeError(f"{file}: record '{slug}': a contribution already uses this id")


def _load_case_studies_and_resources(directory: Path) -> dict[str, int]:
    case_studies = _read(directory, "case_studies.yaml")["case_studies"]
    for record in case_studies:
        _claim_slug(CaseStudy, record["id"], "case_studies.yaml")
        number = record.get("family_group")
        group = _lookup(FamilyGroup, [number], file="case_studies.yaml", record=record["id"],
                        field="family_group", key="number")[0] if number else None
        case_study = _upsert(CaseStudy, {"slug": record["id"]}, {
            **_contribution_values(record), "council": _text(record.get("council")),
            "area_code": _text(record.get("area_code")), "region": _text(record.get("region")),
            "country": _text(record.get("country")), "family_group": group,
            "outcomes": _text(record.get("outcomes")),
            "evidence_strength": record["evidence_strength"],
            "evidence_reason": _text(record.get("evidence_reason")),
            "coverage": _text(record.get("coverage")), "year": record.get("year"),
            "notes": _text(record.get("notes")), "links": record.get("links", [])})
        case_study.themes.set(_themes(record, "case_studies.yaml"))
        case_study.issues.set(_lookup(Issue, record.get("issues", []), file="case_studies.yaml",
                                      record=record["id"], field="issues"))
        case_study.actions.set(_lookup(Action, record.get("actions", []),
                                       file="case_studies.yaml", record=record["id"],
                                       field="actions"))
    resources = _read(directory, "resources.yaml")["resources"]
    for record in resources:
        _claim_slug(Resource, record["id"], "resources.yaml")
        resource = _upsert(Resource, {"slug": record["id"]}, {
            **_contribution_values(record), "kind": record["kind"],
            "publisher": _text(record.get("publisher")), "year": record.get("year"),
            "url": _text(record.get("url"))})
        resource.themes.set(_themes(record, "resources.yaml", field="topics"))
    return {"case_studies": len(case_studies), "resources": len(resources)}


@transaction.atomic
def load_knowledge(directory: Path | None = None) -> dict[str, int]:
    """Load every knowledge file; returns how many records of each sort were loaded."""
    directory = directory or default_directory()
    counts = {"themes": _load_themes(directory), "framework": _load_framework(directory),
              "family_groups": _load_family_groups(directory),
              "influences": _load_influences(directory)}
    counts.update(_load_guidance_actions_issues(directory))
    counts["pitfalls"] = _load_pitfalls(directory)
    counts.update(_load_case_studies_and_resources(directory))
    try:
        counts["records_with_welsh"] = sum(load_welsh(directory).values())
    except WelshError as error:
        raise KnowledgeError(str(error)) from None
    counts["search_documents"] = reindex_library()
    return counts
