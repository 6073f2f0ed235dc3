from django.db import migrations

from territories import reference


def load_communes(apps, schema_editor):
    departement = apps.get_model("territories", "Departement")
    reference.link_former_regions(departement, apps.get_model("territories", "FormerRegion"))
    reference.load_communes(departement, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("territories", "0005_communes")]

    operations = [
        migrations.RunPython(load_communes, migrations.RunPython.noop, elidable=False),
    ]
