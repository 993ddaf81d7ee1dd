// Draws the indicator page's two charts from the JSON the server put in the page.
(function () {
  "use strict";
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var unit = data("unit-data") || "";
  var trend = data("trend-data");
  var trendNode = document.getElementById("trend-chart");
  if (trend && trendNode && window.echarts) {
    echarts.init(trendNode).setOption({
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
  var cmp = data("compare-data");
  var cmpNode = document.getElementById("compare-chart");
  if (cmp && cmpNode && window.echarts) {
    echarts.init(cmpNode).setOption({
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
  window.addEventListener("resize", function () {
    [trendNode, cmpNode].forEach(function (node) {
      var chart = node && window.echarts && echarts.getInstanceByDom(node);
      if (chart) { chart.resize(); }
    });
  });
})();
