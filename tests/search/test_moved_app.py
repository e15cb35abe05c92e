"""Search moved from ``commonground.core.search`` to ``commonground.search``, keeping its
app label, so a database migrated before the move carries on without renaming anything."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db

# What the old code left in a database: its tables and its migration rows.
OLD_TABLES = {"core_search_document", "core_search_facet", "core_search_stamp"}
OLD_MIGRATIONS = {"0001_search_index", "0002_full_text", "0003_facet_stamp_and_rank_vector",
                  "0004_visible_ids_index", "0005_narrow_document_rows"}


def test_the_moved_app_keeps_its_label_tables_and_migration_history() -> None:
    config = apps.get_app_config("core_search")
    assert config.name == "commonground.search"
    tables = {model._meta.db_table for model in config.get_models()}
    assert OLD_TABLES <= tables <= set(connection.introspection.table_names())
    executor = MigrationExecutor(connection)
    applied = {name for app, name in executor.loader.applied_migrations if app == "core_search"}
    assert applied >= OLD_MIGRATIONS
    # A database whose history says core_search 0001-0005 has nothing left to do.
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
