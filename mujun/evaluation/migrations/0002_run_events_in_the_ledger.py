"""Run events take the shape of every ledger's (core.models.Event): a region for scope, the
day it happened and the event's data. An objection's event takes its enterprise's region."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def regions_of_events(apps, schema_editor):
    RunEvent = apps.get_model("evaluation", "RunEvent")
    Objection = apps.get_model("evaluation", "Objection")
    for event in RunEvent.objects.select_related("run").iterator():
        event.region_id = event.run.region_id
        if event.kind == "objection":
            # "收到异议：<name>" or "异议处理：<name>，<verdict>…"
            name = event.text.split("：", 1)[-1].split("，", 1)[0]
            objection = (
                Objection.objects.filter(run_id=event.run_id, enterprise__name=name)
                .select_related("enterprise")
                .first()
            )
            if objection is not None:
                event.region_id = objection.enterprise.region_id
                event.data = {"objection": objection.pk}
        event.save(update_fields=["region", "data"])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_initial"),
        ("regions", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="runevent",
            options={
                "ordering": ["created_at", "pk"],
                "verbose_name": "版本事项",
                "verbose_name_plural": "版本事项",
            },
        ),
        migrations.AddField(
            model_name="runevent",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="数据"),
        ),
        migrations.AddField(
            model_name="runevent",
            name="occurred_on",
            field=models.DateField(blank=True, null=True, verbose_name="发生日期"),
        ),
        migrations.AddField(
            model_name="runevent",
            name="region",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="地区",
            ),
        ),
        migrations.AlterField(
            model_name="runevent",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="记录时间"
            ),
        ),
        migrations.AlterField(
            model_name="runevent",
            name="kind",
            field=models.CharField(max_length=30, verbose_name="事项"),
        ),
        migrations.AlterField(
            model_name="runevent",
            name="text",
            field=models.CharField(max_length=500, verbose_name="说明"),
        ),
        migrations.AlterField(
            model_name="runevent",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="操作人",
            ),
        ),
        migrations.RunPython(regions_of_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="runevent",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="地区",
            ),
        ),
    ]
