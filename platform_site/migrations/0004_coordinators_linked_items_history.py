"""Coordinators curate everything of the portal apps: give them the permissions of the linked items' history.

Registering ``m2m_fields`` with django-simple-history added one historical model per relation; the roles
migration (0001) granted what existed then. Nobody edits these tables by hand; the grant keeps the rule
"coordinators hold every permission of the portal apps" true.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPS = ("advocacy", "reports", "recommendations")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators = Group.objects.filter(name="Coordinators").first()
    if coordinators:
        coordinators.permissions.add(*Permission.objects.filter(content_type__app_label__in=APPS))


class Migration(migrations.Migration):
    dependencies = [
        ("platform_site", "0003_content_version"),
        ("advocacy", "0004_event_linked_items_history"),
        ("reports", "0004_report_linked_items_history"),
        ("recommendations", "0004_recommendation_linked_items_history"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
