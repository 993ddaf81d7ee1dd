"""Scheme file → ``Scheme``: reads a scheme's TOML with every number as ``Decimal`` (24.097
stays 24.097) and builds its top-level tables (columns, class labels, surcharges, inefficient
land), handing each ``[[groups]]`` table to ``loader_groups`` and its mistakes to ``checker``;
the enterprise data file is ``reading``'s and ``data``'s.

Every mistake is reported at once, each named by its key (``groups.above.indicators.
tax_per_mu.weight``), before anything is computed.
"""

import tomllib
from decimal import Decimal
from pathlib import Path

from .checker import IDENTIFIER, Checker
from .columns import STANDARD
from .loader_groups import build_group
from .scheme import CLASSES, UNGRADED, Inefficient, Scheme, SchemeError, column_usage

SHIPPED = Path(__file__).resolve().parent.parent / "schemes"


def shipped_schemes() -> dict[str, Path]:
    """Name (file stem) -> path of every scheme that ships with mujun."""
    return {p.stem: p for p in sorted(SHIPPED.glob("*.toml"))}


def resolve(name_or_path: str) -> Path:
    """A path as given, or the shipped scheme of that name."""
    path = Path(name_or_path)
    if path.exists() or path.suffix == ".toml":
        return path
    return shipped_schemes().get(name_or_path, path)


def load_scheme(name_or_path: str | Path) -> Scheme:
    """Read and validate a scheme file (or shipped name); raises ``SchemeError``."""
    path = resolve(str(name_or_path))
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        known = ", ".join(shipped_schemes())
        raise SchemeError(
            [f"{path}: cannot read the scheme ({exc.strerror}); shipped schemes: {known}"]
        ) from None
    except UnicodeDecodeError:
        raise SchemeError([f"{path}: not UTF-8 text"]) from None
    return parse_scheme(text, str(path))


def parse_scheme(text: str, origin: str = "<scheme>") -> Scheme:
    try:
        raw = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError([f"{origin}: not valid TOML: {exc}"]) from None
    except RecursionError:
        # tomllib reads nested arrays and tables recursively; no scheme nests more than a few
        raise SchemeError([f"{origin}: not valid TOML: nested too deeply"]) from None
    check = Checker(origin)
    scheme = _build(raw, check)
    if not check.problems:
        _, _, conflicts = column_usage(scheme)
        for message in conflicts:
            check.problem("columns", message)
    if check.problems:
        raise SchemeError(check.problems)
    return scheme


def _build(raw: dict, check: Checker) -> Scheme:
    top = check.table(
        raw,
        "",
        required=("name", "source", "groups"),
        allowed=(
            "name year source score_decimals class_labels groups surcharges inefficient columns"
        ),
    )
    columns = {}
    for column, header in check.table(top.get("columns", {}), "columns").items():
        if not IDENTIFIER.match(column) or column in STANDARD:
            check.problem(f"columns.{column}", "must be a new lower-case identifier")
        elif check.string(header, f"columns.{column}"):
            columns[column] = header
    known = set(STANDARD) | set(columns)

    labels = {c: c for c in (*CLASSES, UNGRADED)}
    for letter, label in check.table(top.get("class_labels", {}), "class_labels").items():
        if letter not in labels:
            check.problem(f"class_labels.{letter}", "classes are A, B, C, D and T")
        elif check.string(label, f"class_labels.{letter}"):
            labels[letter] = label

    groups_raw = top.get("groups", [])
    if not isinstance(groups_raw, list) or not groups_raw:
        check.problem("groups", "at least one [[groups]] table is needed")
        groups_raw = []
    groups = tuple(
        g
        for i, item in enumerate(groups_raw)
        if (g := build_group(item, i, check, known)) is not None
    )
    keys = [g.key for g in groups]
    for key in {k for k in keys if keys.count(k) > 1}:
        check.problem(f"groups.{key}", "two groups have this key")

    surcharges = {}
    surcharge_tables = check.table(top.get("surcharges", {}), "surcharges", allowed="electricity")
    for letter, rates in check.table(
        surcharge_tables.get("electricity", {}), "surcharges.electricity"
    ).items():
        where = f"surcharges.electricity.{letter}"
        if letter not in CLASSES:
            check.problem(where, "classes with surcharges are A, B, C and D")
        elif not isinstance(rates, list) or not rates:
            check.problem(where, "must be a list of rates (元/千瓦时), first year first")
        else:
            parsed = [check.number(r, f"{where}[{j}]", minimum=0) for j, r in enumerate(rates)]
            if None not in parsed:
                surcharges[letter] = tuple(parsed)

    inefficient = _inefficient(top.get("inefficient", {}), check, set(keys))
    score_decimals = top.get("score_decimals", 4)
    if type(score_decimals) is not int or not 0 <= score_decimals <= 8:
        check.problem("score_decimals", "must be a whole number from 0 to 8")
        score_decimals = 4
    year = top.get("year")
    if year is not None and type(year) is not int:
        check.problem("year", "must be a whole number")
        year = None
    return Scheme(
        name=check.string(top.get("name"), "name") or "",
        year=year,
        source=check.string(top.get("source"), "source") or "",
        score_decimals=score_decimals,
        class_labels=labels,
        groups=groups,
        electricity_surcharges=surcharges,
        inefficient=inefficient,
        columns=columns,
        origin=check.origin,
    )


def _inefficient(raw, check: Checker, group_keys: set[str]) -> Inefficient:
    table = check.table(raw, "inefficient", allowed="tax_per_mu_below land_mu_at_least classes")
    limits = {}
    for name in ("tax_per_mu_below", "land_mu_at_least"):
        limits[name] = {}
        for key, value in check.table(table.get(name, {}), f"inefficient.{name}").items():
            if key not in group_keys:
                check.problem(f"inefficient.{name}.{key}", "no group has this key")
            number = check.number(value, f"inefficient.{name}.{key}", minimum=0)
            if number is not None:
                limits[name][key] = number
    classes = table.get("classes", [])
    if not isinstance(classes, list) or any(c not in CLASSES for c in classes):
        check.problem("inefficient.classes", "must be a list of classes among A, B, C, D")
        classes = []
    return Inefficient(limits["tax_per_mu_below"], limits["land_mu_at_least"], tuple(classes))
