from django.db import migrations


def load_levels(apps, schema_editor):
    from iop.clients.levels import levels_of_care_load

    levels_of_care_load(apps.get_model("clients", "LevelOfCare"))


class Migration(migrations.Migration):
    dependencies = [("clients", "0001_initial")]
    operations = [migrations.RunPython(load_levels, migrations.RunPython.noop)]
