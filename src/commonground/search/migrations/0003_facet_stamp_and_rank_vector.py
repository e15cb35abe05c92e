"""What makes searches cheap on large indexes (see docs/search.md, Performance).

Both engines: ``core_search_stamp`` holds one random value that triggers replace
whenever a facet row is inserted, updated or deleted, so each process knows when its
in-memory facet index is out of date (a rolled-back change also reverts the stamp,
which again differs from the copy's).

PostgreSQL: ``rank_vector`` (title A, the first 2,000 characters of the body B, cut
at a space) is what ranking reads: small and kept inside the row, where ranking the
full ``search_vector`` had to fetch and unpack it from TOAST storage for every
document. ``search_vector`` is also kept in the row where it fits (storage MAIN;
adding the column rewrites the table, so existing rows move too), because checking
phrases reads it.
"""

from django.db import migrations, models

SQLITE_RESTAMP = ("REPLACE INTO core_search_stamp(id, stamp) "
                  "VALUES (1, lower(hex(randomblob(16))))")
SQLITE_UP = [
    f"CREATE TRIGGER core_search_facet_{event.lower()}_restamp AFTER {event} "
    f"ON core_search_facet BEGIN {SQLITE_RESTAMP}; END"
    for event in ("INSERT", "UPDATE", "DELETE")
] + [SQLITE_RESTAMP]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS core_search_facet_{event}_restamp"
               for event in ("insert", "update", "delete")]

POSTGRES_RESTAMP = ("INSERT INTO core_search_stamp(id, stamp) "
                    "VALUES (1, md5(random()::text || clock_timestamp()::text)) "
                    "ON CONFLICT (id) DO UPDATE SET stamp = EXCLUDED.stamp")
RANK_BODY_CHARS = 2000
POSTGRES_UP = [
    "CREATE FUNCTION core_search_restamp() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN {POSTGRES_RESTAMP}; RETURN NULL; END $$",
    "CREATE TRIGGER core_search_facet_restamp "
    "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON core_search_facet "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_search_restamp()",
    POSTGRES_RESTAMP,
    "ALTER TABLE core_search_document ALTER COLUMN search_vector SET STORAGE MAIN",
    "ALTER TABLE core_search_document ADD COLUMN rank_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', CASE "
    f"WHEN length(coalesce(body, '')) <= {RANK_BODY_CHARS} THEN coalesce(body, '') "
    rf"ELSE regexp_replace(left(body, {RANK_BODY_CHARS}), '\S*$', '') END), 'B')) STORED",
    "ALTER TABLE core_search_document ALTER COLUMN rank_vector SET STORAGE MAIN",
]
POSTGRES_DOWN = [
    "ALTER TABLE core_search_document DROP COLUMN IF EXISTS rank_vector",
    "ALTER TABLE core_search_document ALTER COLUMN search_vector SET STORAGE EXTENDED",
    "DROP TRIGGER IF EXISTS core_search_facet_restamp ON core_search_facet",
    "DROP FUNCTION IF EXISTS core_search_restamp()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('core_search', '0002_full_text'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchStamp',
            fields=[
                ('id', models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ('stamp', models.CharField(max_length=64)),
            ],
            options={
                'db_table': 'core_search_stamp',
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
