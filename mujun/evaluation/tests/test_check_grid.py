"""``check_grid``: the data file's checks on cells already in memory (no database)."""

import pytest

from mujun.evaluation.engine.data import DataError, check_grid
from mujun.evaluation.engine.reading import Grid

from .support import shipped, table


def grid(rows):
    header = list(rows[0])
    return Grid(
        header, [[str(r.get(h, "")) for r in rows] for h in header], list(range(2, len(rows) + 2))
    )


ROWS = [
    {"uscc": "A1", "size_class": "below", "land_mu": "10", "tax_wan": "80",
     "electricity_wan_kwh": "400", "value_added_wan": "", "revenue_wan": "", "rd_wan": "",
     "energy_tce": "", "emission_t": "", "employees": ""},
    {"uscc": "A2", "size_class": "规上", "land_mu": "40", "tax_wan": "1500",
     "electricity_wan_kwh": "", "value_added_wan": "4000", "revenue_wan": "12000",
     "rd_wan": "300", "energy_tce": "1200", "emission_t": "1.0", "employees": "200"},
]  # fmt: skip


def test_same_table_as_reading_the_file():
    scheme = shipped("huangyan-2022")
    from_memory = check_grid(grid(ROWS), "mem", scheme)
    from_file = table(ROWS, scheme)
    assert from_memory.text == from_file.text
    assert from_memory.raw == from_file.raw


def test_every_bad_cell_is_reported_by_row_and_column():
    bad = [dict(ROWS[0], land_mu="-1"), dict(ROWS[1], tax_wan="abc")]
    with pytest.raises(DataError) as caught:
        check_grid(grid(bad), "mem", shipped("huangyan-2022"))
    assert caught.value.problems == [
        "mem: row 2, column land_mu: must not be negative",
        "mem: row 3, column tax_wan: 'abc' is not a number",
    ]
