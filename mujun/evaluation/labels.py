"""The evaluation in words and figures, as every page, export and history entry shows it: each
input column's Chinese name and unit, each indicator's unit and formula, the groups' and sizes'
names, and figures to the scheme's precision (``score_decimals``). The one source of these
words: tables, the report card, objections and the history all ask here. No ORM.
"""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from mujun.core.chinese import amount
from mujun.core.money import quantize

from .engine.columns import STANDARD

MONEY = "万元"
PERCENT = "%"

# The unit of each §2 column whose engine header does not already carry it (EVALUATION.md §2:
# amounts are in 万元; 年平均职工人数 counts people).
_UNITS = {
    "tax_wan": MONEY,
    "value_added_wan": MONEY,
    "revenue_wan": MONEY,
    "rd_wan": MONEY,
    "employees": "人",
    "prior_d_years": "年",
}

# What a ratio of two units is called (EVALUATION.md §1's table): 万元 ÷ 万千瓦时 is 元/千瓦时,
# and an amount over an amount is a share, shown as a percentage.
_RATIO_UNITS = {(MONEY, "万千瓦时"): "元/千瓦时", (MONEY, MONEY): PERCENT}

_COUNTS = ("人", "年")

SIZES = {"above": "规上", "below": "规下"}


def split_header(header: str) -> tuple[str, str]:
    """'用地面积(亩)' → ('用地面积', '亩'); a header without a unit keeps it empty."""
    text = header.replace("（", "(").replace("）", ")")
    if text.endswith(")") and "(" in text:
        name, unit = text[:-1].rsplit("(", 1)
        return name, unit
    return header, ""


# column -> (Chinese name, unit) of every §2 column.
COLUMNS: dict[str, tuple[str, str]] = {}
for _column, (_header, _kind) in STANDARD.items():
    _name, _unit = split_header(_header)
    COLUMNS[_column] = (_name, _unit or _UNITS.get(_column, ""))


def name_and_unit(column: str, extras: dict | None = None) -> tuple[str, str]:
    """A column's Chinese name and unit; ``extras`` maps a scheme's own columns to their
    Chinese header (``[columns]``, flag and bonus labels)."""
    if column in COLUMNS:
        return COLUMNS[column]
    if extras and column in extras:
        header = extras[column]
        return split_header(header[0] if isinstance(header, tuple) else header)
    return column, ""


def header(column: str, extras: dict | None = None) -> str:
    """The column as file headers and page labels write it: '评价税收(万元)', '规模'. The
    engine reads the same text back (EVALUATION.md §2), so a downloaded file re-imports."""
    name, unit = name_and_unit(column, extras)
    if unit in _COUNTS:
        return name  # the engine reads '年平均职工人数', and a head count needs no unit
    return f"{name}({unit})" if unit else name


def indicator_unit(numerator: str, denominator: str, factor=1, extras=None) -> str:
    """The unit of numerator ÷ denominator: 万元/亩, 元/千瓦时, or % for a share. Empty when a
    factor other than 1 scales the ratio (the scheme would have to say what it means)."""
    if Decimal(factor) != 1:
        return ""
    top = name_and_unit(numerator, extras)[1]
    bottom = name_and_unit(denominator, extras)[1]
    if (top, bottom) in _RATIO_UNITS:
        return _RATIO_UNITS[(top, bottom)]
    if top and bottom:
        return f"{top}/{bottom}"
    return top


def unit_of(indicator, extras=None) -> str:
    return indicator_unit(indicator.numerator, indicator.denominator, indicator.factor, extras)


def formula(indicator, extras=None) -> str:
    """'评价税收(万元) ÷ 用地面积(亩)', with '× 100' and the like when the scheme scales it."""
    text = f"{header(indicator.numerator, extras)} ÷ {header(indicator.denominator, extras)}"
    if Decimal(indicator.factor) != 1:
        text += f" × {plain(indicator.factor)}"
    return text


def group_names(scheme) -> dict[str, str]:
    """Group key -> the scheme's label for it ('above' → '规上工业企业')."""
    return {g.key: g.label or SIZES.get(g.key, g.key) for g in scheme.groups}


# -- figures ----------------------------------------------------------------------------------


def plain(value) -> str:
    """A number as written, without trailing zeros or an exponent (100, not 1E+2)."""
    if value in (None, ""):
        return ""
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fixed(value, places: int, *, up: bool = False) -> str:
    """``value`` to exactly ``places`` decimals, half-up (``up``: rounded up, for a least value
    that must still be reached). '—' when missing."""
    if value in (None, ""):
        return "—"
    rounding = ROUND_CEILING if up else ROUND_HALF_UP
    text = format(quantize(Decimal(value), max(places, 0), rounding=rounding), "f")
    # a negative figure that rounds to nothing is no loss: 0.0000, not -0.0000
    return text.lstrip("-") if Decimal(text) == 0 else text


def _percent_places(places: int) -> int:
    # The same absolute precision: a fraction to 4 decimals (0.0302) is a percentage to 2 (3.02%).
    return max(places - 2, 0)


def figure(value, unit: str, places: int, *, up: bool = False) -> str:
    """An indicator's value (or what it needs) to the scheme's precision, with its unit:
    '37.5000 万元/亩'; a share as a percentage, '3.02%'."""
    if value in (None, ""):
        return "—"
    if unit == PERCENT:
        return f"{fixed(Decimal(value) * 100, _percent_places(places), up=up)}%"
    text = fixed(value, places, up=up)
    return f"{text} {unit}" if unit else text


def benchmark(value, unit: str, places: int, *, given: bool) -> str:
    """A benchmark with its unit. One the scheme fixes is shown as the scheme writes it
    (24.097, 16.601058: the document's own digits); a computed one to the scheme's precision."""
    if value in (None, ""):
        return "—"
    if not given:
        return figure(value, unit, places)
    if unit == PERCENT:
        written = Decimal(value)
        shown = written * 100
        decimals = max(-shown.normalize().as_tuple().exponent, 0)
        return f"{fixed(shown, decimals)}%"
    text = plain(value)
    return f"{text} {unit}" if unit else text


def score(value, places: int) -> str:
    """A score, bonus or total to the scheme's ``score_decimals``: 46.6863."""
    return fixed(value, places)


def share_of_benchmark(value, bench, places: int) -> str:
    """The value as a percentage of the benchmark, to the scheme's percentage precision."""
    if value in (None, "") or bench in (None, "") or Decimal(bench) <= 0:
        return "—"
    return f"{fixed(Decimal(value) * 100 / Decimal(bench), _percent_places(places))}%"


def quantity(column: str, value, extras: dict | None = None) -> str:
    """One input cell as a person reads it: amounts through ``core.chinese.amount`` (亿元 from
    1亿 up), other numbers with their unit, 规上/规下, flags as 是/否."""
    if value in (None, ""):
        return "—"
    if column == "size_class":
        return SIZES.get(str(value), str(value))
    unit = name_and_unit(column, extras)[1]
    if unit == MONEY:
        return amount(Decimal(str(value)))
    kind = extras.get(column, ("", ""))[1] if extras and column in extras else ""
    if kind == "flag":
        return "是" if truthy(value) else "否"
    try:
        text = plain(Decimal(str(value)))
    except ArithmeticError:
        return str(value)
    return f"{text} {unit}" if unit else text


def truthy(cell) -> bool:
    """A flag cell as the engine reads it (EVALUATION.md §4 step 10): 1, true, 是, yes or any
    non-zero number."""
    text = str(cell).strip().lower()
    if text in ("true", "是", "yes"):
        return True
    try:
        return Decimal(text) != 0
    except ArithmeticError:
        return False


def amount_up(wan) -> str:
    """An amount a figure must grow by, rounded up in the unit shown so it is still enough."""
    wan = Decimal(wan)
    if abs(wan) >= 10000:
        return amount(quantize(wan / 10000, 2, rounding=ROUND_CEILING) * 10000)
    return amount(quantize(wan, 2, rounding=ROUND_CEILING))


def labelled(column: str, value, extras: dict | None = None) -> str:
    """'用地面积：6.31 亩' — one corrected or stored cell, named and with its unit."""
    return f"{name_and_unit(column, extras)[0]}：{quantity(column, value, extras)}"


# -- a scheme and a run's summary in words ------------------------------------------------------

_COMPUTED = {"aggregate": "参评企业合计值之比", "mean": "参评企业平均值"}
_NOTES = {"no positive benchmark: every score is 0": "无大于 0 的基准值，本项均得 0 分"}


def note_words(note: str) -> str:
    """The engine's note on a benchmark in Chinese."""
    return _NOTES.get(note, note)


def benchmark_rule(indicator, extras=None) -> str:
    """How the scheme sets an indicator's benchmark: '24.097 万元/亩', '参评企业平均值 × 2'."""
    if indicator.method == "minmax":
        return "—"
    unit = unit_of(indicator, extras)
    if isinstance(indicator.benchmark, str):
        text = _COMPUTED.get(indicator.benchmark, indicator.benchmark)
        if Decimal(indicator.benchmark_multiple) != 1:
            text += f" × {plain(indicator.benchmark_multiple)}"
        return text
    return benchmark(indicator.benchmark, unit, 0, given=True)


def share_words(share) -> str:
    """A class share as the documents write it: 0.20 → '20%'."""
    return f"{plain(Decimal(share) * 100)}%"


def summary_lines(summary: list[dict], scheme, extras=None) -> list[dict]:
    """A run's stored summary per group with each benchmark as the page shows it: to the
    scheme's precision, with its unit, the engine's note in Chinese."""
    groups = {g.key: g for g in scheme.groups}
    places = scheme.score_decimals
    out = []
    for s in summary:
        group = groups.get(s["key"])
        indicators = {i.key: i for i in group.indicators} if group else {}
        lines = []
        for b in s.get("benchmarks", []):
            ind = indicators.get(b["key"])
            unit = unit_of(ind, extras) if ind else ""
            given = ind is not None and not isinstance(ind.benchmark, str)
            lines.append(
                {
                    "label": b["label"],
                    "benchmark": benchmark(b["benchmark"], unit, places, given=given),
                    "note": note_words(b.get("note", "")),
                }
            )
        out.append({**s, "benchmarks": lines})
    return out


def indicator_lines(group, extras=None) -> list[dict]:
    """A scheme group's indicators as its page lists them."""
    return [
        {
            "label": ind.label,
            "formula": formula(ind, extras),
            "unit": unit_of(ind, extras) or "—",
            "weight": plain(ind.weight),
            "minmax": ind.method == "minmax",
            "benchmark": benchmark_rule(ind, extras),
            "group_mean": ind.missing == "group_mean",
        }
        for ind in group.indicators
    ]


def inefficient_rules(scheme) -> list[str]:
    """The scheme's ``[inefficient]`` rules in words, groups by their names."""
    names = group_names(scheme)
    rules = scheme.inefficient
    words = [
        f"{names.get(k, k)}亩均税收低于 {plain(v)} 万元/亩"
        for k, v in rules.tax_per_mu_below.items()
    ]
    words += [
        f"{names.get(k, k)}用地 {plain(v)} 亩及以上" for k, v in rules.land_mu_at_least.items()
    ]
    if rules.classes:
        words.append("评为 " + "、".join(rules.classes) + " 类")
    return words
