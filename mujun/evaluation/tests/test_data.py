"""Reading the enterprise table: headers, cell types, and every mistake listed by row."""

import numpy as np
import pytest
from openpyxl import Workbook

from mujun.evaluation.engine.data import DataError, read_table

from .support import TAX_PER_MU, group_scheme, scheme

SCHEME = scheme(
    group_scheme(
        TAX_PER_MU,
        group_extra='where = { size_class = "above" }\nveto = { safety_accident = "发生安全生产事故" }\nveto_class = "C"',
    )
)


def read(tmp_path, text, name="data.csv", encoding="utf-8", the_scheme=SCHEME):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read_table(path, the_scheme)


def problems(tmp_path, text, **kwargs):
    with pytest.raises(DataError) as caught:
        read(tmp_path, text, **kwargs)
    return caught.value.problems


def test_chinese_headers_with_full_width_brackets_and_units_are_recognised(tmp_path):
    text = "\ufeff统一社会信用代码,规模,用地面积（亩）,评价税收(万元),发生安全生产事故\nx1 2,规上,１２.５,30,是\n"

    table = read(tmp_path, text)

    assert table.text["uscc"] == ["X12"]  # blanks removed, upper case
    assert table.text["size_class"] == ["above"]
    assert table.numbers["land_mu"].tolist() == [12.5]
    assert table.flags["safety_accident"].tolist() == [True]


def test_a_gbk_file_from_chinese_excel_is_read(tmp_path):
    text = "uscc,size_class,land_mu,tax_wan,发生安全生产事故\nA,规下,1,2,否\n"

    table = read(tmp_path, text, encoding="gbk")

    assert table.text["size_class"] == ["below"]


def test_blank_rows_are_skipped_and_row_numbers_follow_the_sheet(tmp_path):
    text = "uscc,size_class,land_mu,tax_wan,safety_accident\nA,above,1,2,0\n,,,,\nB,above,x,2,0\n\n"

    found = problems(tmp_path, text)

    assert found == [f"{tmp_path / 'data.csv'}: row 4, column land_mu: 'x' is not a number"]


def test_every_mistake_of_a_file_is_listed(tmp_path):
    text = (
        "uscc,size_class,land_mu,tax_wan,safety_accident,contact,prior_d_years\n"
        "A1,above,10,abc,0,,0\n"
        "A1,above,-1,5,maybe,,1.5\n"
        ",middle,3,nan,1,,-2\n"
        "B2,above,1_000,1e3,1,张三,2\n"
    )

    found = [p.split(": ", 1)[1] for p in problems(tmp_path, text)]

    assert found == [
        "column contact: unknown column",
        "row 3, column uscc: A1 repeats row 2",
        "row 4, column uscc: missing (统一社会信用代码 is required)",
        "row 4, column size_class: 'middle' is not above/below (规上/规下)",
        "row 3, column land_mu: must not be negative",
        "row 5, column land_mu: '1_000' is not a number",
        "row 2, column tax_wan: 'abc' is not a number",
        "row 4, column tax_wan: 'nan' is not a number",
        "row 3, column safety_accident: 'maybe' is not 1/0, true/false, 是/否 or a number",
        "row 3, column prior_d_years: must be a whole number",
        "row 4, column prior_d_years: must not be negative",
    ]


def test_columns_the_scheme_needs_must_be_there(tmp_path):
    found = problems(tmp_path, "统一社会信用代码,land_mu\nA,1\n")

    assert [p.split(": ", 1)[1] for p in found] == [
        "column safety_accident (发生安全生产事故): missing, the scheme needs it",
        "column size_class (规模): missing, the scheme needs it",
        "column tax_wan (评价税收): missing, the scheme needs it",
    ]


def test_the_same_column_twice_is_refused(tmp_path):
    found = problems(
        tmp_path, "uscc,size_class,land_mu,用地面积(亩),tax_wan,safety_accident\nA,above,1,1,1,0\n"
    )

    assert found == [
        f"{tmp_path / 'data.csv'}: column 用地面积(亩): same column as land_mu (land_mu)"
    ]


def test_a_row_with_too_many_cells_is_named(tmp_path):
    found = problems(
        tmp_path,
        'uscc,size_class,land_mu,tax_wan,safety_accident\nA,above,1,2,0\n"B",above,1,2,0,9\n',
    )

    assert found == [f"{tmp_path / 'data.csv'}: row 3 has 6 cells, the header 5"]


def test_quoted_cells_with_commas_are_read(tmp_path):
    table = read(
        tmp_path,
        'uscc,name,size_class,land_mu,tax_wan,safety_accident\nA,"甲,乙公司",above,1,2,0\n',
    )

    assert table.text["name"] == ["甲,乙公司"]


def test_without_a_scheme_only_the_standard_columns_are_checked(tmp_path):
    table = read(tmp_path, "uscc,land_mu,anything\nA,1,zzz\n", the_scheme=None)

    assert table.numbers["land_mu"].tolist() == [1.0]


def test_excel_first_sheet_with_numbers_as_floats(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["统一社会信用代码", "规模", "用地面积(亩)", "评价税收", "发生安全生产事故"])
    sheet.append(["A", "规上", 12.5, 30, True])
    sheet.append([None, None, None, None, None])
    sheet.append(["B", "规上", 0.1, 0.3, 0])
    book.save(tmp_path / "data.xlsx")

    table = read_table(tmp_path / "data.xlsx", SCHEME)

    assert table.rows.tolist() == [2, 4]
    assert table.raw["tax_wan"] == ["30", "0.3"]
    assert np.array_equal(table.flags["safety_accident"], [True, False])
