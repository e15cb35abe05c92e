"""An uploaded dataset after its import: seen, mapped, compared, downloaded, replaced and
withdrawn by its organisation's analysts and admins, and by nobody else."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.test import Client

from commonground.core.errors import NotAuthenticated, NotFound, PermissionDenied
from commonground.core.models import AuditEvent
from commonground.places import access, services
from commonground.places.importing import DatasetSpec, import_counts
from commonground.places.models import AreaValues, Dataset
from tests.personas import ALLOWED, World, assert_personas

pytestmark = pytest.mark.django_db
TRAFFORD = "E08000009"
SLUG = "council-a-trafford-wards"


@pytest.fixture
def uploaded(demo_data: Path, world: World, tmp_path: Path) -> Dataset:
    path = tmp_path / "wards.csv"
    path.write_text("code,total,a,b\nE05015239,10,4,6\nE05015240,8,3,5\n", encoding="utf-8")
    result = import_counts(
        path=path, spec=DatasetSpec(slug=SLUG, title="Trafford wards", level="ward",
                                    labels={"a": "Group A", "b": "Group B"}),
        code_col="code", groups=["a", "b"], total_col="total", commit=True,
        actor=world["org_admin_a"], organisation=world.council_a)
    assert result.dataset is not None
    return result.dataset


def signed_in(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world[persona])
    return client


def test_only_the_organisations_data_staff_reach_an_upload(world: World,
                                                           uploaded: Dataset) -> None:
    assert_personas(world, lambda u: access.get_uploaded_dataset_for_user(u, SLUG), {
        "anonymous": NotAuthenticated, "resident": NotFound, "officer_a": PermissionDenied,
        "org_admin_a": ALLOWED, "officer_b": NotFound, "partner": NotFound,
        "moderator": NotFound, "admin": NotFound})
    for persona, status in [("org_admin_a", 200), ("officer_a", 403), ("officer_b", 404),
                            ("admin", 404)]:
        client = signed_in(world, persona)
        for url in (f"/areas/uploaded/council-a/{SLUG}/", f"/areas/uploaded/council-a/{SLUG}/"
                    "data.csv", f"/areas/uploaded/council-a/{SLUG}/withdraw/"):
            assert client.get(url).status_code == status, (persona, url)
    # Maps show an upload only to those who may see it.
    for persona, shown in [("org_admin_a", True), ("officer_a", False), ("officer_b", False)]:
        page = signed_in(world, persona).get(f"/areas/{TRAFFORD}/map/").content.decode()
        assert (f'value="{SLUG}"' in page) is shown, persona
    assert Client().get(f"/areas/{TRAFFORD}/map/?data={SLUG}").content.decode().count(
        "Trafford wards") == 0
    assert signed_in(world, "officer_b").post(
        f"/areas/uploaded/council-a/{SLUG}/withdraw/").status_code == 404
    assert Dataset.objects.filter(slug=SLUG).exists()


def test_an_analyst_sees_maps_compares_and_downloads_an_upload(world: World,
                                                               uploaded: Dataset) -> None:
    client = signed_in(world, "org_admin_a")
    page = client.get(f"/areas/uploaded/council-a/{SLUG}/").content.decode()
    census = sum(v.total or 0 for v in AreaValues.objects.filter(
        dataset__slug="census2021-ethnicity-ward", area__code__in=["E05015239", "E05015240"]))
    assert f"{census:,.0f}" in page and f"{100 * 18 / census:.1f}%" in page
    assert f'href="/areas/{TRAFFORD}/map/?data={SLUG}"' in page
    mapped = client.get(f"/areas/{TRAFFORD}/map/?data={SLUG}").content.decode()
    assert "Showing <strong>Trafford wards</strong>" in mapped
    assert mapped.count('href="/areas/E050152') == 2  # the two wards in the file
    geo = client.get(f"/areas/{TRAFFORD}/map/areas.geojson?data={SLUG}&show=share:a").json()
    assert sorted(f["properties"]["value"] for f in geo["features"]) == [37.5, 40.0]
    rows = list(csv.DictReader(io.StringIO(client.get(
        f"/areas/uploaded/council-a/{SLUG}/data.csv").content.decode())))
    assert rows == [{"code": "E05015239", "name": "Altrincham", "a": "4", "b": "6",
                     "total": "10.0"},
                    {"code": "E05015240", "name": "Ashton upon Mersey", "a": "3", "b": "5",
                     "total": "8.0"}]
    replace = client.get("/areas/upload/?title=Trafford+wards&level=ward").content.decode()
    assert 'value="Trafford wards"' in replace


def test_withdrawing_deletes_the_figures_and_is_audited(world: World,
                                                        uploaded: Dataset) -> None:
    client = signed_in(world, "org_admin_a")
    confirm = client.get(f"/areas/uploaded/council-a/{SLUG}/withdraw/").content.decode()
    assert "Withdraw Trafford wards?" in confirm
    response = client.post(f"/areas/uploaded/council-a/{SLUG}/withdraw/")
    assert response.status_code == 302
    assert not Dataset.objects.filter(slug=SLUG).exists()
    assert not AreaValues.objects.filter(dataset_id=uploaded.pk).exists()
    event = AuditEvent.objects.get(action="dataset.withdraw")
    assert event.old_values["rows"] == 2 and event.organisation_id == world.council_a.pk
    with pytest.raises(Exception, match="Open data"):
        services.withdraw_dataset(actor=world["admin"],
                                  dataset=Dataset.objects.filter(organisation=None).first())
