// Draws the indicator page's two charts from the JSON the server put in the page, through the
// platform's chart module (core/static/mujun/charts.js).
(function () {
  "use strict";
  var charts = window.mujunCharts;
  if (!charts) { return; }
  var unit = charts.data("unit-data") || "";
  var trend = charts.data("trend-data");
  if (trend) {
    charts.update("trend-chart", {
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: [trend.labels[0], trend.labels[1], "累计同比（%）"] },
      grid: { left: 70, right: 60, top: 60, bottom: 30 },
      xAxis: { type: "category", data: trend.months },
      yAxis: [
        { type: "value", name: "当月值（" + unit + "）" },
        { type: "value", name: "%", splitLine: { show: false } }
      ],
      series: [
        { name: trend.labels[0], type: "bar", data: trend.this_year, itemStyle: { color: "#b4232a" } },
        { name: trend.labels[1], type: "bar", data: trend.last_year, itemStyle: { color: "#9aa5b1" } },
        { name: "累计同比（%）", type: "line", yAxisIndex: 1, data: trend.growth, connectNulls: false }
      ]
    });
  }
  var cmp = charts.data("compare-data");
  if (cmp) {
    charts.update("compare-chart", {
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["累计值", "同比（%）"] },
      grid: { left: 70, right: 60, top: 60, bottom: 90 },
      xAxis: { type: "category", data: cmp.regions, axisLabel: { rotate: 35, interval: 0 } },
      yAxis: [
        { type: "value", name: "累计值（" + unit + "）" },
        { type: "value", name: "%", splitLine: { show: false } }
      ],
      series: [
        { name: "累计值", type: "bar", data: cmp.values, itemStyle: { color: "#1d5fa8" } },
        { name: "同比（%）", type: "line", yAxisIndex: 1, data: cmp.growth }
      ]
    });
  }
})();
