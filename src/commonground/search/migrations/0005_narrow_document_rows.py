"""PostgreSQL: narrow document rows for matching, ranking vectors in a table of their own.

Matching reads the GIN index and then, for each document it finds, the document's row
(its id). With both vectors and the body inside the row (about one 8 kB page per
document), a broad query visited 6,600 pages on the benchmark. Now every long value of
``core_search_document`` is kept out of line (``toast_tuple_target`` at its minimum;
``search_vector`` uncompressed, as word lists hardly compress): a row is about 150
bytes and 10,000 documents fit in 230 pages.

Ranking reads ``rank_vector`` (title A, the first 2,000 characters of the body B) for
each document of a page's tier. Fetched from out-of-line storage that costs 3.6 µs a
document, more than ranking itself, so it moves to ``core_search_rank``, one row per
document with the vector inside the row, kept in step by triggers (insert, update,
delete and truncate: no foreign key, which would stop Django's test flush, a TRUNCATE of
the model tables, from emptying the documents). Only PostgreSQL has it; SQLite ranks
with FTS5's bm25. The UPDATE rewrites the rows already there so
they take the new layout too.
"""

from django.db import migrations

RANK_BODY_CHARS = 2000
RANK_VECTOR = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', CASE "
    f"WHEN length(coalesce(body, '')) <= {RANK_BODY_CHARS} THEN coalesce(body, '') "
    rf"ELSE regexp_replace(left(body, {RANK_BODY_CHARS}), '\S*$', '') END), 'B')"
)
POSTGRES_UP = [
    "CREATE TABLE core_search_rank (document_id bigint PRIMARY KEY, vector tsvector NOT NULL)",
    # Kept in the row: ranking reads it for thousands of documents at a time.
    "ALTER TABLE core_search_rank ALTER COLUMN vector SET STORAGE MAIN",
    "CREATE FUNCTION core_search_rank_vector(title text, body text) RETURNS tsvector "
    f"LANGUAGE sql IMMUTABLE AS $$ SELECT {RANK_VECTOR} $$",
    "INSERT INTO core_search_rank SELECT id, core_search_rank_vector(title, body) "
    "FROM core_search_document",
    "ALTER TABLE core_search_document DROP COLUMN rank_vector",
    "ALTER TABLE core_search_document SET (toast_tuple_target = 128)",
    "ALTER TABLE core_search_document ALTER COLUMN search_vector SET STORAGE EXTERNAL",
    "UPDATE core_search_document SET title = title",
    "CREATE FUNCTION core_search_rank_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'TRUNCATE' THEN TRUNCATE core_search_rank; "
    "ELSIF TG_OP = 'DELETE' THEN DELETE FROM core_search_rank WHERE document_id = OLD.id; "
    "ELSE INSERT INTO core_search_rank "
    "VALUES (NEW.id, core_search_rank_vector(NEW.title, NEW.body)) "
    "ON CONFLICT (document_id) DO UPDATE SET vector = EXCLUDED.vector; END IF; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER core_search_rank_sync AFTER INSERT OR UPDATE OF title, body OR DELETE "
    "ON core_search_document FOR EACH ROW EXECUTE FUNCTION core_search_rank_sync()",
    "CREATE TRIGGER core_search_rank_truncate AFTER TRUNCATE ON core_search_document "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_search_rank_sync()",
    "ANALYZE core_search_document",
    "ANALYZE core_search_rank",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS core_search_rank_sync ON core_search_document",
    "DROP TRIGGER IF EXISTS core_search_rank_truncate ON core_search_document",
    "DROP FUNCTION IF EXISTS core_search_rank_sync()",
    "DROP TABLE IF EXISTS core_search_rank",
    "DROP FUNCTION IF EXISTS core_search_rank_vector(text, text)",
    "ALTER TABLE core_search_document RESET (toast_tuple_target)",
    "ALTER TABLE core_search_document ALTER COLUMN search_vector SET STORAGE MAIN",
    f"ALTER TABLE core_search_document ADD COLUMN rank_vector tsvector "
    f"GENERATED ALWAYS AS ({RANK_VECTOR}) STORED",
    "ALTER TABLE core_search_document ALTER COLUMN rank_vector SET STORAGE MAIN",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core_search", "0004_visible_ids_index")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
