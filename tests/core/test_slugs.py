import pytest

from commonground.accounts.models import Organisation
from commonground.core.slugs import unique_slug


@pytest.mark.django_db
def test_slugs_are_readable_and_unique() -> None:
    assert unique_slug(Organisation, "Trafford Council", fallback="org") == "trafford-council"
    Organisation.objects.create(name="T", slug="trafford-council", kind="police")
    Organisation.objects.create(name="T", slug="trafford-council-2", kind="police")
    assert unique_slug(Organisation, "Trafford Council", fallback="org") == "trafford-council-3"
    assert unique_slug(Organisation, "!!!", fallback="org") == "org"
