"""A project's free-text 联系领导 becomes a link to the official of that name in the officials'
register: the official of the project's town, else of the nearest region above it (a county
leader who 挂点 a town's project). Where no official has the name the text stays, shown as
“名册外联系领导” until someone picks the official."""

from django.db import migrations


def link_liaisons(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    Official = apps.get_model("officials", "Official")
    Liaison = apps.get_model("service", "Liaison")
    Region = apps.get_model("regions", "Region")
    codes = dict(Region.objects.values_list("code", "pk"))
    projects = Project.objects.exclude(liaison_leader="").select_related("region")
    for project in projects.iterator():
        # the project's region first, then each region above it
        path = [c for c in project.region.path.strip("/").split("/") if c]
        official = None
        for code in reversed(path):
            official = Official.objects.filter(
                region_id=codes.get(code), name=project.liaison_leader.strip(), is_archived=False
            ).first()
            if official is not None:
                break
        if official is None:
            continue
        Liaison.objects.get_or_create(
            official=official,
            role="leader",
            project=project,
            defaults={"region_id": project.region_id},
        )
        Project.objects.filter(pk=project.pk).update(liaison_leader="")


class Migration(migrations.Migration):
    dependencies = [("service", "0001_initial")]

    operations = [migrations.RunPython(link_liaisons, migrations.RunPython.noop)]
