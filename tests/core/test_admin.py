"""Every admin page a platform admin can open renders (no 500), and read-only stays so."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from commonground.core.admin import ReadOnlyAdmin
from tests.personas import World


@pytest.mark.django_db
def test_every_admin_changelist_renders_for_a_platform_admin(world: World) -> None:
    client = Client()
    client.force_login(world["admin"])
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
        if isinstance(model_admin, ReadOnlyAdmin):
            add = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
            assert client.get(add).status_code == 403, add


@pytest.mark.django_db
def test_the_admin_is_closed_to_council_officers(world: World) -> None:
    client = Client()
    client.force_login(world["officer_a"])
    assert client.get("/admin/").status_code == 302
