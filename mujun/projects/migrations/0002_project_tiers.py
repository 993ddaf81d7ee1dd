from django.db import migrations

TIERS = [
    ("provincial_key", "省重点", 10),
    ("municipal_major", "市重大", 20),
    ("provincial_large_medium", "省大中型", 30),
]


def add_tiers(apps, schema_editor):
    ProjectTag = apps.get_model("projects", "ProjectTag")
    for key, name, order in TIERS:
        ProjectTag.objects.get_or_create(key=key, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(add_tiers, migrations.RunPython.noop)]
