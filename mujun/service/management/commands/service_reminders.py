"""``mujun service_reminders``: the day's deadline reminders of enterprise problems, as an
in-app list on each user's home page (run once a day, e.g. from cron, beside
``mujun project_alerts``)."""

from django.core.management.base import BaseCommand

from mujun.service import tally
from mujun.service.actions import today
from mujun.service.notify import daily


class Command(BaseCommand):
    help = "生成企业诉求的办结时限提醒（提前 3 个、1 个工作日提醒承办人，超期提醒其上级）。"

    def handle(self, *args, **options):
        made = daily(today())
        # the statistics' stored tally recounted whole, whatever wrote past the verbs
        rows = tally.rebuild()
        self.stdout.write(f"已生成提醒 {made} 条；诉求统计已重算（{rows} 行）。")
