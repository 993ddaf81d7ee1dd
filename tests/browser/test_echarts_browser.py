"""The ECharts the platform serves (assets/echarts.js, built by scripts/install) draws every
chart type and component the pages and the lobby screen use (issue 16, item 5)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# one option per chart type, each with the components the screen names
OPTIONS = {
    "line": {"xAxis": {"type": "category", "data": ["1月", "2月"]}, "yAxis": {}, "dataZoom": [{}]},
    "bar": {"xAxis": {"type": "category", "data": ["1月", "2月"]}, "yAxis": {}},
    "scatter": {"xAxis": {}, "yAxis": {}},
    "pie": {},
    "funnel": {},
    "gauge": {},
    "heatmap": {
        "xAxis": {"type": "category", "data": ["a", "b"]},
        "yAxis": {"type": "category", "data": ["c", "d"]},
        "visualMap": {"min": 0, "max": 10},
    },
}
SERIES_DATA = {
    "line": [1, 2],
    "bar": [1, 2],
    "scatter": [[1, 2], [2, 3]],
    "pie": [{"name": "甲", "value": 1}, {"name": "乙", "value": 2}],
    "funnel": [{"name": "甲", "value": 1}],
    "gauge": [{"value": 50}],
    "heatmap": [[0, 0, 5], [1, 1, 8]],
}
DRAW = """([type, extra, data]) => {
  const node = document.createElement("div");
  node.style.width = "300px"; node.style.height = "200px";
  document.body.appendChild(node);
  const chart = echarts.init(node);
  chart.setOption(Object.assign({
    title: {text: "标题"}, tooltip: {}, legend: {}, dataset: {source: []},
    graphic: [{type: "text", style: {text: "注"}}],
    series: [Object.assign({type, data}, extra.xAxis ? {
      markLine: {data: [{type: "average"}]}, markPoint: {data: [{type: "max"}]}} : {})],
  }, extra));
  const option = chart.getOption();
  const drawn = chart.getModel().getSeriesCount();
  const components = ["title", "tooltip", "legend", "dataset", "graphic"].filter((k) => option[k]);
  return [drawn, components.length];
}"""


def test_the_served_build_draws_every_chart_the_screen_uses(live_server, page):
    from django.templatetags.static import static

    page.goto(f"{live_server.url}/accounts/login/")
    page.add_script_tag(url=live_server.url + static("vendor/echarts/echarts.min.js"))
    for kind, extra in OPTIONS.items():
        drawn, components = page.evaluate(DRAW, [kind, extra, SERIES_DATA[kind]])
        assert (drawn, components) == (1, 5), kind
    # a map needs its regions registered (the screen brings the county's GeoJSON)
    drawn = page.evaluate(
        """() => {
      echarts.registerMap("县", {type: "FeatureCollection", features: [{type: "Feature",
        properties: {name: "城关街道"}, geometry: {type: "Polygon",
        coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]});
      const node = document.createElement("div");
      node.style.width = "300px"; node.style.height = "200px";
      document.body.appendChild(node);
      const chart = echarts.init(node);
      chart.setOption({geo: {map: "县"}, visualMap: {min: 0, max: 1},
        series: [{type: "map", map: "县", data: [{name: "城关街道", value: 1}]}]});
      return chart.getModel().getSeriesCount();
    }"""
    )
    assert drawn == 1


def test_the_build_is_the_one_made_from_the_platforms_list():
    """Without scripts/install the full build answers at the same path (settings): this says
    so rather than letting pages load 1.1 MB unnoticed."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    found = finders.find("vendor/echarts/echarts.min.js")
    assert found and found.startswith(str(settings.ECHARTS_BUILD)), "run scripts/install"
