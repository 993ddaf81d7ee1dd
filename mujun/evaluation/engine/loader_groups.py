"""The ``[[groups]]`` part of ``loader``: builds one group of a scheme (eligibility,
indicators, classes, overrides, bonus) from its raw TOML table, called only by ``loader``.

It opens no file and parses no TOML: it is the group half of ``loader`` in a file of its own,
and notes its mistakes on the ``checker.Checker`` that ``loader`` passes in.
"""

from decimal import Decimal

from .checker import Checker
from .columns import SIZE_CLASS_VALUES
from .scheme import CLASSES, Bonus, Classes, Condition, Group, Indicator

_GROUP_KEYS = (
    "key label where min_land_mu correction exempt veto veto_class protect protect_class"
    " bonus tie_break indicators classes"
)
_INDICATOR_KEYS = (
    "key label numerator denominator factor weight method benchmark benchmark_multiple"
    " cap floor missing"
)
_COMPUTED = ("aggregate", "mean")


def build_group(raw, index: int, check: Checker, known: set[str]) -> Group | None:
    key = raw.get("key") if isinstance(raw, dict) else None
    where = f"groups.{key}" if isinstance(key, str) and key else f"groups[{index}]"
    table = check.table(raw, where, allowed=_GROUP_KEYS, required=("key", "indicators", "classes"))
    if not table:
        return None
    key = check.identifier(table.get("key"), f"{where}.key")

    conditions = tuple(
        c
        for column, value in check.table(table.get("where", {}), f"{where}.where").items()
        if (c := _condition(column, value, f"{where}.where.{column}", check, known))
    )
    flags = {}
    for name in ("exempt", "veto", "protect"):
        flags[name] = {}
        for column, label in check.table(table.get(name, {}), f"{where}.{name}").items():
            path = f"{where}.{name}.{column}"
            if check.identifier(column, path) and check.string(label, path):
                flags[name][column] = label
    chosen = {}
    for name in ("veto", "protect"):
        value = table.get(f"{name}_class")
        if value is None:
            chosen[name] = None
            if flags[name]:
                check.problem(f"{where}.{name}_class", f"missing: which class does {name} give?")
        else:
            chosen[name] = check.choice(value, f"{where}.{name}_class", CLASSES)

    indicators_raw = table.get("indicators", [])
    if not isinstance(indicators_raw, list) or not indicators_raw:
        check.problem(f"{where}.indicators", "at least one [[groups.indicators]] is needed")
        indicators_raw = []
    indicators = tuple(
        ind
        for j, item in enumerate(indicators_raw)
        if (ind := _indicator(item, j, where, check, known)) is not None
    )
    keys = [i.key for i in indicators]
    for dup in {k for k in keys if keys.count(k) > 1}:
        check.problem(f"{where}.indicators.{dup}", "two indicators of the group have this key")

    tie_break = table.get("tie_break", [])
    if not isinstance(tie_break, list):
        check.problem(f"{where}.tie_break", "must be a list of columns")
        tie_break = []
    tie_break = tuple(
        c
        for j, c in enumerate(tie_break)
        if check.column(c, f"{where}.tie_break[{j}]", known) is not None
    )
    if "min_land_mu" in table:
        min_land = check.number(table["min_land_mu"], f"{where}.min_land_mu", minimum=0)
    else:
        min_land = Decimal(0)
    correction = table.get("correction", 1)
    correction = check.number(correction, f"{where}.correction", positive=True)
    group = Group(
        key=key or "",
        label=check.string(table.get("label", key or "?"), f"{where}.label") or "",
        where=conditions,
        min_land_mu=min_land if min_land is not None else Decimal(0),
        correction=correction or Decimal(1),
        exempt=flags["exempt"],
        veto=flags["veto"],
        veto_class=chosen["veto"],
        protect=flags["protect"],
        protect_class=chosen["protect"],
        bonus=_bonus(table.get("bonus", []), f"{where}.bonus", check),
        tie_break=tie_break,
        indicators=indicators,
        classes=_classes(table.get("classes"), f"{where}.classes", check),
    )
    return group if key else None


def _condition(column, value, path, check: Checker, known: set[str]) -> Condition | None:
    if check.column(column, path, known) is None:
        return None
    if column == "size_class":
        # The scheme may say "规上" as the data may; both mean the identifier "above".
        if value not in SIZE_CLASS_VALUES:
            check.problem(path, "size_class is above or below (规上 / 规下)")
            return None
        return Condition(column, "equals", SIZE_CLASS_VALUES[value])
    if isinstance(value, bool):
        return Condition(column, "flag", value)
    if isinstance(value, str):
        return Condition(column, "equals", value.strip())
    if isinstance(value, int | Decimal):
        return Condition(column, "number", Decimal(value))
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return Condition(column, "one_of", tuple(v.strip() for v in value))
    if isinstance(value, dict):
        # Linhai splits its groups at 3 亩; the contract's equality tests cannot say that.
        table = check.table(value, path, allowed="at_least below")
        low = check.number(table["at_least"], f"{path}.at_least") if "at_least" in table else None
        high = check.number(table["below"], f"{path}.below") if "below" in table else None
        if low is None and high is None:
            check.problem(path, "give at_least, below or both")
            return None
        return Condition(column, "range", (low, high))
    check.problem(path, "must be text, a list of texts, true/false, a number or a range")
    return None


def _indicator(raw, index: int, group: str, check: Checker, known) -> Indicator | None:
    key = raw.get("key") if isinstance(raw, dict) else None
    where = f"{group}.indicators." + (key if isinstance(key, str) else f"[{index}]")
    table = check.table(
        raw,
        where,
        allowed=_INDICATOR_KEYS,
        required=("key", "numerator", "denominator", "weight"),
    )
    if not table:
        return None
    method = check.choice(table.get("method", "ratio"), f"{where}.method", ("ratio", "minmax"))
    benchmark = table.get("benchmark")
    if method == "ratio":
        if benchmark is None:
            check.problem(f"{where}.benchmark", "missing: a number, 'aggregate' or 'mean'")
        elif isinstance(benchmark, str):
            benchmark = check.choice(benchmark, f"{where}.benchmark", _COMPUTED)
        else:
            benchmark = check.number(benchmark, f"{where}.benchmark", positive=True)
    elif method == "minmax" and benchmark is not None:
        check.problem(f"{where}.benchmark", "minmax scores use no benchmark")
    multiple = check.number(
        table.get("benchmark_multiple", 1), f"{where}.benchmark_multiple", positive=True
    )
    if multiple is not None and multiple != 1 and benchmark not in _COMPUTED:
        check.problem(f"{where}.benchmark_multiple", "applies to a computed benchmark only")
    cap = check.number(table["cap"], f"{where}.cap", minimum=0) if "cap" in table else None
    floor = check.number(table["floor"], f"{where}.floor") if "floor" in table else None
    if cap is not None and floor is not None and floor > cap:
        check.problem(f"{where}.floor", "is above the cap")
    result = Indicator(
        key=check.identifier(key, f"{where}.key") or "",
        label=check.string(table.get("label", key or "?"), f"{where}.label") or "",
        numerator=check.column(table.get("numerator"), f"{where}.numerator", known) or "",
        denominator=check.column(table.get("denominator"), f"{where}.denominator", known) or "",
        factor=check.number(table.get("factor", 1), f"{where}.factor", positive=True) or Decimal(1),
        weight=check.number(table.get("weight"), f"{where}.weight", minimum=0) or Decimal(0),
        method=method or "ratio",
        benchmark=benchmark if method == "ratio" else None,
        benchmark_multiple=multiple or Decimal(1),
        cap=cap,
        floor=floor,
        missing=check.choice(
            table.get("missing", "zero"), f"{where}.missing", ("zero", "group_mean")
        )
        or "zero",
    )
    return result if result.key else None


def _bonus(raw, where: str, check: Checker) -> tuple[Bonus, ...]:
    if not isinstance(raw, list):
        check.problem(where, "must be a list of {when|per, points, label}")
        return ()
    rules = []
    for j, item in enumerate(raw):
        path = f"{where}[{j}]"
        table = check.table(item, path, allowed="when per points label", required=("points",))
        if not table:
            continue
        if ("when" in table) == ("per" in table):
            check.problem(path, "give exactly one of when (a flag) or per (a count)")
            continue
        column = check.identifier(table.get("when", table.get("per")), path)
        points = check.number(table.get("points"), f"{path}.points")
        label = check.string(table.get("label", column), f"{path}.label")
        if column and points is not None and label:
            is_flag = "when" in table
            rules.append(
                Bonus(
                    label, points, when=column if is_flag else None, per=None if is_flag else column
                )
            )
    return tuple(rules)


def _classes(raw, where: str, check: Checker) -> Classes:
    if raw is None:
        return Classes("shares")  # reported as missing with the group
    table = check.table(raw, where, allowed="method shares thresholds", required=("method",))
    method = check.choice(table.get("method"), f"{where}.method", ("shares", "thresholds"))
    if method == "shares":
        given = check.table(table.get("shares"), f"{where}.shares")
        shares = []
        for letter, share in given.items():
            if letter not in CLASSES:
                check.problem(f"{where}.shares.{letter}", "classes are A, B, C and D")
                continue
            value = check.number(share, f"{where}.shares.{letter}", minimum=0)
            if value is not None:
                shares.append((letter, value))
        shares.sort(key=lambda pair: CLASSES.index(pair[0]))
        if not given:
            check.problem(f"{where}.shares", "give the share of at least one class")
        total = sum((s for _, s in shares), Decimal(0))
        if given and len(shares) == len(given) and total != 1:
            check.problem(f"{where}.shares", f"shares add to {total}, not 1")
        return Classes("shares", shares=tuple(shares))
    if method == "thresholds":
        given = check.table(table.get("thresholds"), f"{where}.thresholds")
        thresholds = []
        for letter, value in given.items():
            if letter not in CLASSES[:-1]:
                check.problem(f"{where}.thresholds.{letter}", "thresholds are for A, B and C")
                continue
            number = check.number(value, f"{where}.thresholds.{letter}")
            if number is not None:
                thresholds.append((letter, number))
        thresholds.sort(key=lambda pair: CLASSES.index(pair[0]))
        if not given:
            check.problem(f"{where}.thresholds", "give the lowest total of at least one class")
        lows = [t for _, t in thresholds]
        if lows != sorted(lows, reverse=True):
            check.problem(f"{where}.thresholds", "a better class needs a higher threshold")
        return Classes("thresholds", thresholds=tuple(thresholds))
    return Classes("shares")
