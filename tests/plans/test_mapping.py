"""The mapping exercise on Trafford's real open data: what the platform holds for each of
Annex B's items, what is missing and where it comes from, the council's own evidence, and
dated versions that say what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commonground.core.errors import InvalidInput
from commonground.plans import cohesion_profile
from commonground.plans.models import MappingExercise
from commonground.plans.services import mapping as mapping_services
from tests.personas import World
from tests.plans.conftest import TODAY, trafford_wards

pytestmark = pytest.mark.django_db


def items(exercise: MappingExercise) -> dict[str, cohesion_profile.ItemView]:
    return {i.id: i for g in cohesion_profile.read(exercise, TODAY) for i in g.items}


def test_the_basket_says_what_is_held_and_what_is_missing(exercise: MappingExercise) -> None:
    groups = cohesion_profile.read(exercise, TODAY)
    assert [g.id for g in groups] == ["community-characteristics", "individual-characteristics",
                                      "individual-attitudes", "individual-actions"]
    found = {i.id: i for g in groups for i in g.items}
    language = found["language"]
    assert language.status == "held"
    english = language.readings[0]
    # Census 2021 TS029: 1.2 % of Trafford's residents cannot speak English well or at all.
    assert (english.display, english.period, english.fresh) == ("1.2%", "2021-03-21", True)
    assert english.source == "Census 2021 council percentages"
    assert [c.label for c in english.comparisons] == [
        "Average of its 15 nearest neighbours",
        "England and Wales (all councils, weighted by population)"]
    assert (english.peer_rank, english.peer_count) == (5, 16)
    # The Place Survey of 2008/09 is held, and stale.
    assert found["respect-for-difference"].readings[0].fresh is False
    housing = found["housing"]
    assert housing.status == "missing" and housing.suggested
    belonging = found["belonging"]
    assert belonging.status == "missing"
    assert belonging.suggested == list(belonging.influence.mapping_data)  # type: ignore[union-attr]
    # The council uses no tension reports yet: nothing is held for crime.
    assert found["crime"].status == "missing"


def test_a_neighbourhood_of_wards_gets_its_own_diversity(world: World, loaded: Path) -> None:
    wards = trafford_wards(3)
    exercise = mapping_services.start_exercise(
        actor=world["officer_a"], council=world.council_a, name="North", scope="wards",
        ward_codes=[w.code for w in wards])
    assert exercise.scope_label == ", ".join(sorted(w.name for w in wards))
    ethnicity = {r.code: r for r in items(exercise)["ethnicity"].readings}
    diversity = ethnicity["place:diversity"]
    assert diversity.geography == exercise.scope_label
    assert diversity.comparisons[0].label == "Trafford as a whole"
    assert diversity.value != diversity.comparisons[0].value
    english = items(exercise)["language"].readings[0]
    assert "Held for whole councils only" in english.note


def test_starting_an_exercise_checks_its_area(world: World, loaded: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        mapping_services.start_exercise(actor=world["officer_a"], council=world.council_a,
                                        name="Odd", scope="wards", ward_codes=["E05000001"])
    assert "No ward of the council has the code E05000001." in caught.value.fields["wards"]
    with pytest.raises(InvalidInput) as caught:
        mapping_services.start_exercise(actor=world["officer_a"], council=world.council_a,
                                        name=" ", scope="custom_area")
    assert set(caught.value.fields) == {"name", "custom_area"}
    assert not MappingExercise.objects.exists()


def test_local_evidence_with_a_file_and_items_marked_not_relevant(
        world: World, exercise: MappingExercise, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    officer = world["officer_a"]
    with pytest.raises(InvalidInput) as caught:
        mapping_services.set_item_relevance(actor=officer, exercise=exercise,
                                            item="urban-rural", relevant=False)
    assert "reason" in caught.value.fields
    mapping_services.set_item_relevance(actor=officer, exercise=exercise, item="urban-rural",
                                        relevant=False, reason="Trafford is almost all urban.")
    upload = SimpleUploadedFile("youth clubs.csv", b"ward,clubs\nAltrincham,2\n")
    evidence = mapping_services.add_local_evidence(
        actor=officer, exercise=exercise, item="community-structures",
        kind="partner_data", summary="Youth club count by ward", source="Trafford Youth Trust",
        weight="high", organisation=world.police, file=upload)
    assert evidence.file_name == "youth clubs.csv"
    assert evidence.file.read() == b"ward,clubs\nAltrincham,2\n"
    with pytest.raises(InvalidInput) as caught:
        mapping_services.add_local_evidence(
            actor=officer, exercise=exercise, item="housing", kind="intelligence",
            summary="x", source="y", weight="low",
            file=SimpleUploadedFile("run.exe", b"MZ"))
    assert "file" in caught.value.fields
    found = items(exercise)
    assert found["urban-rural"].status == "not_relevant"
    assert found["community-structures"].evidence == [evidence]


def test_versions_are_numbered_and_say_what_changed(world: World,
                                                   exercise: MappingExercise) -> None:
    officer = world["officer_a"]
    first = mapping_services.save_profile_version(actor=officer, exercise=exercise, on=TODAY)
    assert (first.number, first.changes) == (1, [])
    assert first.snapshot["council"] == "Trafford"
    mapping_services.set_item_relevance(actor=officer, exercise=exercise, item="urban-rural",
                                        relevant=False, reason="Almost all urban.")
    mapping_services.add_local_evidence(
        actor=officer, exercise=exercise, item="housing", kind="intelligence",
        summary="HMOs growing near the hospital", source="Housing officers", weight="medium")
    second = mapping_services.save_profile_version(actor=officer, exercise=exercise, on=TODAY)
    assert second.number == 2
    said = [cohesion_profile.describe_change(c) for c in second.changes]
    assert said == ["Was held, now not relevant.",
                    "Local evidence added: HMOs growing near the hospital"]
    assert [c["item"] for c in second.changes] == ["Urban or rural", "Housing"]
