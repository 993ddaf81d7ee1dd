// The platform's one piece of chart code (issue 19, item 9): every page that draws ECharts
// goes through it — init with the platform's theme, update with new data on the same
// instance, resize all charts on one listener, dispose. A page that runs for days (the lobby
// screen) refreshes its charts with update() and never makes a second instance of a chart,
// so its memory stays where it started. ECharts itself is loaded by core/_charts.html, the
// one place that names its build file.
(function () {
  "use strict";
  var FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
  var themes = {
    // the pages' colours (app.css): brand red, blue, the class badges
    light: {
      color: ["#b4232a", "#1d5fa8", "#f2b705", "#2e7d32", "#9aa5b1", "#6a4c93"],
      textStyle: { fontFamily: FONT }
    },
    // the lobby screen: light text on a dark ground, large type read from five metres
    screen: {
      color: ["#4fc3f7", "#ffb74d", "#81c784", "#e57373", "#ba68c8", "#90a4ae"],
      backgroundColor: "transparent",
      textStyle: { fontFamily: FONT, fontSize: 24, color: "#dfe9f5" },
      legend: { textStyle: { fontSize: 24, color: "#dfe9f5" }, itemWidth: 28, itemHeight: 18 },
      categoryAxis: {
        axisLabel: { fontSize: 24, color: "#dfe9f5" },
        axisLine: { lineStyle: { color: "#5b6b80" } },
        splitLine: { show: false }
      },
      valueAxis: {
        axisLabel: { fontSize: 24, color: "#dfe9f5" },
        nameTextStyle: { fontSize: 24, color: "#dfe9f5" },
        splitLine: { lineStyle: { color: "#24354d" } }
      },
      bar: { label: { fontSize: 24 } },
      line: { label: { fontSize: 24 }, lineStyle: { width: 4 }, symbolSize: 10 }
    }
  };
  var registered = false;
  var live = [];
  var pending = null;

  function ready() {
    if (!window.echarts) { return false; }
    if (!registered) {
      Object.keys(themes).forEach(function (name) { window.echarts.registerTheme("mujun-" + name, themes[name]); });
      registered = true;
    }
    return true;
  }

  function node(target) {
    return typeof target === "string" ? document.getElementById(target) : target;
  }

  // The chart of a node: the one already there, or a new one with the theme ("light" or
  // "screen"). Null without the node or without ECharts (the page then shows its tables).
  function init(target, theme) {
    var el = node(target);
    if (!el || !ready()) { return null; }
    var chart = window.echarts.getInstanceByDom(el);
    if (!chart) {
      chart = window.echarts.init(el, "mujun-" + (theme || "light"));
      live.push(chart);
    }
    return chart;
  }

  // Draws ``option`` on the node's chart, made the first time, merged into what it shows
  // after (the series' models and views are kept and fed the new data). ``replace`` lists the
  // components whose items are replaced instead, for a chart whose series come and go.
  function update(target, option, theme, replace) {
    var chart = init(target, theme);
    if (chart) {
      chart.setOption(option, replace ? { replaceMerge: replace, lazyUpdate: true } : { lazyUpdate: true });
    }
    return chart;
  }

  function dispose(target) {
    var el = node(target);
    var chart = el && window.echarts && window.echarts.getInstanceByDom(el);
    if (chart) {
      live = live.filter(function (c) { return c !== chart; });
      chart.dispose();
    }
  }

  // the JSON a page put in a <script type="application/json"> (json_script), or null
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function resizeAll() {
    pending = null;
    live.forEach(function (chart) { if (!chart.isDisposed()) { chart.resize(); } });
  }

  window.addEventListener("resize", function () {
    if (pending === null) { pending = window.setTimeout(resizeAll, 100); }
  });

  // A map's outlines (GeoJSON) under a name that a map series then refers to.
  function registerMap(name, geojson) {
    if (!ready()) { return false; }
    window.echarts.registerMap(name, geojson);
    return true;
  }

  window.mujunCharts = {
    init: init, update: update, dispose: dispose, data: data, resize: resizeAll, registerMap: registerMap,
  };
})();
