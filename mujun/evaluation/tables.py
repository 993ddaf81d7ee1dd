"""One table per list: the page, its htmx partial and its Excel export (STYLE.md §5)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from mujun.core.spreadsheets import Fixed
from mujun.core.tables import Col, Table, attr

from . import labels
from .columns import HEADERS
from .rules import reason_words

# Land as the land registry writes it (the ``area`` filter), money as the briefing writes it.
AREA_PLACES, MONEY_PLACES = 2, 2


def _number(field, key):
    """A figure kept as decimal text in a JSON field, as a Decimal (a number in Excel)."""

    def get(obj):
        text = getattr(obj, field).get(key)
        return Decimal(text) if text not in (None, "") else None

    return get


def _fixed(field, places=None):
    """A figure to the precision of its run's scheme (``row.decimals``, set by the view's
    ``decorate``) or to ``places``: the same digits on the page and in the Excel file."""
    get_value = attr(field)

    def get(obj):
        value = get_value(obj)
        if value is None:
            return None
        return Fixed(value, getattr(obj, "decimals", 4) if places is None else places)

    return get


def _value(key, *, field="values", percent=False):
    """An indicator's value (or score) to the scheme's precision; a share as a percentage."""

    def get(obj):
        text = getattr(obj, field).get(key)
        if text in (None, ""):
            return None
        return Fixed(Decimal(text), getattr(obj, "decimals", 4), percent=percent)

    return get


def _words(name):
    def get(obj):
        return reason_words(getattr(obj, name))

    return get


class SchemeTable(Table):
    export_name = "评价方案"
    columns = [
        Col(_("方案名称"), attr("name"), link="evaluation:scheme"),
        Col(_("评价年度"), attr("year"), numeric=True),
        Col(_("适用地区"), attr("region.name")),
        Col(_("依据文件"), attr("source")),
        Col(_("更新时间"), lambda s: s.updated_at.strftime("%Y-%m-%d %H:%M")),
    ]


class RunTable(Table):
    export_name = "评价结果版本"
    columns = [
        Col(_("版本"), lambda r: f"{r.year}年度 第{r.number}版", link="evaluation:run"),
        Col(_("评价方案"), attr("scheme_name")),
        Col(_("评价地区"), attr("region.name")),
        Col(_("状态"), attr("get_status_display")),
        Col(_("企业数"), attr("enterprise_count"), numeric=True),
        Col(
            _("公示期"),
            lambda r: f"{r.publicity_start} 至 {r.publicity_end}" if r.publicity_start else "",
        ),
        Col(_("计算时间"), lambda r: r.created_at.strftime("%Y-%m-%d %H:%M")),
    ]


class EnterpriseYearTable(Table):
    export_name = "企业年度数据"
    columns = [
        Col(_("企业名称"), attr("enterprise.name"), link="evaluation:enterpriseyear"),
        Col(HEADERS["uscc"], attr("enterprise.uscc")),
        Col(_("所在镇街"), attr("enterprise.region.name")),
        Col(_("数据年度"), attr("year"), numeric=True),
        Col(HEADERS["size_class"], attr("get_size_class_display")),
        *(
            Col(HEADERS[c], attr(c), numeric=True)
            for c in (
                "land_mu",
                "tax_wan",
                "value_added_wan",
                "revenue_wan",
                "rd_wan",
                "energy_tce",
                "emission_t",
                "employees",
                "electricity_wan_kwh",
            )
        ),
        Col(HEADERS["prior_d_years"], attr("prior_d_years"), numeric=True),
    ]


class ResultTable(Table):
    export_name = "评价结果"
    columns = [
        Col(_("评价组"), attr("group_label")),
        Col(_("排名"), attr("rank"), numeric=True),
        Col(_("企业名称"), attr("enterprise.name"), link="evaluation:result"),
        Col(HEADERS["uscc"], attr("enterprise.uscc")),
        Col(_("所在镇街"), attr("enterprise.region.name")),
        Col(_("行业"), attr("enterprise.industry_division")),
        Col(_("综合得分"), _fixed("total"), numeric=True),
        Col(_("类别"), attr("klass")),
        Col(_("类别名称"), attr("class_label")),
        Col(_("参评状态"), attr("get_status_display")),
        Col(_("原因"), _words("reason")),
    ]


class InefficientTable(Table):
    export_name = "低效用地"
    columns = [
        Col(_("企业名称"), attr("enterprise.name"), link="evaluation:result"),
        Col(HEADERS["uscc"], attr("enterprise.uscc")),
        Col(_("所在镇街"), attr("enterprise.region.name")),
        Col(_("评价组"), attr("group_label")),
        Col(HEADERS["land_mu"], _fixed("land_mu", AREA_PLACES), numeric=True),
        Col(
            f"亩均税收({labels.indicator_unit('tax_wan', 'land_mu')})",
            _value("tax_per_mu"),
            numeric=True,
        ),
        Col(_("类别"), attr("klass")),
        Col(_("低效原因"), _words("inefficient_reasons")),
    ]


class SurchargeTable(Table):
    export_name = "差别电价"
    columns = [
        Col(_("企业名称"), attr("enterprise.name"), link="evaluation:result"),
        Col(HEADERS["uscc"], attr("enterprise.uscc")),
        Col(_("用电户号"), attr("enterprise.power_account")),
        Col(_("所在镇街"), attr("enterprise.region.name")),
        Col(_("类别"), attr("klass")),
        Col(
            HEADERS["prior_d_years"],
            lambda r: int(r.inputs.get("prior_d_years") or 0),
            numeric=True,
        ),
        Col(_("加价标准(元/千瓦时)"), attr("surcharge_rate"), numeric=True),
        Col(HEADERS["electricity_wan_kwh"], _number("inputs", "electricity_wan_kwh"), numeric=True),
        Col(_("加价金额(万元)"), _fixed("surcharge_wan", MONEY_PLACES), numeric=True),
    ]


class ObjectionTable(Table):
    export_name = "异议"
    columns = [
        Col(_("企业名称"), attr("enterprise.name"), link="evaluation:objection"),
        Col(HEADERS["uscc"], attr("enterprise.uscc")),
        Col(_("所在镇街"), attr("enterprise.region.name")),
        Col(_("针对版本"), attr("run")),
        Col(_("处理状态"), attr("get_status_display")),
        Col(_("更正前类别"), lambda o: o.before.get("class", "")),
        Col(_("更正后类别"), lambda o: o.after.get("class", "")),
        Col(_("登记时间"), lambda o: o.created_at.strftime("%Y-%m-%d %H:%M")),
    ]


def result_table(scheme, extras=None) -> type[ResultTable]:
    """``ResultTable`` with each indicator's value and score of ``scheme`` as further columns,
    offered in the column chooser (the page shows the ranking until a user adds them; the
    export has the columns shown)."""
    columns = list(ResultTable.columns)
    seen = set()
    for ind in (i for g in scheme.groups for i in g.indicators):
        if ind.key in seen:
            continue
        seen.add(ind.key)
        unit = labels.unit_of(ind, extras)
        share = unit == labels.PERCENT
        header = f"{ind.label}({unit})" if unit and not share else ind.label
        columns.append(Col(header, _value(ind.key, percent=share), numeric=True))
        columns.append(Col(f"{ind.label}得分", _value(ind.key, field="scores"), numeric=True))
    return type(
        "ResultTable",
        (ResultTable,),
        {
            "columns": columns,
            "default_columns": tuple(c.key for c in ResultTable.columns),
            "__module__": ResultTable.__module__,
        },
    )
