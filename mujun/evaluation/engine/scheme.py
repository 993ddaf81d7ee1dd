"""A scheme (评价方案, EVALUATION.md §3) as data classes, read by ``loader``.

A scheme is data, not code: each county writes its own, so nothing here names a county.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .columns import FLAG, NUMBER, STANDARD, TEXT

CLASSES = ("A", "B", "C", "D")  # best to worst (§4 step 7)
UNGRADED = "T"


class SchemeError(ValueError):
    """A scheme that cannot be used; ``problems`` lists every mistake found."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Condition:
    """One test of a group's ``where``: ``op`` is equals, one_of, flag, number or range."""

    column: str
    op: str
    value: object


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    numerator: str
    denominator: str
    factor: Decimal
    weight: Decimal
    method: str  # "ratio" or "minmax"
    benchmark: Decimal | str | None  # a number, "aggregate", "mean"; None under minmax
    benchmark_multiple: Decimal
    cap: Decimal | None
    floor: Decimal | None
    missing: str  # "zero" or "group_mean"


@dataclass(frozen=True)
class Bonus:
    label: str
    points: Decimal
    when: str | None = None  # a flag column: points when true
    per: str | None = None  # a number column: points × its value


@dataclass(frozen=True)
class Classes:
    method: str  # "shares" or "thresholds"
    shares: tuple[tuple[str, Decimal], ...] = ()
    thresholds: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    where: tuple[Condition, ...]
    min_land_mu: Decimal
    correction: Decimal
    exempt: dict[str, str]
    veto: dict[str, str]
    veto_class: str | None
    protect: dict[str, str]
    protect_class: str | None
    bonus: tuple[Bonus, ...]
    tie_break: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    classes: Classes


@dataclass(frozen=True)
class Inefficient:
    tax_per_mu_below: dict[str, Decimal] = field(default_factory=dict)
    land_mu_at_least: dict[str, Decimal] = field(default_factory=dict)
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scheme:
    name: str
    year: int | None
    source: str
    score_decimals: int
    class_labels: dict[str, str]
    groups: tuple[Group, ...]
    electricity_surcharges: dict[str, tuple[Decimal, ...]]
    inefficient: Inefficient
    columns: dict[str, str]  # extra columns: identifier -> Chinese header
    origin: str = ""

    def indicator_keys(self) -> list[str]:
        """Every indicator key over all groups, first appearance first (§5 column order)."""
        return list(dict.fromkeys(i.key for g in self.groups for i in g.indicators))

    def column_kinds(self) -> dict[str, str]:
        """Every input column the scheme reads, with the kind it must parse as."""
        return column_usage(self)[0]

    def header_aliases(self) -> dict[str, str]:
        """Chinese headers the scheme gives its own columns (flag labels, ``[columns]``)."""
        return column_usage(self)[1]


def column_usage(scheme: Scheme) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(column -> kind, header -> column, conflicts) over the whole scheme."""
    uses: dict[str, set[str]] = {}
    aliases: dict[str, str] = dict((v, k) for k, v in scheme.columns.items())
    conflicts = []

    def use(column, kind, label=None):
        uses.setdefault(column, set()).add(kind)
        if label:
            if aliases.get(label, column) != column:
                conflicts.append(f"label {label!r} names both {aliases[label]} and {column}")
            aliases.setdefault(label, column)

    for g in scheme.groups:
        for c in g.where:
            kind = {"equals": TEXT, "one_of": TEXT, "flag": FLAG}.get(c.op, NUMBER)
            use(c.column, kind)
        use("land_mu", NUMBER)
        for ind in g.indicators:
            use(ind.numerator, NUMBER)
            use(ind.denominator, NUMBER)
        for table in (g.exempt, g.veto, g.protect):
            for column, label in table.items():
                use(column, FLAG, label)
        for b in g.bonus:
            use(b.when or b.per, FLAG if b.when else NUMBER, b.label)
        for column in g.tie_break:
            use(column, NUMBER)
    if scheme.electricity_surcharges:
        use("electricity_wan_kwh", NUMBER)
    if scheme.inefficient.tax_per_mu_below or scheme.inefficient.land_mu_at_least:
        use("tax_wan", NUMBER)
        use("land_mu", NUMBER)

    kinds = {}
    for column, found in uses.items():
        if column in STANDARD:
            fixed = STANDARD[column][1]
            # A standard number column may also be read as a flag (non-zero is true).
            allowed = {fixed, FLAG} if fixed != TEXT else {TEXT}
            if not found <= allowed:
                conflicts.append(f"column {column} is a {fixed} column, used as {sorted(found)}")
            kinds[column] = fixed
        elif TEXT in found and len(found) > 1:
            conflicts.append(f"column {column} is used both as text and as {sorted(found)}")
            kinds[column] = TEXT
        else:
            kinds[column] = NUMBER if NUMBER in found else next(iter(found))
    return kinds, aliases, conflicts
