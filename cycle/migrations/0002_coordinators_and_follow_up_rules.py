"""Coordinators curate the calendar (every permission of the app); CMW and CEDAW get their two-year rule.

The rules are created only for mechanisms already stored (a fresh database has none yet; load_demo and
the admin add them there). Other treaty bodies fall back to one year (cycle/services.py).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TWO_YEAR_MECHANISMS = ("CMW", "CEDAW")


def forwards(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators = Group.objects.filter(name="Coordinators").first()
    if coordinators:
        coordinators.permissions.add(*Permission.objects.filter(content_type__app_label="cycle"))
    Mechanism = apps.get_model("recommendations", "Mechanism")
    FollowUpRule = apps.get_model("cycle", "FollowUpRule")
    for mechanism in Mechanism.objects.filter(code__in=TWO_YEAR_MECHANISMS):
        FollowUpRule.objects.get_or_create(mechanism=mechanism, defaults={"months": 24})


class Migration(migrations.Migration):
    dependencies = [
        ("cycle", "0001_calendar"),
        ("platform_site", "0004_coordinators_linked_items_history"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
