"""The built-in "Family education" kind is the multi-family group: its roster is of the
clients' people (kept by the family app), so its name says so where directors choose it."""

from django.db import migrations


def rename(apps, schema_editor):
    kinds = apps.get_model("groups", "GroupKind").objects.filter(
        program=None, code="family-education"
    )
    kinds.update(name="Family education (multi-family group)")


def rename_back(apps, schema_editor):
    kinds = apps.get_model("groups", "GroupKind").objects.filter(
        program=None, code="family-education"
    )
    kinds.update(name="Family education")


class Migration(migrations.Migration):
    dependencies = [("groups", "0001_squashed_initial")]
    operations = [migrations.RunPython(rename, rename_back)]
