"""The engine-specific full-text structures, made for whichever database is in use.

SQLite: an external-content FTS5 table over title and body with the 'porter unicode61'
tokenizer (English stemming), kept in step with core_search_document by triggers.
PostgreSQL: a stored generated tsvector (title weighted A, body B) with a GIN index.
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE core_search_fts USING fts5(title, body, "
    "content='core_search_document', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER core_search_fts_insert AFTER INSERT ON core_search_document BEGIN "
    "INSERT INTO core_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER core_search_fts_delete AFTER DELETE ON core_search_document BEGIN "
    "INSERT INTO core_search_fts(core_search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER core_search_fts_update AFTER UPDATE ON core_search_document BEGIN "
    "INSERT INTO core_search_fts(core_search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO core_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    # Documents indexed before this migration (none in practice) are picked up.
    "INSERT INTO core_search_fts(core_search_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS core_search_fts_update",
    "DROP TRIGGER IF EXISTS core_search_fts_delete",
    "DROP TRIGGER IF EXISTS core_search_fts_insert",
    "DROP TABLE IF EXISTS core_search_fts",
]
POSTGRES_UP = [
    "ALTER TABLE core_search_document ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(body, '')), 'B')) STORED",
    "CREATE INDEX core_search_document_vector ON core_search_document "
    "USING GIN (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS core_search_document_vector",
    "ALTER TABLE core_search_document DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core_search", "0001_search_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
