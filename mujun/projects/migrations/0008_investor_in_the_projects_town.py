"""A project's linked investor enterprise lies in the project's town (docs/projects.md,
"Investor enterprise"). A link to an enterprise registered elsewhere becomes the text 投资方:
the name is kept, the link that another town's officer could not follow is dropped."""

from django.db import migrations


def unlink_foreign_investors(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    rows = Project.objects.filter(enterprise__isnull=False).values_list(
        "pk", "investor_name", "region__path", "enterprise__region__path", "enterprise__name"
    )
    for pk, investor, region_path, enterprise_path, name in rows.iterator():
        if enterprise_path.startswith(region_path):
            continue
        Project.objects.filter(pk=pk).update(enterprise=None, investor_name=investor or name)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0007_project_events"),
        ("enterprises", "0001_initial"),
    ]

    operations = [migrations.RunPython(unlink_foreign_investors, migrations.RunPython.noop)]
