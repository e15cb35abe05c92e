"""An import stores its table and nothing else; the open-data service (what the import
commands call) says when the council indicators follow. No import cycle between the
importer and the indicators."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from commonground.places import importing, indicators
from commonground.places.models import AreaValues, Dataset

pytestmark = pytest.mark.django_db
TRAFFORD = "E08000009"
PLACES = Path(importing.__file__).parent


def council_indicator(key: str) -> float | None:
    keys = Dataset.objects.get(slug=indicators.DERIVED).keys
    row = AreaValues.objects.get(dataset__slug=indicators.DERIVED, area__code=TRAFFORD)
    return row.values[keys.index(key)]


def test_only_the_open_data_service_refreshes_the_council_indicators(
        demo_data: Path, tmp_path: Path) -> None:
    before = council_indicator("get_on_well")
    path = tmp_path / "ni1.csv"
    path.write_text(f"gss_code,get_on_well\n{TRAFFORD},12.5\n", encoding="utf-8")
    spec = importing.DatasetSpec(slug=indicators.PLACE_SURVEY, title="Place Survey",
                                 level="council")
    importing.import_values(path=path, spec=spec, code_col="gss_code",
                            columns=["get_on_well"], commit=True)
    stored = AreaValues.objects.get(dataset__slug=indicators.PLACE_SURVEY, area__code=TRAFFORD)
    assert stored.values == [12.5]
    assert council_indicator("get_on_well") == before != 12.5  # the importer did nothing more
    call_command("import_values", str(path), f"--dataset={indicators.PLACE_SURVEY}",
                 "--title=Place Survey", "--level=council", "--code-col=gss_code",
                 "--columns=get_on_well", "--commit", stdout=io.StringIO())
    assert council_indicator("get_on_well") == 12.5


def imported_modules(name: str) -> set[str]:
    tree = ast.parse((PLACES / f"{name}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def test_the_importer_does_not_import_the_council_indicators() -> None:
    assert "commonground.places.derived" not in imported_modules("importing")
    assert "commonground.places.importing" in imported_modules("derived")
