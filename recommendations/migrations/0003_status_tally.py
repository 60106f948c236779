"""The status tally and the triggers that keep it (see ``StatusTally``), on PostgreSQL and SQLite.

PostgreSQL: one statement-level trigger per event, reading the statement's transition tables, so a bulk
insert of 200,000 recommendations is one grouped upsert rather than 200,000. SQLite: row-level triggers.
Either way each change is added to the tally as a difference (+n for the new rows, -n for the old), in
the transaction that made it. Existing recommendations are counted once here.
"""

import django.db.models.deletion
from django.db import migrations, models


RECOMMENDATION = "recommendations_recommendation"
TALLY = "recommendations_statustally"
KEY = "review_id, status, is_public"

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION recommendations_status_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO {TALLY} ({KEY}, recommendations)
        SELECT {KEY}, count(*) FROM new_rows GROUP BY {KEY}
        ON CONFLICT ({KEY}) DO UPDATE SET recommendations = {TALLY}.recommendations + EXCLUDED.recommendations;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO {TALLY} ({KEY}, recommendations)
        SELECT {KEY}, -count(*) FROM old_rows GROUP BY {KEY}
        ON CONFLICT ({KEY}) DO UPDATE SET recommendations = {TALLY}.recommendations + EXCLUDED.recommendations;
    ELSE
        INSERT INTO {TALLY} ({KEY}, recommendations)
        SELECT {KEY}, sum(change) FROM (
            SELECT {KEY}, 1 AS change FROM new_rows
            UNION ALL
            SELECT {KEY}, -1 AS change FROM old_rows
        ) AS changes
        GROUP BY {KEY} HAVING sum(change) <> 0
        ON CONFLICT ({KEY}) DO UPDATE SET recommendations = {TALLY}.recommendations + EXCLUDED.recommendations;
    END IF;
    RETURN NULL;
END
$$
"""
POSTGRESQL_TRIGGERS = [
    f"CREATE TRIGGER recommendations_status_tally_insert AFTER INSERT ON {RECOMMENDATION} "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendations_status_tally()",
    f"CREATE TRIGGER recommendations_status_tally_update AFTER UPDATE ON {RECOMMENDATION} "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION recommendations_status_tally()",
    f"CREATE TRIGGER recommendations_status_tally_delete AFTER DELETE ON {RECOMMENDATION} "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendations_status_tally()",
]


def _sqlite_add(row, change):
    return (
        f"INSERT INTO {TALLY} ({KEY}, recommendations) VALUES ({row}.review_id, {row}.status, {row}.is_public, {change}) "
        f"ON CONFLICT ({KEY}) DO UPDATE SET recommendations = recommendations + {change};"
    )


SQLITE_TRIGGERS = [
    f"CREATE TRIGGER recommendations_status_tally_insert AFTER INSERT ON {RECOMMENDATION} "
    f"BEGIN {_sqlite_add('NEW', 1)} END",
    f"CREATE TRIGGER recommendations_status_tally_update AFTER UPDATE OF {KEY} ON {RECOMMENDATION} "
    "WHEN OLD.review_id IS NOT NEW.review_id OR OLD.status IS NOT NEW.status OR OLD.is_public IS NOT NEW.is_public "
    f"BEGIN {_sqlite_add('OLD', -1)} {_sqlite_add('NEW', 1)} END",
    f"CREATE TRIGGER recommendations_status_tally_delete AFTER DELETE ON {RECOMMENDATION} "
    f"BEGIN {_sqlite_add('OLD', -1)} END",
]
TRIGGER_NAMES = ["recommendations_status_tally_insert", "recommendations_status_tally_update",
                 "recommendations_status_tally_delete"]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION)
        statements = POSTGRESQL_TRIGGERS
    elif vendor == "sqlite":
        statements = SQLITE_TRIGGERS
    else:
        raise NotImplementedError(f"No status tally triggers for {vendor}")
    for statement in statements:
        schema_editor.execute(statement)
    schema_editor.execute(
        f"INSERT INTO {TALLY} ({KEY}, recommendations) SELECT {KEY}, count(*) FROM {RECOMMENDATION} GROUP BY {KEY}"
    )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for name in TRIGGER_NAMES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {RECOMMENDATION}" if vendor == "postgresql" else ""))
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS recommendations_status_tally()")
    schema_editor.execute(f"DELETE FROM {TALLY}")


class Migration(migrations.Migration):

    dependencies = [
        ('recommendations', '0002_list_and_search_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='StatusTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('not_assessed', 'Not assessed'), ('not_started', 'Not started'), ('in_progress', 'In progress'), ('partially', 'Partially implemented'), ('implemented', 'Implemented'), ('not_implemented', 'Not implemented (regressed)')], max_length=20, verbose_name='status')),
                ('is_public', models.BooleanField(verbose_name='public')),
                ('recommendations', models.IntegerField(default=0, verbose_name='recommendations')),
                ('review', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='recommendations.review', verbose_name='review')),
            ],
            options={
                'verbose_name': 'status tally',
                'verbose_name_plural': 'status tallies',
                'constraints': [models.UniqueConstraint(fields=('review', 'status', 'is_public'), name='status_tally_unique')],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
