"""``mujun demo``: build the deterministic demo county.

``mujun.demo.loader.build_county`` builds it; this command chooses the database's fate.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from mujun.demo import regions
from mujun.demo.context import DemoContext
from mujun.demo.loader import build_county
from mujun.regions.models import Region


def _rebuild_database():
    """Empty the database and migrate it again. ``flush`` is not enough: it also empties the
    tables that data migrations fill (the indicator catalogue, the project tiers)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
            cursor.execute("PRAGMA foreign_keys = ON")
    else:
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'DROP TABLE IF EXISTS "{table}" CASCADE')
    call_command("migrate", interactive=False, verbosity=0)


class Command(BaseCommand):
    help = "生成演示县（确定性的虚构数据）：镇街、用户、企业及各模块的演示数据。"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2024, help="随机种子（默认 2024）")
        parser.add_argument("--password", default="mujun-demo", help="演示用户的密码")
        parser.add_argument(
            "--reset", action="store_true", help="清空数据库后重新生成（会删除所有数据！）"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="已有演示县时不做任何事（启动脚本使用）"
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="规模（默认 1：2000 家企业、300 个项目；0.05 为测试用的小县）",
        )

    def handle(self, *args, seed, password, reset, if_empty, scale, **options):
        loaded = Region.objects.filter(code=regions.COUNTY[0]).exists()
        if loaded and if_empty:
            self.stdout.write("演示县已存在，跳过。")
            return
        if loaded and not reset:
            raise CommandError("演示县已存在。要重新生成，请加 --reset（会清空数据库）。")
        if reset:
            _rebuild_database()
        started = time.monotonic()
        ctx = build_county(
            DemoContext.create(seed=seed, password=password, log=self.stdout.write, scale=scale)
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"演示县已生成（种子 {seed}，用时 {time.monotonic() - started:.1f} 秒）。"
                f"演示用户：{'、'.join(ctx.users)}，密码：{password}"
            )
        )
