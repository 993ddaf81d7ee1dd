// Draws a run's class distribution charts (stacked bars) from the JSON the server put in the
// page, through the platform's chart module (core/static/mujun/charts.js).
(function () {
  "use strict";
  var charts = window.mujunCharts;
  var data = charts && charts.data("class-data");
  if (!data) { return; }
  var colours = { "A 类": "#2e7d32", "B 类": "#1d5fa8", "C 类": "#f2b705", "D 类": "#d32f2f", "T 类": "#9aa5b1" };
  [["town", "town-chart", false], ["industry", "industry-chart", true]].forEach(function (spec) {
    var figures = data[spec[0]];
    if (!figures || !figures.categories.length) { return; }
    var horizontal = spec[2];
    var category = { type: "category", data: figures.categories, axisLabel: horizontal ? { width: 200, overflow: "truncate" } : { rotate: 35, interval: 0 } };
    var value = { type: "value", name: "企业数（家）", minInterval: 1 };
    charts.update(spec[1], {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: horizontal ? { left: 210, right: 30, top: 40, bottom: 30 } : { left: 60, right: 20, top: 40, bottom: 90 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign({ inverse: true }, category) : value,
      series: figures.series.filter(function (s) { return s.data.some(function (n) { return n > 0; }); }).map(function (s) {
        return { name: s.name, type: "bar", stack: "class", data: s.data, itemStyle: { color: colours[s.name] } };
      })
    });
  });
})();
