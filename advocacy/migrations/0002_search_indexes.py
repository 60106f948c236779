"""Full-text GIN indexes for the site search, on PostgreSQL only.

Each index is built on the very expression ``recommendations.text_search.document(field, language)``
queries with (Russian and English configurations), so a search matches through the indexes instead
of parsing every row's text. SQLite has no such index: the search falls back to a substring match there.
"""

from django.db import migrations

from recommendations.text_search import index_sql

# Frozen: the languages of this migration's time (a later one adds Kyrgyz, once its columns exist).
LANGUAGES = ("ru", "en")

TABLE = "advocacy_event"
FIELDS = ("title", "description", "outcome")


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        for language in LANGUAGES:
            schema_editor.execute(index_sql(TABLE, field, language))


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        for language in LANGUAGES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{TABLE}_{field}_{language}_fts"')


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0001_initial"),
        ("recommendations", "0002_list_and_search_indexes"),
    ]

    operations = [
        migrations.RunPython(create_search_indexes, drop_search_indexes, elidable=False),
    ]
