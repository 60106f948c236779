"""Places, forums and participants' roles became translated fields: keep what was written.

Their values were written in one language, not recorded which; the portal's default (Russian) field
takes them, as django-modeltranslation's ``update_translation_fields`` would, and the other languages
fall back to it until someone translates them (the translation workflow lists them as missing).
"""

from django.db import migrations
from django.db.models import F, Q

COPIES = (("Event", ("place", "forum")), ("EventParticipant", ("role",)))


def keep_values(apps, schema_editor):
    for model_name, fields in COPIES:
        model = apps.get_model("advocacy", model_name)
        for field in fields:
            model.objects.exclude(**{field: ""}).filter(Q(**{f"{field}_ru__isnull": True}) | Q(**{f"{field}_ru": ""})).update(
                **{f"{field}_ru": F(field)}
            )


class Migration(migrations.Migration):
    dependencies = [("advocacy", "0005_kyrgyz_fields")]

    operations = [migrations.RunPython(keep_values, migrations.RunPython.noop)]
