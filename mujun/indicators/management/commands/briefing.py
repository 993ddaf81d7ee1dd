"""``mujun briefing --region CODE --year Y --month M [--indicators a,b,c]``: print the
briefing paragraph the briefing page and the API give."""

from django.core.management.base import BaseCommand, CommandError

from mujun.indicators.models import Indicator
from mujun.indicators.reports import make_briefing
from mujun.regions.models import Region


class Command(BaseCommand):
    help = "打印某地区某期的经济运行通报段落（与通报页面、接口所给相同）。"

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="地区的区划代码（县 6 位、镇街 9 位）")
        parser.add_argument("--year", type=int, required=True, help="年份，如 2026")
        parser.add_argument("--month", type=int, required=True, help="累计到的月份，1 至 12")
        parser.add_argument(
            "--indicators",
            default="",
            help="指标代码，逗号分隔，按所列顺序写入；不填则按指标目录顺序写入全部有数据的指标",
        )

    def handle(self, *args, region, year, month, indicators, **options):
        target = Region.objects.filter(code=region).first()
        if target is None:
            raise CommandError(f"没有区划代码为 {region} 的地区。")
        if not 1 <= month <= 12:
            raise CommandError("月份应为 1 至 12。")
        chosen = None
        keys = [k.strip() for k in indicators.split(",") if k.strip()]
        if keys:
            found = {
                i.key: i for i in Indicator.objects.filter(key__in=keys).select_related("part_of")
            }
            unknown = [k for k in keys if k not in found]
            if unknown:
                raise CommandError(f"未知的指标：{'、'.join(unknown)}")
            chosen = [found[k] for k in keys]
        result = make_briefing(user=None, region=target, year=year, month=month, indicators=chosen)
        if not result.text:
            raise CommandError("所选地区和期间没有可写入通报的指标数据。")
        self.stdout.write(result.text)
