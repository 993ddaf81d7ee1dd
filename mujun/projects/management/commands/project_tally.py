"""``mujun project_tally``: count the project summary's tally again from the projects, their
plans and their monthly reports, and the red and yellow projects kept per region. The verbs
keep both as they change the rows and the daily ``mujun project_alerts`` counts them again;
run this after writing rows some other way (a bulk load, a repair in the database)."""

import time

from django.core.management.base import BaseCommand

from mujun.projects.tally import rebuild


class Command(BaseCommand):
    help = "根据项目、年度计划和月度报表重新计算项目汇总（批量写入数据后运行）。"

    def handle(self, *args, **options):
        started = time.monotonic()
        rows = rebuild()
        self.stdout.write(
            f"已重新计算项目汇总：{rows} 行，用时 {time.monotonic() - started:.1f} 秒。"
        )
