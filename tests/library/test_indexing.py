"""What the library puts into the search index: each record's own words in both
languages, so a search in English or in Welsh finds it whichever field holds them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from commonground.library import bilingual, indexing
from commonground.library.models import (
    Action,
    CaseStudy,
    FamilyGroup,
    FrameworkItem,
    Guidance,
    Influence,
    Issue,
    Pitfall,
    Resource,
    Status,
)
from commonground.search import search
from commonground.search.models import SearchDocument

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("knowledge")]


def test_a_word_only_in_a_case_study_s_english_reason_finds_it() -> None:
    case_study = CaseStudy.objects.filter(status=Status.PUBLISHED).order_by("slug").first()
    assert case_study is not None and case_study.evidence_reason_cy  # Welsh already indexed
    assert search(None, "quinquennial").total == 0
    case_study.evidence_reason = "Rated by a quinquennial survey of residents."
    case_study.notes = "Figures checked with the trustees of Zephyrbrook."
    case_study.save()
    indexing.index_case_study(case_study)
    assert [hit.key for hit in search(None, "quinquennial").hits] == [case_study.slug]
    assert [hit.key for hit in search(None, "Zephyrbrook").hits] == [case_study.slug]


# Each kind the library indexes with Welsh twins: how to index a record, and its document.
KINDS: list[tuple[type[Any], Any, Callable[[Any], tuple[str, str]]]] = [
    (Action, indexing.index_action, lambda r: ("action", r.slug)),
    (Issue, indexing.index_issue, lambda r: ("issue", r.slug)),
    (Guidance, indexing.index_guidance, lambda r: ("guidance", r.slug)),
    (CaseStudy, indexing.index_case_study, lambda r: ("case_study", r.slug)),
    (Resource, indexing.index_resource, lambda r: ("resource", r.slug)),
    (FamilyGroup, indexing.index_family_group, lambda r: ("family_group", str(r.number))),
    (FrameworkItem, indexing.index_framework_item,
     lambda r: ("framework", f"{r.kind}:{r.slug}")),
    (Influence, indexing.index_influence, lambda r: ("framework", f"influence:{r.slug}")),
    (Pitfall, indexing.index_pitfall, lambda r: ("pitfall", r.slug)),
]


def test_every_kind_with_welsh_twins_is_tried() -> None:
    indexed = {model.__name__ for model, _index, _key in KINDS}
    assert indexed == set(bilingual.WELSH_FIELDS) - {"Theme"}  # themes are facets


@pytest.mark.parametrize(("model", "index", "key"), KINDS,
                         ids=[model.__name__ for model, _index, _key in KINDS])
def test_every_field_with_a_welsh_twin_is_indexed_in_both_languages(
        model: type[Any], index: Any, key: Callable[[Any], tuple[str, str]]) -> None:
    records = model.objects.order_by("pk")
    if model in (CaseStudy, Resource):
        records = records.filter(status=Status.PUBLISHED)
    record = records.first()
    if record is None:  # the knowledge files hold no resource
        record = Resource.objects.create(slug="a-toolkit", title="A toolkit", summary="s",
                                         kind="toolkit", status=Status.PUBLISHED)
    words = {}
    for n, field in enumerate(bilingual.WELSH_FIELDS[model.__name__]):
        english, welsh = f"englishword{n}x", f"cymraeggair{n}x"
        words[field] = (english, welsh)
        is_list = isinstance(getattr(record, field), list)
        setattr(record, field, [english] if is_list else english)
        setattr(record, f"{field}_cy", [welsh] if is_list else welsh)
    record.save()
    index(record)
    kind, found = key(record)
    document = SearchDocument.objects.get(kind=kind, key=found)
    text = f"{document.title}\n{document.body}"
    missing = {field: pair for field, pair in words.items()
               if any(word not in text for word in pair)}
    assert not missing, f"{model.__name__}: not indexed in both languages: {missing}"
