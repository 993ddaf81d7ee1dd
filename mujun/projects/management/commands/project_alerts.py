"""``mujun project_alerts``: re-evaluate every project's alert and refresh the database's
planner statistics (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from mujun.core.planner import analyze
from mujun.projects.models import Project
from mujun.projects.services import refresh_alerts, today


class Command(BaseCommand):
    help = "重新计算所有项目的滞后预警（建议每天运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, as_of=None, **options):
        from datetime import date

        day = date.fromisoformat(as_of) if as_of else today()
        # Archived projects too: their stored alerts would otherwise count as stale every day.
        changed = refresh_alerts(Project.objects.all(), day)
        # The planner's statistics follow the data's growth: once a day is enough.
        analyze()
        self.stdout.write(f"已重新计算预警（截至 {day:%Y-%m-%d}），{changed} 个项目的预警有变化。")
