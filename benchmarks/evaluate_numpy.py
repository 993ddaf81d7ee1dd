"""The plain NumPy script ``mujun evaluate`` is measured against (``evaluate_bench.py``).

What an analyst writes for the benchmark scheme with Python and NumPy alone: the CSV read line by
line and split at commas, the numbers made by NumPy, the scores in floats (rounded by
floor(x × 10⁴ + ½)), lexsort ranks and share cut-offs, and the result written with
``np.savetxt``: uscc, name, region, group, the six values and scores, total, rank and class.
No checks of the cells, no exact rounding, no reasons, no surcharges: strictly less work than
the engine does, so the ratio is a fair ceiling.

    python benchmarks/evaluate_numpy.py DATA OUT
"""

import sys

import numpy as np

# Six indicators as in Zhejiang's guidance; the benchmarks are computed from the data.
INDICATORS = [
    # key, numerator, denominator, above weight, below weight, benchmark, missing
    ("tax_per_mu", "tax_wan", "land_mu", 30, 40, "aggregate", "zero"),
    ("value_added_per_mu", "value_added_wan", "land_mu", 20, 20, "aggregate", "zero"),
    ("value_added_per_energy", "value_added_wan", "energy_tce", 20, 10, "aggregate", "zero"),
    ("value_added_per_emission", "value_added_wan", "emission_t", 10, 10, "mean", "group_mean"),
    ("labour_productivity", "value_added_wan", "employees", 10, 10, "mean", "zero"),
    ("rd_intensity", "rd_wan", "revenue_wan", 10, 10, "aggregate", "zero"),
]
SHARES = {"A": "0.20", "B": "0.40", "C": "0.35", "D": "0.05"}
GROUPS = (("above", 3), ("below", 4))
TEXT_COLUMNS = ("uscc", "name", "region", "size_class")


def read(path: str) -> tuple[dict[str, list[str]], dict[str, np.ndarray]]:
    with open(path, encoding="utf-8") as data:
        header = data.readline().rstrip("\n").split(",")
        rows = [line.rstrip("\n").split(",") for line in data]
    columns = dict(zip(header, zip(*rows, strict=True), strict=True))
    del rows
    text = {name: list(columns.pop(name)) for name in TEXT_COLUMNS}
    numbers = {
        name: np.array([cell or "nan" for cell in cells], dtype=np.float64)
        for name, cells in columns.items()
    }
    return text, numbers


def score(text: dict[str, list[str]], numbers: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    n = len(text["uscc"])
    size = np.array(text["size_class"])
    uscc = np.argsort(np.array(text["uscc"]), kind="stable")
    place = np.empty(n, dtype=np.int64)
    place[uscc] = np.arange(n)
    out = {"group": size, "total": np.zeros(n), "rank": np.zeros(n, dtype=np.int64)}
    for spec in INDICATORS:
        out[f"value_{spec[0]}"] = np.full(n, np.nan)
        out[f"score_{spec[0]}"] = np.zeros(n)
    letters = np.array(list(SHARES))
    out["class"] = np.full(n, "", dtype=letters.dtype)
    cumulative = np.cumsum([float(s) for s in SHARES.values()])
    for group, column in GROUPS:
        members = np.flatnonzero(size == group)
        total = np.zeros(len(members), dtype=np.int64)
        for spec in INDICATORS:
            num = numbers[spec[1]][members]
            den = numbers[spec[2]][members]
            has = ~np.isnan(num) & ~np.isnan(den) & (den > 0)
            value = np.where(has, num / np.where(has, den, 1), np.nan)
            bench = num[has].sum() / den[has].sum() if spec[5] == "aggregate" else value[has].mean()
            raw = value / bench * spec[column] * 1e4
            units = np.where(has, np.sign(raw) * np.floor(np.abs(raw) + 0.5), 0)
            if spec[6] == "group_mean" and has.any():
                units[~has] = np.floor(units[has].mean() + 0.5)
            total += units.astype(np.int64)
            out[f"value_{spec[0]}"][members] = value
            out[f"score_{spec[0]}"][members] = units / 1e4
        tax = numbers["tax_wan"][members]
        revenue = numbers["revenue_wan"][members]
        order = np.lexsort(
            (place[members], np.where(np.isnan(revenue), np.inf, -revenue), -tax, -total)
        )
        limits = np.floor(len(members) * cumulative + 1e-9).astype(int)
        limits[-1] = len(members)
        rank = np.empty(len(members), dtype=np.int64)
        rank[order] = np.arange(1, len(members) + 1)
        out["total"][members] = total / 1e4
        out["rank"][members] = rank
        out["class"][members] = letters[np.searchsorted(limits, rank)]
    return out


def write(path: str, text: dict[str, list[str]], result: dict[str, np.ndarray]) -> None:
    names = ["uscc", "name", "region", "group"]
    formats = ["%s"] * 4
    columns = [text["uscc"], text["name"], text["region"], result["group"]]
    for spec in INDICATORS:
        names += [f"value_{spec[0]}", f"score_{spec[0]}"]
        formats += ["%.6f", "%.4f"]
        columns += [result[f"value_{spec[0]}"], result[f"score_{spec[0]}"]]
    names += ["total", "rank", "class"]
    formats += ["%.4f", "%d", "%s"]
    columns += [result["total"], result["rank"], result["class"]]
    table = np.empty((len(text["uscc"]), len(columns)), dtype=object)
    for j, column in enumerate(columns):
        table[:, j] = column
    np.savetxt(
        path,
        table,
        fmt=formats,
        delimiter=",",
        header=",".join(names),
        comments="",
        encoding="utf-8",
    )


def main(data: str, out: str) -> None:
    text, numbers = read(data)
    write(out, text, score(text, numbers))


if __name__ == "__main__":
    main(*sys.argv[1:3])
