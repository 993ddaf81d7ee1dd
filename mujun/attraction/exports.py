"""The statistics as a workbook and as the table under the Word sentence."""

from mujun.core.spreadsheets import sheets_bytes

from .choices import LeadCategory

FIGURES = [
    ("trip_days", "外出招商天数"),
    ("principal_trip_days", "主要领导外出天数"),
    ("investors_visited", "拜访企业（家）"),
    ("reception_batches", "接待客商（批次）"),
    ("promotion_events", "推介会（场）"),
    ("new_leads", "新增线索"),
    ("negotiated", "洽谈项目"),
    ("negotiating", "期末在谈"),
    ("signed", "签约项目"),
    ("signed_investment_wan", "签约意向投资（万元）"),
    ("signed_over_100m", "其中亿元以上"),
    ("signed_listed", "其中上市及拟上市企业投资项目"),
]


def _rank(rank) -> str:
    return f"{rank.position}/{rank.of}" if rank and rank.of >= 2 else "—"


def region_rows(report) -> tuple[list[str], list[list]]:
    """The regions' rows, the region's own level named as such, and their total below when
    there is more than one."""
    headers = ["地区", *(label for _name, label in FIGURES), "外出天数排名", "签约排名"]
    rows = [
        [
            row.name,
            *(getattr(row.stats, name) for name, _label in FIGURES),
            _rank(row.ranks.get("trip_days")),
            _rank(row.ranks.get("signed")),
        ]
        for row in report.regions
    ]
    if len(rows) > 1:
        rows.append(["合计", *(getattr(report.stats, name) for name, _ in FIGURES), "", ""])
    return headers, rows


def official_rows(report) -> tuple[list[str], list[list]]:
    headers = ["干部", "职务", "地区", *(label for _name, label in FIGURES)]
    rows = [
        [
            row.subject.name,
            row.subject.title,
            row.subject.region.name,
            *(getattr(row.stats, name) for name, _label in FIGURES),
        ]
        for row in report.officials
    ]
    return headers, rows


def report_xlsx(report) -> bytes:
    """The regions, the officials, the signed projects' make-up; the sentence as the note."""
    labels = dict(LeadCategory.choices)
    split = [
        *(
            [str(labels.get(key, key)), n]
            for key, n in sorted(report.stats.signed_by_category.items())
        ),
        *(
            [f"投资方来自{province}", n]
            for province, n in sorted(
                report.stats.signed_by_province.items(), key=lambda kv: -kv[1]
            )
        ),
        ["合计", report.stats.signed],
    ]
    return sheets_bytes(
        [
            ("分地区", *region_rows(report)),
            ("分干部", *official_rows(report)),
            ("签约构成", ["分类", "项目数"], split),
        ],
        notes=[report.sentence],
    )
