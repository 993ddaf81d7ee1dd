// Draws the comparison chart from the JSON the server put in the page: the own region in the
// brand colour, peers in blue, reported growth on the right axis.
(function () {
  "use strict";
  var node = document.getElementById("compare-data");
  var chartNode = document.getElementById("compare-chart");
  if (!node || !chartNode || !window.echarts) { return; }
  var data = JSON.parse(node.textContent);
  var chart = echarts.init(chartNode);
  chart.setOption({
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
  window.addEventListener("resize", function () { chart.resize(); });
})();
