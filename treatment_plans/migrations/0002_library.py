from django.db import migrations


def load(apps, schema_editor):
    from treatment_plans.library import library_load

    library_load(
        apps.get_model("treatment_plans", "Modality"),
        apps.get_model("treatment_plans", "PlanTemplate"),
    )


class Migration(migrations.Migration):
    dependencies = [("treatment_plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
