from django.db import migrations


def name_provinces_in_full(apps, schema_editor):
    # 上海 and 上海市 made two groups of the signed projects' make-up and the funnel, and a
    # filter on one missed the other: the names the rule knows are written in full, an
    # investor from abroad without one is 境外; a name it does not know is left as written
    from mujun.attraction.rules import home_province

    Lead = apps.get_model("attraction", "Lead")
    for lead in Lead.objects.only("pk", "home_province", "investor_country").iterator():
        try:
            name = home_province(lead.home_province, lead.investor_country)
        except ValueError:
            continue
        if name != lead.home_province:
            Lead.objects.filter(pk=lead.pk).update(home_province=name)


class Migration(migrations.Migration):
    dependencies = [("attraction", "0006_negotiation_spans")]

    operations = [migrations.RunPython(name_provinces_in_full, migrations.RunPython.noop)]
