"""Kyrgyz versions of the translated fields, and (on PostgreSQL) their full-text GIN indexes.

The indexes are built on ``recommendations.text_search.document(field, "ky")``, the 'simple'
configuration: PostgreSQL has no Kyrgyz one (see text_search). Places, forums and participants' roles
become translated fields (their values are kept by the next migration).
"""

from django.db import migrations, models

from recommendations.text_search import index_sql

TABLE = "advocacy_event"
FIELDS = ('title', 'description', 'outcome')


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
        ('advocacy', '0004_event_linked_items_history'),
    ]

    operations = [
        migrations.AddField(
            model_name='event',
            name='description_ky',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='event',
            name='forum_en',
            field=models.CharField(blank=True, help_text='For example: OSCE Human Dimension Implementation Meeting', max_length=200, null=True, verbose_name='forum'),
        ),
        migrations.AddField(
            model_name='event',
            name='forum_ky',
            field=models.CharField(blank=True, help_text='For example: OSCE Human Dimension Implementation Meeting', max_length=200, null=True, verbose_name='forum'),
        ),
        migrations.AddField(
            model_name='event',
            name='forum_ru',
            field=models.CharField(blank=True, help_text='For example: OSCE Human Dimension Implementation Meeting', max_length=200, null=True, verbose_name='forum'),
        ),
        migrations.AddField(
            model_name='event',
            name='outcome_ky',
            field=models.TextField(blank=True, null=True, verbose_name='outcome'),
        ),
        migrations.AddField(
            model_name='event',
            name='place_en',
            field=models.CharField(blank=True, help_text='City and venue.', max_length=200, null=True, verbose_name='place'),
        ),
        migrations.AddField(
            model_name='event',
            name='place_ky',
            field=models.CharField(blank=True, help_text='City and venue.', max_length=200, null=True, verbose_name='place'),
        ),
        migrations.AddField(
            model_name='event',
            name='place_ru',
            field=models.CharField(blank=True, help_text='City and venue.', max_length=200, null=True, verbose_name='place'),
        ),
        migrations.AddField(
            model_name='event',
            name='title_ky',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='eventparticipant',
            name='role_en',
            field=models.CharField(blank=True, help_text='For example: speaker, co-organiser', max_length=200, null=True, verbose_name='role'),
        ),
        migrations.AddField(
            model_name='eventparticipant',
            name='role_ky',
            field=models.CharField(blank=True, help_text='For example: speaker, co-organiser', max_length=200, null=True, verbose_name='role'),
        ),
        migrations.AddField(
            model_name='eventparticipant',
            name='role_ru',
            field=models.CharField(blank=True, help_text='For example: speaker, co-organiser', max_length=200, null=True, verbose_name='role'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='description_ky',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='forum_en',
            field=models.CharField(blank=True, help_text='For example: OSCE Human Dimension Implementation Meeting', max_length=200, null=True, verbose_name='forum'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='forum_ky',
            field=models.CharField(blank=True, help_text='For example: OSCE Human Dimension Implementation Meeting', max_length=200, null=True, verbose_name='forum'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='forum_ru',
            field=models.CharField(blank=True, help_text='For example: OSCE Human Dimension Implementation Meeting', max_length=200, null=True, verbose_name='forum'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='outcome_ky',
            field=models.TextField(blank=True, null=True, verbose_name='outcome'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='place_en',
            field=models.CharField(blank=True, help_text='City and venue.', max_length=200, null=True, verbose_name='place'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='place_ky',
            field=models.CharField(blank=True, help_text='City and venue.', max_length=200, null=True, verbose_name='place'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='place_ru',
            field=models.CharField(blank=True, help_text='City and venue.', max_length=200, null=True, verbose_name='place'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='title_ky',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='historicaleventparticipant',
            name='role_en',
            field=models.CharField(blank=True, help_text='For example: speaker, co-organiser', max_length=200, null=True, verbose_name='role'),
        ),
        migrations.AddField(
            model_name='historicaleventparticipant',
            name='role_ky',
            field=models.CharField(blank=True, help_text='For example: speaker, co-organiser', max_length=200, null=True, verbose_name='role'),
        ),
        migrations.AddField(
            model_name='historicaleventparticipant',
            name='role_ru',
            field=models.CharField(blank=True, help_text='For example: speaker, co-organiser', max_length=200, null=True, verbose_name='role'),
        ),
        migrations.RunPython(create_kyrgyz_search_indexes, drop_kyrgyz_search_indexes, elidable=False),
    ]
