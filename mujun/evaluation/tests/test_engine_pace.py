"""The engine's fast paths give what the general ones give: Arrow's CSV reader and
``csv.reader``, the chunked CSV writer and the ``csv`` module, the platform's typed numbers and
the text of a data file."""

import csv
import io
from decimal import Decimal

import pytest

from mujun.evaluation.engine import csvbytes, output
from mujun.evaluation.engine.compute import evaluate
from mujun.evaluation.engine.data import DataError, DecimalCells, read_table
from mujun.evaluation.engine.loader import load_scheme
from mujun.evaluation.engine.reading import ArrowText, read_grid
from mujun.evaluation.engine.results import result_columns
from mujun.evaluation.runner import InputRow, build_table, plain, scheme_columns

from .support import csv_text, table
from .test_vectors import HUANGYAN_ABOVE, HUANGYAN_BELOW

LONG_NAME = "台州市黄岩区" + "精密模具,新材料“科技”有限公司" * 30  # about 1.3 KB, with a comma


def rows_with_a_long_name(count: int) -> list[dict]:
    rows = [
        {**HUANGYAN_ABOVE, "uscc": f"A{i:04d}", "tax_wan": 1000 + 37 * i, "name": f"企业{i}"}
        for i in range(count)
    ]
    rows[count // 2]["name"] = LONG_NAME
    rows[3]["name"] = 'say "hi"'
    rows[4]["emission_t"] = ""
    return rows


def expected_csv(ev) -> bytes:
    expected = io.StringIO()
    columns = result_columns(ev)
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(zip(*columns.values(), strict=True))
    return expected.getvalue().encode("utf-8-sig")


@pytest.mark.parametrize("chunk_bytes", [None, 4096, 1])
def test_a_long_name_is_written_as_the_csv_module_writes_it(tmp_path, chunk_bytes):
    # 4096 bytes: the chunk holding the long name is cut into rows of their own; 1 byte:
    # every row is a chunk. The default keeps all 300 rows in one chunk.
    scheme = load_scheme("huangyan-2022")
    ev = evaluate(scheme, table(rows_with_a_long_name(300), scheme))

    output.write_csv(ev, str(tmp_path / "out.csv"), chunk_bytes=chunk_bytes)

    assert (tmp_path / "out.csv").read_bytes() == expected_csv(ev)


def test_a_column_larger_than_a_chunk_is_written_whole_without_a_fallback():
    # The old writer refused a column above its block size and joined strings cell by cell;
    # now any column is written in chunks of rows, here 3 rows of 20-byte cells at most.
    names = [f"{i:019d}" for i in range(1000)] + ["甲,乙", 'x"y', ""]
    cells = [
        csvbytes.Cells("name", names),
        csvbytes.Cells("n", units=csvbytes.np.arange(-5, len(names) - 5), decimals=2),
    ]

    body = csvbytes.csv_body(cells, len(names), chunk_bytes=64)

    expected = io.StringIO()
    units = [f"{u / 100:.2f}" for u in range(-5, len(names) - 5)]
    csv.writer(expected, lineterminator="\n").writerows(zip(names, units, strict=True))
    assert body == expected.getvalue().encode("utf-8")
    assert len(body) > 64


TRICKY = [
    {**HUANGYAN_ABOVE, "uscc": " a1 ", "name": "甲", "land_mu": "４０"},  # full-width digits
    {**HUANGYAN_ABOVE, "uscc": "A2", "tax_wan": " 1500 ", "employees": "2e2"},
    {**HUANGYAN_BELOW, "uscc": "B1", "name": "", "land_mu": "10.50", "tax_wan": "-0"},
    {**HUANGYAN_BELOW, "uscc": "B2", "electricity_wan_kwh": ".5", "prior_d_years": "2"},
]


def the_two_readers(tmp_path, rows: list[dict], *, bom=False, crlf=False):
    """The table of ``rows`` read from a plain file (Arrow) and from the same cells with one
    cell quoted (``csv.reader``), or the problems each reports."""
    text = csv_text(rows)
    quoted = text.replace(",甲,", ',"甲",', 1)
    assert quoted != text
    out = []
    for name, body in (("plain.csv", text), ("quoted.csv", quoted)):
        if crlf:
            body = body.replace("\n", "\r\n")
        path = tmp_path / name
        path.write_bytes(("\ufeff" if bom else "").encode() + body.encode("utf-8"))
        try:
            out.append(read_table(path, load_scheme("huangyan-2022")))
        except DataError as exc:
            out.append([p.split(": ", 1)[1] for p in exc.problems])
    return out


@pytest.mark.parametrize("bom, crlf", [(False, False), (True, True)])
def test_arrow_reads_a_plain_file_as_the_csv_module_reads_it(tmp_path, bom, crlf):
    plain_file, quoted_file = the_two_readers(tmp_path, TRICKY, bom=bom, crlf=crlf)

    assert isinstance(read_grid(tmp_path / "plain.csv").columns[0], ArrowText)
    assert plain_file.text == quoted_file.text
    assert plain_file.raw == quoted_file.raw
    for column, values in quoted_file.numbers.items():
        assert plain_file.numbers[column].tolist() == pytest.approx(values.tolist(), nan_ok=True)
    scheme = load_scheme("huangyan-2022")
    assert result_columns(evaluate(scheme, plain_file)) == result_columns(
        evaluate(scheme, quoted_file)
    )


@pytest.mark.parametrize("cell", ["nan", "inf", "1_000", "1e999", "12元", "--1"])
def test_arrow_and_the_csv_module_report_the_same_bad_cells(tmp_path, cell):
    rows = [*TRICKY, {**HUANGYAN_BELOW, "uscc": "B3", "tax_wan": cell, "land_mu": "-1"}]
    plain_file, quoted_file = the_two_readers(tmp_path, rows)
    assert plain_file == quoted_file
    assert any("row 6" in p for p in plain_file)


def input_rows(rows: list[dict], columns: list[str]) -> list[InputRow]:
    """Rows as the platform reads them: numbers as stored (Decimal to 4 places, None when
    missing), their text as ``runner`` writes it into the result's inputs."""
    out = []
    for i, row in enumerate(rows):
        numbers = {}
        for column in ("prior_d_years", "land_mu", "tax_wan", "value_added_wan", "revenue_wan"):
            value = row.get(column)
            numbers[column] = (
                None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.0001"))
            )
        for column in ("rd_wan", "energy_tce", "emission_t", "employees", "electricity_wan_kwh"):
            value = row.get(column)
            numbers[column] = None if value in (None, "") else Decimal(str(value))
        numbers["prior_d_years"] = int(numbers["prior_d_years"] or 0)
        cells = {c: str(row.get(c, "")) for c in columns if c not in numbers}
        cells.update((c, plain(v)) for c, v in numbers.items())
        out.append(InputRow(i, f"企业{i}", cells, {}, numbers))
    return out


def test_typed_platform_rows_give_the_results_of_a_data_file(tmp_path):
    scheme = load_scheme("huangyan-2022")
    columns = scheme_columns(scheme)
    rows = [
        *rows_with_a_long_name(40),
        {**HUANGYAN_BELOW, "uscc": "B1", "land_mu": "10.25", "prior_d_years": 2},
        {**HUANGYAN_BELOW, "uscc": "B2", "tax_wan": "-3.1416", "electricity_wan_kwh": ""},
        {**HUANGYAN_ABOVE, "uscc": "A9", "emission_t": "0.0001", "rd_wan": "0"},
    ]
    typed = input_rows(rows, columns)
    path = tmp_path / "data.csv"
    lines = [",".join(columns)]
    lines += [",".join(csvbytes.quote(r.cells.get(c, "")) for c in columns) for r in typed]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    from_platform = build_table(scheme, typed, "平台")
    from_file = read_table(path, scheme)

    assert isinstance(from_platform.raw["tax_wan"], DecimalCells)
    assert from_platform.raw == from_file.raw
    assert result_columns(evaluate(scheme, from_platform)) == result_columns(
        evaluate(scheme, from_file)
    )


def test_typed_platform_rows_are_checked_as_a_data_file_is():
    scheme = load_scheme("huangyan-2022")
    rows = input_rows([HUANGYAN_ABOVE, {**HUANGYAN_BELOW, "land_mu": "-2"}], scheme_columns(scheme))
    with pytest.raises(DataError) as caught:
        build_table(scheme, rows, "平台")
    assert caught.value.problems == ["平台: 企业1, column land_mu: must not be negative"]
