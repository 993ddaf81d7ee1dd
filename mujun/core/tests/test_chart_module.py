"""Charts go through one piece of front-end code (issue 19, item 9): one template names the
ECharts build file, and only the platform's chart module calls ECharts itself."""

from pathlib import Path

APP = Path(__file__).resolve().parents[2]
INCLUDE = APP / "core" / "templates" / "core" / "_charts.html"
MODULE = APP / "core" / "static" / "mujun" / "charts.js"


def test_one_template_names_the_echarts_build():
    naming = [p for p in APP.rglob("*.html") if "vendor/echarts" in p.read_text(encoding="utf-8")]
    assert naming == [INCLUDE]


def test_only_the_chart_module_calls_echarts():
    calling = [
        p
        for p in APP.rglob("static/**/*.js")
        if "echarts." in p.read_text(encoding="utf-8") and p != MODULE
    ]
    assert calling == []
