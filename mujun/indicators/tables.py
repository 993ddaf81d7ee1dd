from django.utils.translation import gettext_lazy as _

from mujun.core.tables import Col, Table, attr, choice

from .briefing import number_text
from .choices import PriceBasis, Source


def _figure(getter):
    """A derived figure's number, or nothing when it cannot be had (the reason is on the
    value's own page)."""

    def get(row):
        figure = getter(row.derived)
        return figure.value if figure.ok else None

    return get


def _rank(getter):
    def get(row):
        rank = getter(row.derived)
        if rank is None or rank.of < 2:
            return None
        return f"{rank.position}/{rank.of}" + ("（并列）" if rank.tied else "")

    return get


def _growth_basis(row):
    growth = row.derived.growth
    if growth.reported is not None:
        return _("公布")
    return _("计算") if growth.computed.ok else ""


def _period(row):
    return f"{row.year}年1至{row.month}月" if row.month > 1 else f"{row.year}年1月"


def _behind(row):
    completion = row.derived.completion
    return _("落后序时") if completion.completion.ok and completion.behind else ""


def _children(row):
    children = row.derived.children
    if children.mismatch:
        return _("与下级合计相差 %(d)s") % {"d": number_text(children.difference)}
    return ""


class IndicatorValueTable(Table):
    export_name = "经济指标数据"
    columns = [
        Col(_("地区"), attr("region.name"), link="indicators:indicatorvalue"),
        Col(_("指标"), attr("indicator.name")),
        Col(_("期间"), _period),
        Col(_("累计值"), attr("value"), numeric=True),
        Col(_("单位"), attr("indicator.unit")),
        Col(_("当月值"), _figure(lambda d: d.monthly), numeric=True),
        Col(_("同比（%）"), _figure(lambda d: d.growth.effective), numeric=True),
        Col(_("增速来源"), _growth_basis),
        Col(_("目标完成率（%）"), _figure(lambda d: d.completion.completion), numeric=True),
        Col(_("序时"), _behind),
        Col(_("总量排名"), _rank(lambda d: d.rank_by_value)),
        Col(_("增速排名"), _rank(lambda d: d.rank_by_growth)),
        Col(_("占上级（%）"), _figure(lambda d: d.share), numeric=True),
        Col(_("下级合计核对"), _children),
        Col(_("数据来源"), choice("source", Source.choices)),
    ]


class TargetTable(Table):
    export_name = "年度目标"
    columns = [
        Col(_("地区"), attr("region.name"), link="indicators:target_edit", link_action="change"),
        Col(_("指标"), attr("indicator.name")),
        Col(_("年份"), attr("year")),
        Col(_("年度目标"), attr("value"), numeric=True),
        Col(_("单位"), attr("indicator.unit")),
        Col(_("目标增速（%）"), attr("growth_pct"), numeric=True),
        Col(_("备注"), attr("note")),
    ]


class IndicatorTable(Table):
    export_name = "指标目录"
    columns = [
        Col(_("指标名称"), attr("name"), link="indicators:indicator"),
        Col(_("指标代码"), attr("key"), code=True),
        Col(_("计量单位"), attr("unit")),
        Col(_("价格口径"), choice("price_basis", PriceBasis.choices)),
        Col(_("可跨地区加总"), attr("additive")),
        Col(_("按年累计报送"), attr("is_cumulative")),
        Col(_("所属上位指标"), attr("part_of.name")),
    ]
