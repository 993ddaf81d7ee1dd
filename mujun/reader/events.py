"""The ledger rows of a report's review, one function per kind (STYLE.md §9); the verbs in
actions.py write them and the report's page shows them as its timeline. Every row carries the
report's region. The values an acceptance writes get their own rows in the indicators'
ledger (``indicators.events.read``)."""

from .models import Report, ReportEvent, ReportFact

READ, CORRECTED, DROPPED, KEPT, ACCEPTED = "read", "corrected", "dropped", "kept", "accepted"
RENAMED, SET = "renamed", "set"


def _write(report: Report, kind: str, text: str, *, user, **data):
    return ReportEvent.objects.create(
        report=report,
        region_id=report.region_id,
        kind=kind,
        text=text[:500],
        data=data,
        user=user,
    )


def _fact(fact: ReportFact) -> str:
    """第 3 条摘录（湘东镇 财政总收入）: numbered from 1 as the review table numbers it."""
    what = " ".join(
        t for t in (fact.region_name, fact.extracted.get("indicator") or fact.indicator_key) if t
    )
    return f"第 {fact.position + 1} 条摘录（{what}）"


def read(*, report: Report, facts: int, user):
    return _write(report, READ, f"读取报告，找到 {facts} 条数据", user=user, facts=facts)


def renamed(*, report: Report, before: str, user):
    return _write(
        report, RENAMED, f"标题由《{before}》改为《{report.title}》", user=user, before=before
    )


def fact_corrected(*, fact: ReportFact, fields: list[str], user):
    """``fields``: the labels of what the correction changed."""
    # saving the form unchanged still vouches for the period the reader gave (``corrected``)
    text = f"更正{_fact(fact)}：{'、'.join(fields)}" if fields else f"核对{_fact(fact)}，未改动"
    return _write(fact.report, CORRECTED, text, user=user, fact=fact.pk, fields=fields)


def fact_dropped(*, fact: ReportFact, released: bool, user):
    """``released``: the value the fact had become was archived with it."""
    text = f"舍弃{_fact(fact)}" + ("，其指标数据已归档" if released else "")
    return _write(fact.report, DROPPED, text, user=user, fact=fact.pk, released=released)


def fact_kept(*, fact: ReportFact, user):
    return _write(fact.report, KEPT, f"恢复{_fact(fact)}，重新待审", user=user, fact=fact.pk)


def accepted(*, report: Report, created: int, updated: int, unchanged: int, skipped: int, user):
    text = (
        f"采纳 {created + updated + unchanged} 条：新增 {created}，更新 {updated}，未变 {unchanged}"
    )
    if skipped:
        text += f"；{skipped} 条需更正或舍弃，暂未采纳"
    counts = {"created": created, "updated": updated, "unchanged": unchanged, "skipped": skipped}
    return _write(report, ACCEPTED, text, user=user, **counts)


def facts_set(
    *, report: Report, region_from: str, region_name: str, regions: int, year, years: int, user
):
    """A region or a year given to many facts at once (``actions.set_report_facts``)."""
    parts = []
    if regions:
        parts.append(f"{regions} 条摘录的地区由“{region_from}”改为“{region_name}”")
    if years:
        parts.append(f"{years} 条年份不详的摘录定为 {year} 年")
    return _write(
        report,
        SET,
        "统一设置：" + "；".join(parts),
        user=user,
        region_from=region_from,
        region_name=region_name,
        regions=regions,
        year=year,
        years=years,
    )
