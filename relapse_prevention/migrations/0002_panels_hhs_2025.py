from django.db import migrations


def seed(apps, schema_editor):
    from relapse_prevention.panels import panels_seed

    panels_seed(
        apps.get_model("relapse_prevention", "ScreenPanel"),
        apps.get_model("relapse_prevention", "PanelAnalyte"),
    )


class Migration(migrations.Migration):
    dependencies = [("relapse_prevention", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
