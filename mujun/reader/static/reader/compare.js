// Draws the comparison chart from the JSON the server put in the page, through the platform's
// chart module (core/static/mujun/charts.js): the own region in the brand colour, peers in
// blue, reported growth on the right axis.
(function () {
  "use strict";
  var charts = window.mujunCharts;
  var data = charts && charts.data("compare-data");
  if (!data) { return; }
  charts.update("compare-chart", {
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: [data.labels.value, data.labels.growth] },
    grid: { left: 80, right: 60, top: 50, bottom: 70 },
    xAxis: { type: "category", data: data.regions, axisLabel: { interval: 0, rotate: data.regions.length > 5 ? 25 : 0 } },
    yAxis: [
      { type: "value", name: data.labels.value + "（" + data.unit + "）" },
      { type: "value", name: "%", splitLine: { show: false } }
    ],
    series: [
      {
        name: data.labels.value,
        type: "bar",
        data: data.values.map(function (v, i) {
          return { value: v, itemStyle: { color: data.own[i] ? "#b4232a" : "#1d5fa8" } };
        }),
        label: { show: true, position: "top" }
      },
      { name: data.labels.growth, type: "line", yAxisIndex: 1, data: data.growth, connectNulls: false }
    ]
  });
})();
