"""A short report every platform test reads: one region, catalogue and non-catalogue figures."""

from mujun.reader import actions

REPORT = (
    "湘东镇经济运行情况\n"
    "今年以来,湘东镇以项目为抓手。1-5月,全镇完成财政总收入17.9亿元,同比增长8.8%;"
    "完成规上工业总产值326亿元,同比增长6.7%;外贸出口84亿元,增幅25%。"
    "今年以来,共签约项目7个。"
)
DATE = "2022-07-22"


def read(user, text=REPORT, published="2022-07-22"):
    from datetime import date

    report, _ = actions.read_report(
        user=user,
        title=text.splitlines()[0],
        text=text,
        published_on=date.fromisoformat(published) if published else None,
    )
    return report


def fact(report, key):
    return report.facts.get(indicator_key=key)
