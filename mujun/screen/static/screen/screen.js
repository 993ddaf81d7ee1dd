// The lobby screen (issue 19, items 5–7): rotates its views, refreshes their figures from
// /api/screen/{view} without a reload, keeps the last figures when the server does not answer
// (with a discreet notice) and recovers by itself. It runs for days: each chart is made once
// and updated in place (mujunCharts.update), a list is rebuilt only when its figures change.
(function () {
  "use strict";
  var charts = window.mujunCharts;
  var config = JSON.parse(document.getElementById("screen-config").textContent);
  var W = config.words;
  var stage = document.getElementById("stage");
  var names = config.views.map(function (v) { return v[0]; });
  var state = { current: 0, data: {}, drawn: {}, map: false, lastOk: null, failing: false, timer: null };
  window.mujunScreen = state;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function hhmm(d) { return pad(d.getHours()) + ":" + pad(d.getMinutes()); }
  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function words(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] == null ? "—" : values[k]; });
  }
  function section(view) { return document.getElementById("view-" + view); }
  function bind(view, name) { return section(view).querySelector('[data-bind="' + name + '"]'); }
  function text(view, name, value) {
    var el = bind(view, name);
    if (el && el.textContent !== String(value)) { el.textContent = value; }
  }
  // rebuilds a block's markup only when its figures changed: a list that scrolls keeps
  // scrolling, and nothing is made again every minute
  function html(view, name, figures, build) {
    var el = bind(view, name);
    var key = JSON.stringify(figures);
    if (!el || el.getAttribute("data-key") === key) { return el; }
    el.setAttribute("data-key", key);
    el.innerHTML = build(figures);
    return el;
  }

  // -- fitting a display that is not 1920×1080 ---------------------------------------------
  function fit() {
    var scale = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    stage.style.transform = Math.abs(scale - 1) < 0.01 ? "" : "scale(" + scale + ")";
  }
  window.addEventListener("resize", fit);
  fit();

  function tick() { document.getElementById("clock").textContent = hhmm(new Date()); }
  tick();
  window.setInterval(tick, 1000);

  // -- the views -----------------------------------------------------------------------------
  var axisFont = { fontSize: 24 };

  function economy(f, visible) {
    html("economy", "items", f.items, function (items) {
      if (!items.length) { return '<p class="empty">' + esc(W.no_indicators) + "</p>"; }
      return items.map(function (i) {
        return '<div class="kpi"><span class="label">' + esc(i.name) + "</span><b>" + esc(i.value) + "</b>" +
          '<div class="line' + (i.behind ? " behind" : "") + '"><span class="' + i.growth.dir + '">' +
          esc(W.yoy) + " " + esc(i.growth.text) + "</span>" +
          (i.completion ? '<span class="done">' + esc(W.target) + " " + esc(i.completion) + "</span>" : "") +
          "</div></div>";
      }).join("");
    });
    var t = f.trend;
    text("economy", "trend-title", t ? words(W.trend_title, { name: t.name, unit: t.unit }) : W.trend_none);
    if (!visible || !t) { return; }
    charts.update("chart-economy-trend", {
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: [t.labels[0], t.labels[1], W.growth_line] },
      grid: { left: 150, right: 110, top: 60, bottom: 50 },
      xAxis: { type: "category", data: t.months },
      yAxis: [{ type: "value" }, { type: "value", name: "%", splitLine: { show: false } }],
      series: [
        { name: t.labels[0], type: "bar", data: t.this_year, itemStyle: { color: "#4fc3f7" } },
        { name: t.labels[1], type: "bar", data: t.last_year, itemStyle: { color: "#5b6b80" } },
        { name: W.growth_line, type: "line", yAxisIndex: 1, data: t.growth, itemStyle: { color: "#ffb74d" } }
      ]
    }, "screen");
  }

  function projects(f, visible) {
    text("projects", "count", f.count);
    text("projects", "red", f.red);
    text("projects", "yellow", f.yellow);
    text("projects", "plan", f.plan.text);
    if (config.map) { townMap(f.towns, visible); }
    html("projects", "towns", f.towns, function (towns) {
      return towns.map(function (t) {
        var cls = t.red ? " has-red" : (t.yellow ? " has-yellow" : "");
        return '<div class="tile' + cls + '"><span class="name">' + esc(t.name) + "</span>" +
          '<span class="pct">' + esc(t.plan.text) + "</span>" +
          '<span class="flags"><span class="r">' + esc(W.red) + " " + t.red + '</span> <span class="y">' +
          esc(W.yellow) + " " + t.yellow + "</span></span></div>";
      }).join("");
    });
    var list = html("projects", "lagging", f.lagging, function (rows) {
      if (!rows.length) { return '<li class="none">' + esc(W.no_lagging) + "</li>"; }
      return rows.map(function (p) {
        return '<li class="' + p.level + '"><div class="title"><span class="badge">' +
          esc(p.level === "red" ? W.red : W.yellow) + '</span><span class="pname">' + esc(p.name) +
          '</span></div><div class="meta">' + esc(p.town) + " · " + esc(W.investment) + " " + esc(p.investment) +
          "</div>" + p.reasons.map(function (r) { return '<div class="reason">' + esc(r) + "</div>"; }).join("") + "</li>";
      }).join("");
    });
    if (list && list.getAttribute("data-rolled") !== list.getAttribute("data-key")) {
      list.classList.remove("rolling");
      // measured once shown: a list taller than its box rolls upwards, its copy following it
      // without a seam
      if (visible) {
        list.setAttribute("data-rolled", list.getAttribute("data-key"));
        if (list.scrollHeight > list.parentNode.clientHeight) {
          list.innerHTML += list.innerHTML;
          list.style.setProperty("--roll", Math.max(20, f.lagging.length * 4) + "s");
          list.classList.add("rolling");
        }
      }
    }
    if (!visible) { return; }
    var stages = f.funnel.slice().reverse();
    charts.update("chart-projects-funnel", {
      grid: { left: 150, right: 80, top: 10, bottom: 10 },
      xAxis: { type: "value", show: false },
      yAxis: { type: "category", data: stages.map(function (s) { return s.name; }), axisLabel: axisFont },
      series: [{ type: "bar", data: stages.map(function (s) { return s.count; }), barWidth: "60%",
        label: { show: true, position: "right", fontSize: 24, color: "#dfe9f5" } }]
    }, "screen");
  }

  // The towns on the boundaries the county uploaded (config.map), fetched once: each town
  // coloured by its warnings and labelled with its plan completion, as the tiles are.
  var MAP = "mujun-towns";
  function townMap(towns, visible) {
    if (!visible || !state.map) { return; }
    var fill = function (t) { return t.red ? "#5c2330" : (t.yellow ? "#5a4a1c" : "#173253"); };
    charts.update("chart-projects-map", {
      series: [{
        type: "map", map: MAP, nameProperty: "code", roam: false, selectedMode: false,
        left: 10, right: 10, top: 10, bottom: 10,
        itemStyle: { areaColor: "#173253", borderColor: "#4fc3f7", borderWidth: 2 },
        emphasis: { disabled: true },
        label: {
          show: true, color: "#dfe9f5", fontSize: 24, lineHeight: 32,
          formatter: function (p) {
            var t = p.data && p.data.town;
            if (!t) { return ""; }
            return "{n|" + t.name + "}\n{p|" + t.plan.text + "} {r|" + W.red + t.red + "} {y|" +
              W.yellow + t.yellow + "}";
          },
          rich: { n: { fontSize: 24 }, p: { fontSize: 26, fontWeight: "bold", color: "#ffffff" },
            r: { color: "#ff6b6b", fontSize: 24 }, y: { color: "#ffd54f", fontSize: 24 } }
        },
        data: towns.map(function (t) {
          return { name: t.code, town: t, itemStyle: { areaColor: fill(t) } };
        })
      }]
    }, "screen");
  }

  function attraction(f, visible) {
    text("attraction", "funnel-title", words(W.funnel_title, { year: f.year }));
    text("attraction", "principals", f.monthly.principals + W.persons);
    text("attraction", "this-month", f.monthly.this_month + W.persons);
    text("attraction", "coverage", f.visits.pct == null ? "—" : f.visits.pct + "%");
    text("attraction", "coverage-sub", words(W.coverage_sub, f.visits));
    text("attraction", "open", f.problems.open + W.items);
    text("attraction", "overdue", f.problems.overdue + W.items);
    text("attraction", "closed", f.problems.closed + W.items);
    text("attraction", "raised", words(W.raised_sub, f.problems));
    if (!visible) { return; }
    charts.update("chart-attraction-funnel", {
      grid: { left: 150, right: 80, top: 10, bottom: 10 },
      xAxis: { type: "value", show: false },
      yAxis: { type: "category", inverse: true, data: f.funnel.map(function (s) { return s.name; }), axisLabel: axisFont },
      series: [{ type: "bar", data: f.funnel.map(function (s) { return s.count; }), barWidth: "60%",
        label: { show: true, position: "right", fontSize: 24, color: "#dfe9f5" } }]
    }, "screen");
    charts.update("chart-attraction-monthly", {
      grid: { left: 60, right: 20, top: 20, bottom: 40 },
      xAxis: { type: "category", data: f.monthly.months },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: f.monthly.met, itemStyle: { color: "#81c784" } }]
    }, "screen");
  }

  var CLASS_COLOURS = { A: "#4caf50", B: "#4fc3f7", C: "#ffd54f", D: "#ff6b6b", T: "#90a4ae" };

  function evaluation(f, visible) {
    html("evaluation", "classes", f.classes, function (classes) {
      if (!classes.length) { return '<p class="empty">' + esc(W.no_evaluation) + "</p>"; }
      return classes.map(function (c) {
        return '<div class="kpi"><span class="label">' + esc(c.name) + '</span><b style="color:' +
          CLASS_COLOURS[c.klass] + '">' + c.count + "</b></div>";
      }).join("");
    });
    text("evaluation", "mix-title", f.year ? words(W.mix_title, { year: f.year }) : W.no_evaluation);
    if (!visible || !f.year) { return; }
    charts.update("chart-evaluation-towns", {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: 60, bottom: 110 },
      xAxis: { type: "category", data: f.towns.map(function (t) { return t.name; }), axisLabel: { fontSize: 24, rotate: 30, interval: 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: f.classes.map(function (c, i) {
        return { name: c.name, type: "bar", stack: "class", itemStyle: { color: CLASS_COLOURS[c.klass] },
          data: f.towns.map(function (t) { return t.counts[i]; }) };
      })
    }, "screen");
    charts.update("chart-evaluation-trend", {
      grid: { left: 70, right: 30, top: 30, bottom: 50 },
      xAxis: { type: "category", data: f.a_trend.years },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "line", data: f.a_trend.counts, itemStyle: { color: "#4caf50" },
        label: { show: true, fontSize: 24, color: "#dfe9f5" } }]
    }, "screen");
  }

  var DRAW = { economy: economy, projects: projects, attraction: attraction, evaluation: evaluation };

  // Draws a view's figures; its charts only while it is shown (a hidden chart has no size),
  // and only when they changed since it was last drawn: a screen that rotates for days over
  // the same figures does not set the same option again every 20 seconds.
  function draw(view) {
    var body = state.data[view];
    if (!body || !charts) { return; }
    var visible = view === names[state.current];
    var key = JSON.stringify(body.figures);
    if (visible) {
      document.getElementById("as-of").textContent = body.as_of_text;
      if (state.drawn[view] === key) { return; }
      state.drawn[view] = key;
    }
    DRAW[view](body.figures, visible);
  }

  // -- rotation --------------------------------------------------------------------------------
  function show(index) {
    state.current = index;
    var view = names[index];
    names.forEach(function (name) { section(name).hidden = name !== view; });
    document.querySelectorAll(".dots li").forEach(function (li) {
      li.classList.toggle("on", li.getAttribute("data-view") === view);
    });
    document.getElementById("view-title").textContent = section(view).getAttribute("data-title");
    document.getElementById("as-of").textContent = state.data[view] ? state.data[view].as_of_text : "—";
    draw(view);
    section(view).querySelectorAll(".chart").forEach(function (el) {
      var chart = charts && charts.init(el, "screen");
      // a chart drawn while the display changed size (its view hidden) is fitted again
      if (chart && (chart.getWidth() !== el.clientWidth || chart.getHeight() !== el.clientHeight)) {
        chart.resize();
      }
    });
  }

  if (names.length > 1) {
    window.setInterval(function () { show((state.current + 1) % names.length); }, config.rotate * 1000);
  }

  // -- refreshing ----------------------------------------------------------------------------
  function query() {
    return config.region ? "?region=" + encodeURIComponent(config.region) : "";
  }

  function headers() {
    var sent = { Accept: "application/json" };
    if (config.key) { sent["X-Screen-Key"] = config.key; }
    return sent;
  }

  function fetchView(view) {
    return window.fetch(config.api + view + query(), { headers: headers(), credentials: "same-origin", cache: "no-store" })
      .then(function (answer) {
        if (!answer.ok) { throw new Error(String(answer.status)); }
        return answer.json();
      })
      .then(function (body) {
        state.data[view] = body;
        draw(view);
      });
  }

  function stale(on) {
    var notice = document.getElementById("stale");
    state.failing = on;
    notice.hidden = !on;
    if (on) {
      notice.textContent = state.lastOk ? words(W.stale, { time: hhmm(state.lastOk) }) : W.stale_never;
    }
  }

  function fetchMap() {
    if (!config.map || state.map) { return Promise.resolve(true); }
    return window.fetch(config.map + query(), { headers: headers(), credentials: "same-origin", cache: "no-store" })
      .then(function (answer) {
        if (!answer.ok) { throw new Error(String(answer.status)); }
        return answer.json();
      })
      .then(function (geojson) {
        charts.registerMap(MAP, geojson);
        state.map = true;
        state.drawn.projects = null;
        draw("projects");
        return true;
      }, function () { return false; });
  }

  function refresh() {
    fetchMap();
    Promise.all(names.map(function (view) {
      return fetchView(view).then(function () { return true; }, function () { return false; });
    })).then(function (results) {
      var ok = results.every(Boolean);
      if (ok) { state.lastOk = new Date(); }
      stale(!ok);
      // a screen that lost the server asks again sooner than its minute
      var wait = ok ? config.refresh : Math.min(config.refresh, config.retry);
      state.timer = window.setTimeout(refresh, wait * 1000);
    });
  }

  refresh();
})();
