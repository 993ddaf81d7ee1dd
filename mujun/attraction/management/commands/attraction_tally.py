"""``mujun attraction_tally``: count the attraction statistics' monthly tally again from the
activities and the leads, and read the leads' negotiation spans again from their ledgers. The
verbs keep both as they change the rows; run this after writing rows some other way (a bulk
load, a repair in the database)."""

import time

from django.core.management.base import BaseCommand

from mujun.attraction import talks
from mujun.attraction.tally import rebuild


class Command(BaseCommand):
    help = "根据招商活动和线索重新计算招商统计的月度汇总（批量写入数据后运行）。"

    def handle(self, *args, **options):
        started = time.monotonic()
        spans = talks.rebuild()
        rows = rebuild()
        self.stdout.write(
            f"已重新计算招商月度汇总：{rows} 行，洽谈期间 {spans} 段，"
            f"用时 {time.monotonic() - started:.1f} 秒。"
        )
