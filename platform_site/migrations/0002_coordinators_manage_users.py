"""Coordinators give people an organisation and a role from the user admin, so they may add and change users.

Raw permissions, groups and superuser status stay with superusers (the user admin hides those fields
from coordinators); a user's role comes from a membership (``partners.services.membership_set``).
"""

from django.db import migrations

USER_PERMISSIONS = ["add_user", "change_user", "view_user", "view_group"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators = Group.objects.get(name="Coordinators")
    coordinators.permissions.add(
        *Permission.objects.filter(content_type__app_label="auth", codename__in=USER_PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators = Group.objects.filter(name="Coordinators").first()
    if coordinators:
        coordinators.permissions.remove(
            *Permission.objects.filter(content_type__app_label="auth", codename__in=USER_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("platform_site", "0001_roles")]

    operations = [migrations.RunPython(grant, revoke)]
