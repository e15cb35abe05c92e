"""A Welsh council's and ward's Census 2021 margins (their own module: the Welsh slice of
the demo data is loaded per module, apart from the North West's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from commonground.places import population, selectors
from commonground.places.models import Area
from tests.places.conftest import CARDIFF
from tests.places.test_population import CARDIFF_BY_SEX, CATHAYS, WARDS, check_council

pytestmark = pytest.mark.django_db


def test_a_welsh_council_and_ward(cardiff_data: Path,
                                  django_assert_num_queries: Any) -> None:
    council = Area.objects.get(code=CARDIFF)
    with django_assert_num_queries(1):
        margins = selectors.population_margins(council)
    check_council(margins, CARDIFF, CARDIFF_BY_SEX)
    ward = selectors.population_margins(Area.objects.get(code=CATHAYS))
    assert ward is not None
    assert ward.age_band == {b: WARDS[CATHAYS][b] for b in population.ADULT_BANDS}
    assert ward.sex == {"female": 11456, "male": 10364}
