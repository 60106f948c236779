"""Create the "Coordinators" and "Members" groups with the model permissions each role needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATOR_APPS = ("partners", "recommendations", "reports", "advocacy")

# Members write advocacy records and propose assessments in the portal (never in the admin); the
# object-level rules in partners.access keep them to their own organisation's records.
MEMBER_PERMISSIONS = [
    ("advocacy", "add_event"),
    ("advocacy", "change_event"),
    ("advocacy", "view_event"),
    ("advocacy", "add_eventparticipant"),
    ("advocacy", "change_eventparticipant"),
    ("advocacy", "add_eventlink"),
    ("advocacy", "change_eventlink"),
    ("advocacy", "add_eventattachment"),
    ("advocacy", "change_eventattachment"),
    ("recommendations", "add_statusassessment"),
    ("recommendations", "view_statusassessment"),
    ("recommendations", "view_recommendation"),
    ("reports", "add_report"),
    ("reports", "change_report"),
    ("reports", "view_report"),
    ("partners", "add_organisation"),
    ("partners", "view_organisation"),
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    coordinators, _ = Group.objects.get_or_create(name="Coordinators")
    coordinators.permissions.set(Permission.objects.filter(content_type__app_label__in=COORDINATOR_APPS))

    members, _ = Group.objects.get_or_create(name="Members")
    members.permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in MEMBER_PERMISSIONS
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Coordinators", "Members"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0001_initial"),
        ("recommendations", "0001_initial"),
        ("reports", "0001_initial"),
        ("advocacy", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
