"""``mujun project_alerts``: the daily run. It re-evaluates every project's alert, counts the
summary's tally again from the rows, refreshes the database's statistics for its query planner
and records that it ran (run daily, e.g. from cron)."""

from datetime import date

from django.core.management.base import BaseCommand
from django.db import connection

from mujun.projects.alerts import refresh_alerts, today
from mujun.projects.models import AlertRefresh, Project
from mujun.projects.tally import rebuild


class Command(BaseCommand):
    help = "每日运行：重新计算所有项目的滞后预警和项目汇总，并更新数据库的查询统计信息。"

    def add_arguments(self, parser):
        parser.add_argument("--as-of", help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, as_of=None, **options):
        day = date.fromisoformat(as_of) if as_of else today()
        # Archived projects too: their stored alerts would otherwise count as stale every day.
        changed = refresh_alerts(Project.objects.all(), day)
        # The verbs keep the tally; counted again daily, a row written some other way (a bulk
        # load, a repair in the database) counts in the summaries from the next run on.
        rebuild()
        # SQLite keeps no planner statistics until ANALYZE runs, and without them it pages a
        # 20,000-project list through the wrong index, ten times slower; PostgreSQL's
        # autovacuum analyses on its own, but its manual advises it after bulk loads. The
        # statistics follow the data's growth: once a day is enough.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        # the admin's home page shows when the daily run last ran (projects.models.AlertRefresh)
        AlertRefresh.objects.create(as_of=day, changed=changed)
        self.stdout.write(f"已重新计算预警（截至 {day:%Y-%m-%d}），{changed} 个项目的预警有变化。")
