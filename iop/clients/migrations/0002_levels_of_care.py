from django.db import migrations


def load_levels(apps, schema_editor):
    from iop.clients.levels import LEVELS

    LevelOfCare = apps.get_model("clients", "LevelOfCare")
    for order, level in enumerate(LEVELS):
        LevelOfCare.objects.update_or_create(
            edition=level.edition,
            code=level.code,
            defaults={
                "name": level.name,
                "min_weekly_hours": level.min_weekly_hours,
                "max_weekly_hours": level.max_weekly_hours,
                "ordering": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("clients", "0001_initial")]
    operations = [migrations.RunPython(load_levels, migrations.RunPython.noop)]
