"""A project's ledger (ProjectEvent, the shape of core.models.Event) takes the place of its stage
events; the stage events, plans and monthly reports already stored become its first rows, so a
project's timeline keeps what it showed before."""

from datetime import date

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from mujun.core.money import quantize


STAGES = {
    "lead": "招商线索",
    "negotiating": "在谈",
    "signed": "签约",
    "registered": "入库",
    "started": "开工",
    "completed": "竣工",
    "producing": "投产",
    "accepted": "复核验收",
    "terminated": "终止",
}


def _amount(wan) -> str:
    # as core.chinese.amount writes it, frozen here with the migration
    unit = "万元"
    if abs(wan) >= 10000:
        wan, unit = wan / 10000, "亿元"
    text = format(quantize(wan, 2), "f")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return f"{text}{unit}"


def ledger_from_stored_rows(apps, schema_editor):
    StageEvent = apps.get_model("projects", "StageEvent")
    ProjectEvent = apps.get_model("projects", "ProjectEvent")
    AnnualPlan = apps.get_model("projects", "AnnualPlan")
    MonthlyReport = apps.get_model("projects", "MonthlyReport")
    rows = []
    for e in StageEvent.objects.select_related("project").iterator():
        text = f"{STAGES.get(e.from_stage, '登记')} → {STAGES.get(e.to_stage, e.to_stage)}"
        data = {"from_stage": e.from_stage, "to_stage": e.to_stage, "note": e.note}
        rows.append(
            ProjectEvent(
                project_id=e.project_id,
                region_id=e.project.region_id,
                kind="stage",
                text=(text + (f"：{e.note}" if e.note else ""))[:500],
                data=data,
                occurred_on=e.date,
                user_id=e.user_id,
                created_at=e.created_at,
            )
        )
    for plan in AnnualPlan.objects.filter(is_archived=False).select_related("project").iterator():
        rows.append(
            ProjectEvent(
                project_id=plan.project_id,
                region_id=plan.project.region_id,
                kind="plan",
                text=f"{plan.year}年度计划投资{_amount(plan.planned_investment)}",
                data={"year": plan.year},
                occurred_on=date(plan.year, 1, 1),
                created_at=plan.created_at,
            )
        )
    reports = MonthlyReport.objects.filter(is_archived=False).select_related("project")
    for r in reports.iterator():
        text = f"{r.year}年{r.month}月报表：完成投资{_amount(r.completed_investment)}"
        notes = "；".join(t for t in (r.progress_note, r.problems and f"问题：{r.problems}") if t)
        rows.append(
            ProjectEvent(
                project_id=r.project_id,
                region_id=r.project.region_id,
                kind="report",
                text=(f"{text}。{notes}" if notes else text)[:500],
                data={"year": r.year, "month": r.month},
                occurred_on=date(r.year, r.month, 1),
                created_at=r.created_at,
            )
        )
    ProjectEvent.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0006_list_and_summary_indexes'),
        ('regions', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ProjectEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=30, verbose_name='事项')),
                ('text', models.CharField(max_length=500, verbose_name='说明')),
                ('data', models.JSONField(blank=True, default=dict, verbose_name='数据')),
                ('occurred_on', models.DateField(blank=True, null=True, verbose_name='发生日期')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='记录时间')),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='projects.project', verbose_name='项目')),
                ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='地区')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
            ],
            options={
                'verbose_name': '项目事项',
                'verbose_name_plural': '项目事项',
                'ordering': ['created_at', 'pk'],
                'abstract': False,
            },
        ),
        migrations.RunPython(ledger_from_stored_rows, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='StageEvent',
        ),
        migrations.AddIndex(
            model_name='projectevent',
            index=models.Index(fields=['project', 'kind', 'occurred_on'], name='projevent_project'),
        ),
    ]
