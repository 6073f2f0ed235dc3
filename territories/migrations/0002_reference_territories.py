from django.db import migrations

from territories import reference


def load_reference_territories(apps, schema_editor):
    reference.load(
        apps.get_model("territories", "Region"),
        apps.get_model("territories", "Departement"),
        apps.get_model("territories", "FormerRegion"),
    )


class Migration(migrations.Migration):
    dependencies = [("territories", "0001_initial")]

    operations = [
        migrations.RunPython(load_reference_territories, migrations.RunPython.noop, elidable=False),
    ]
