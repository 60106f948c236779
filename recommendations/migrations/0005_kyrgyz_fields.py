"""Kyrgyz versions of the translated fields, and (on PostgreSQL) their full-text GIN indexes.

The indexes are built on ``recommendations.text_search.document(field, "ky")``, the 'simple'
configuration: PostgreSQL has no Kyrgyz one (see text_search).
"""

from django.db import migrations, models

from recommendations.text_search import index_sql

TABLE = "recommendations_recommendation"
FIELDS = ('text',)


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
        ('recommendations', '0004_recommendation_linked_items_history'),
    ]

    operations = [
        migrations.AddField(
            model_name='affectedgroup',
            name='name_ky',
            field=models.CharField(max_length=255, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='historicalaffectedgroup',
            name='name_ky',
            field=models.CharField(max_length=255, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='historicalmechanism',
            name='name_ky',
            field=models.CharField(max_length=255, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='text_ky',
            field=models.TextField(null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='historicalsdgtarget',
            name='title_ky',
            field=models.CharField(max_length=255, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='historicaltheme',
            name='name_ky',
            field=models.CharField(max_length=255, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='mechanism',
            name='name_ky',
            field=models.CharField(max_length=255, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='text_ky',
            field=models.TextField(null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='sdgtarget',
            name='title_ky',
            field=models.CharField(max_length=255, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='theme',
            name='name_ky',
            field=models.CharField(max_length=255, null=True, verbose_name='name'),
        ),
        migrations.RunPython(create_kyrgyz_search_indexes, drop_kyrgyz_search_indexes, elidable=False),
    ]
