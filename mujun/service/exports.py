"""Excel exports of the reports (the lists export through their tables)."""

from mujun.core.spreadsheets import sheets_bytes

STATS_HEADERS = [
    "收集问题",
    "已办结",
    "已解决",
    "撤单",
    "按期办结",
    "超期未办结",
    "平均办结天数",
    "办结率（%）",
    "解决率（%）",
    "企业评价数",
    "满意率（%）",
]


def _figures(stats) -> list:
    return [
        stats.raised,
        stats.closed,
        stats.resolved,
        stats.withdrawn,
        stats.closed_on_time,
        stats.overdue,
        stats.avg_days_to_close,
        stats.closure_pct,
        stats.resolved_pct,
        stats.answered,
        stats.satisfaction_pct,
    ]


def stats_xlsx(report) -> bytes:
    return sheets_bytes(
        [
            ("合计", ["地区", *STATS_HEADERS], [[report.region.name, *_figures(report.total)]]),
            (
                "分类别",
                ["类别", *STATS_HEADERS],
                [[label, *_figures(s)] for _k, label, s in report.by_category],
            ),
            (
                "分部门",
                ["部门", *STATS_HEADERS],
                [[d.name, *_figures(s)] for d, s in report.by_department],
            ),
            (
                "分地区",
                ["地区", *STATS_HEADERS],
                [[r.name, *_figures(s)] for r, s in report.by_region],
            ),
        ],
        notes=[
            report.sentence,
            f"统计口径：{report.start}至{report.end}提出的问题，截至{report.as_of}的办理情况。",
        ],
    )


def coverage_xlsx(report) -> bytes:
    return sheets_bytes(
        [
            (
                "分地区",
                ["地区", "名单企业", "已走访", "覆盖率（%）"],
                [
                    [r.name, listed, visited, share]
                    for r, listed, visited, share in report.by_region
                ],
            ),
            (
                "未走访",
                ["企业", "统一社会信用代码", "镇街"],
                [[e.name, e.uscc, e.region.name] for e in report.not_visited],
            ),
            (
                "已走访",
                ["企业", "统一社会信用代码", "镇街", "走访干部"],
                [[e.name, e.uscc, e.region.name, "、".join(names)] for e, names in report.visited],
            ),
        ]
    )
