"""PostgreSQL: the index folds accents, so Welsh is found without its circumflexes.

Both vectors (``search_vector`` for matching, ``core_search_rank`` for ranking) are built
from the title and body with their accents folded (``translate()``: ŵ → w, ŷ → y, â → a,
ï → i), and the queries fold the reader's words with the same table
(:mod:`commonground.search.folding`, whose letters are copied here so this migration
stays as it was written). A generated column's expression cannot be altered, so the
column and its GIN index are made again. SQLite's FTS5 tokenizer already folds
diacritics (migration 0002).
"""

from django.db import migrations

FOLD_FROM = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĲĳĴĵĶķĹĺĻļĽľĿŀŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſ"
FOLD_TO = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIIiJjKkLlLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzs"
RANK_BODY_CHARS = 2000


def _vectors(fold: bool) -> tuple[str, str]:
    def text(sql: str) -> str:
        return f"translate({sql}, '{FOLD_FROM}', '{FOLD_TO}')" if fold else sql

    title, body = text("coalesce(title, '')"), text("coalesce(body, '')")
    search = (f"setweight(to_tsvector('english', {title}), 'A') || "
              f"setweight(to_tsvector('english', {body}), 'B')")
    first = ("CASE "
             f"WHEN length(coalesce(body, '')) <= {RANK_BODY_CHARS} THEN coalesce(body, '') "
             rf"ELSE regexp_replace(left(body, {RANK_BODY_CHARS}), '\S*$', '') END")
    rank = (f"setweight(to_tsvector('english', {title}), 'A') || "
            f"setweight(to_tsvector('english', {text(first)}), 'B')")
    return search, rank


def _statements(fold: bool) -> list[str]:
    search, rank = _vectors(fold)
    return [
        "DROP INDEX IF EXISTS core_search_document_vector",
        "ALTER TABLE core_search_document DROP COLUMN search_vector",
        f"ALTER TABLE core_search_document ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({search}) STORED",
        "ALTER TABLE core_search_document ALTER COLUMN search_vector SET STORAGE EXTERNAL",
        "CREATE INDEX core_search_document_vector ON core_search_document "
        "USING GIN (search_vector)",
        "CREATE OR REPLACE FUNCTION core_search_rank_vector(title text, body text) "
        f"RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$ SELECT {rank} $$",
        "UPDATE core_search_rank r SET vector = core_search_rank_vector(d.title, d.body) "
        "FROM core_search_document d WHERE d.id = r.document_id",
        "ANALYZE core_search_document",
        "ANALYZE core_search_rank",
    ]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core_search", "0005_narrow_document_rows")]

    operations = [migrations.RunPython(_run(_statements(True)), _run(_statements(False)))]
