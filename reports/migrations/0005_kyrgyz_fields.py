"""Kyrgyz versions of the translated fields, and (on PostgreSQL) their full-text GIN indexes.

The indexes are built on ``recommendations.text_search.document(field, "ky")``, the 'simple'
configuration: PostgreSQL has no Kyrgyz one (see text_search).
"""

from django.db import migrations, models

from recommendations.text_search import index_sql

TABLE = "reports_report"
FIELDS = ('title', 'summary', 'method')


def create_kyrgyz_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        schema_editor.execute(index_sql(TABLE, field, "ky"))


def drop_kyrgyz_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{TABLE}_{field}_ky_fts"')



class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_report_linked_items_history'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalreport',
            name='method_ky',
            field=models.TextField(blank=True, help_text='How the evidence was gathered.', null=True, verbose_name='method'),
        ),
        migrations.AddField(
            model_name='historicalreport',
            name='summary_ky',
            field=models.TextField(blank=True, null=True, verbose_name='summary'),
        ),
        migrations.AddField(
            model_name='historicalreport',
            name='title_ky',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='report',
            name='method_ky',
            field=models.TextField(blank=True, help_text='How the evidence was gathered.', null=True, verbose_name='method'),
        ),
        migrations.AddField(
            model_name='report',
            name='summary_ky',
            field=models.TextField(blank=True, null=True, verbose_name='summary'),
        ),
        migrations.AddField(
            model_name='report',
            name='title_ky',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.RunPython(create_kyrgyz_search_indexes, drop_kyrgyz_search_indexes, elidable=False),
    ]
