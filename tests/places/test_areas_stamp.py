"""The areas' stamp, which every import that changes areas moves (``importing.areas_changed``)
and the data version reads: one statement, whether or not its row is there yet."""

from __future__ import annotations

from typing import Any

import pytest

from commonground.places import importing
from commonground.places.models import AreasStamp

pytestmark = pytest.mark.django_db


def test_each_change_of_areas_moves_the_stamp_by_one_in_one_query(
        django_assert_num_queries: Any) -> None:
    AreasStamp.objects.all().delete()  # as before the first import: no migration makes it
    with django_assert_num_queries(1):
        importing.areas_changed()
    assert AreasStamp.objects.get(pk=1).version == 1
    with django_assert_num_queries(1):
        importing.areas_changed()
    assert AreasStamp.objects.get(pk=1).version == 2


def test_the_stamp_comes_back_after_its_row_is_removed() -> None:
    """As each browser test's flush removes it: the next import of areas moves it still."""
    importing.areas_changed()
    AreasStamp.objects.all().delete()
    importing.areas_changed()
    assert AreasStamp.objects.get(pk=1).version == 1
