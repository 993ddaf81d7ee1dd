"""The daily work the README had cron run, run by the background worker instead (issue 16,
item 2): the projects' lag alerts (``mujun project_alerts``) and the enterprise problems'
deadline reminders (``mujun service_reminders``), each at 02:00 China time."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import migrations

DAILY = [
    ("每日：项目滞后提示", "project_alerts"),
    ("每日：企业问题办理提醒", "service_reminders"),
]


def first_run():
    china = ZoneInfo("Asia/Shanghai")
    tomorrow = datetime.now(china).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(2, 0), tzinfo=china)


def add(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, command in DAILY:
        Schedule.objects.get_or_create(
            name=name,
            defaults={
                "func": "django.core.management.call_command",
                "args": repr(command),
                "schedule_type": "D",
                "repeats": -1,
                "next_run": first_run(),
            },
        )


def remove(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name__in=[name for name, _command in DAILY]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(add, remove)]
