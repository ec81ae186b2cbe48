"""The group kinds every program starts with; programs add their own."""

from django.db import migrations

from groups.kinds import group_kinds_load


def add_kinds(apps, schema_editor):
    group_kinds_load(apps.get_model("groups", "GroupKind"))


class Migration(migrations.Migration):
    dependencies = [("groups", "0001_initial")]
    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
