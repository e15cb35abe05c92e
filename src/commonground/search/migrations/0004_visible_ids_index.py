"""PostgreSQL: the ids a user may see, read from an index alone.

Browsing and filtering with an empty query start from every id whose ``access`` the
user holds (9,000 of 10,000 in the benchmark). The ``access`` index alone holds no
ids, so PostgreSQL visited every document row (about one 8 kB page each, as the
vectors are kept in the row) to read them; with ``id`` in the index this is an
index-only scan of a few dozen pages. ANALYZE gives the planner statistics for the
generated vectors straight away (autovacuum may not have run yet), so it chooses the
GIN index for selective words. SQLite's ``access`` index already holds the rowid.
"""

from django.db import migrations

POSTGRES_UP = [
    "CREATE INDEX core_search_document_visible ON core_search_document (access) "
    "INCLUDE (id)",
    "ANALYZE core_search_document",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS core_search_document_visible"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core_search", "0003_facet_stamp_and_rank_vector")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
