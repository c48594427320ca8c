// Console behaviour without inline script (the CSP forbids it): ECharts charts fed from JSON data
// blocks (confirmation prompts are in confirm.js). Auto-submitting selects and error focus are in a11y.js.
(function () {
  "use strict";

  // 打印 on every list (web/partials/list_tools.html): a button, since the CSP forbids onclick.
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) window.print();
  });

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  var palette = ["#b91c1c", "#f59e0b", "#2563eb", "#059669", "#7c3aed", "#db2777", "#0891b2", "#65a30d"];

  // A chart is a picture to a screen reader: it gets a one-line summary (role="img" with aria-label) and,
  // below it, a table of the same numbers that anyone can open (WCAG 1.1.1), built from the one data block.
  function rowsOf(data) {
    var series = data.series || [{ name: "", unit: "", values: data.values }];
    return { series: series, rows: data.labels.map(function (label, i) {
      return [label].concat(series.map(function (s) { return s.values[i]; }));
    }) };
  }

  function show(value) { return value === null || value === undefined ? "—" : String(value); }

  function describeChart(el, data) {
    var zh = /^zh/i.test(document.documentElement.lang || "");
    var comma = zh ? "，" : ", ", colon = zh ? "：" : ": ";
    var card = el.closest(".card");
    var header = card ? card.querySelector(".card-header") : null;
    var title = header ? header.childNodes[0].textContent.trim() : "";
    var table = rowsOf(data);
    var parts = table.rows.map(function (row) {
      return row[0] + " " + row.slice(1).map(show).join(" / ");
    });
    var names = table.series.map(function (s) { return s.name + (s.unit ? " (" + s.unit + ")" : ""); }).filter(Boolean);
    el.setAttribute("role", "img");
    el.setAttribute("aria-label", title + (names.length ? comma + names.join(" / ") : "") + colon + parts.join(comma));

    var details = document.createElement("details");
    details.className = "gh-chart-data";
    var summary = document.createElement("summary");
    summary.textContent = el.dataset.tableLabel || "";
    details.appendChild(summary);
    var wrap = document.createElement("div");
    wrap.className = "table-responsive";
    var t = document.createElement("table");
    t.className = "table table-sm mb-0";
    var caption = document.createElement("caption");
    caption.className = "visually-hidden";
    caption.textContent = title;
    t.appendChild(caption);
    var head = t.createTHead().insertRow();
    [title].concat(table.series.map(function (s) { return s.name ? s.name + (s.unit ? " (" + s.unit + ")" : "") : title; }))
      .forEach(function (text, i) {
        var th = document.createElement("th");
        th.scope = "col";
        th.textContent = i === 0 ? "" : text;
        if (i > 0) th.className = "text-end";
        head.appendChild(th);
      });
    var body = t.createTBody();
    table.rows.forEach(function (row) {
      var tr = body.insertRow();
      row.forEach(function (cell, i) {
        var c = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) c.scope = "row"; else c.className = "text-end";
        c.textContent = show(cell);
        tr.appendChild(c);
      });
    });
    wrap.appendChild(t);
    details.appendChild(wrap);
    el.insertAdjacentElement("afterend", details);
  }

  // A label longer than the room it gets is shortened to its first characters plus "…" only on the
  // axis; the legend, the tooltip and the table below always carry the full name.
  function shorten(text, max) {
    text = String(text);
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  function pieOption(el, data) {
    var narrow = el.clientWidth < 420;
    var items = data.labels.map(function (l, i) { return { name: l, value: data.values[i] }; })
      .filter(function (d) { return d.value; });  // a 0 slice is a label without a slice
    // The legend sits below, every name in full, wrapping onto as many lines as it needs (no pages);
    // the chart grows by those lines so the donut keeps its size.
    var perLine = Math.max(1, Math.floor((el.clientWidth - 16) / 120));
    var lines = Math.ceil(items.length / perLine);
    el.style.height = (narrow ? 240 : 260) + lines * 24 + "px";
    return {
      color: palette,
      tooltip: { trigger: "item", formatter: "{b}<br>{c}（{d}%）", confine: true },
      legend: { type: "plain", bottom: 0, left: "center", itemWidth: 14, itemGap: 10, width: el.clientWidth - 16,
                formatter: function (name) {
                  var item = items.filter(function (d) { return d.name === name; })[0];
                  return name + " " + (item ? item.value : "");
                } },
      series: [{ type: "pie", radius: ["38%", "66%"], center: ["50%", 130], avoidLabelOverlap: true,
                 // Values inside the ring; the names are in the legend, whole.
                 label: { show: true, position: "inside", formatter: function (p) {
                   return p.percent >= 8 ? String(p.value) : ""; }, color: "#fff", fontWeight: 600 },
                 labelLine: { show: false },
                 data: items }]
    };
  }

  function barOption(el, data) {
    var narrow = el.clientWidth < 420;
    var longest = data.labels.reduce(function (m, l) { return Math.max(m, String(l).length); }, 0);
    var crowded = data.labels.length * (Math.max(longest, 2) * 13 + 12) > el.clientWidth - 60;
    // A line over time (统计总览's trend): its axis skips labels that do not fit instead of slanting them.
    var timeline = data.series.every(function (s) { return s.type === "line"; });
    // A second axis (percent, on the right) only when a series is plotted against it.
    var axes = [{ type: "value", name: data.series[0].unit, minInterval: 1 }];
    if (data.series.some(function (s) { return s.axis === 1; })) {
      axes.push({ type: "value", name: "%", max: 100, position: "right" });
    }
    if (data.series.some(function (s) { return (s.unit || "").indexOf("元") >= 0; })) axes[0].minInterval = 0;
    return {
      color: palette, tooltip: { trigger: "axis", confine: true }, legend: { top: 0, type: "plain" },
      grid: { left: 8, right: narrow ? 8 : 48, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: "category", data: data.labels, boundaryGap: !timeline,
               axisLabel: timeline ? { interval: "auto", hideOverlap: true } :
                 { interval: 0, rotate: crowded ? (narrow ? 60 : 35) : 0, hideOverlap: false,
                   formatter: function (v) { return crowded && narrow ? shorten(v, 5) : v; } } },
      yAxis: axes,
      series: data.series.map(function (s) {
        // A count over time is drawn straight, point to point (a smoothed curve would invent values
        // between months), with a light area under it.
        return { name: s.name, type: s.type || "bar", yAxisIndex: s.axis || 0, data: s.values,
                 barMaxWidth: 28, smooth: !timeline, connectNulls: false,
                 areaStyle: timeline ? { opacity: 0.08 } : undefined };
      })
    };
  }

  function initCharts(root) {
    if (!window.echarts) return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.ghBound) return;
      el.dataset.ghBound = "1";
      var data = readJson(el.dataset.chart);
      if (!data) return;
      describeChart(el, data);
      var build = el.dataset.kind === "pie" ? pieOption : barOption;
      var option = build(el, data);
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option);
      var width = el.clientWidth;
      window.addEventListener("resize", function () {
        if (el.clientWidth === width) return;
        width = el.clientWidth;
        chart.setOption(build(el, data), true);
        chart.resize();
      });
    });
  }

  // The org tree's toggles: aria-expanded says whether a union's children are shown; a second press
  // folds them away instead of loading them again.
  document.addEventListener("htmx:beforeRequest", function (e) {
    var toggle = e.detail.elt;
    if (!toggle.classList || !toggle.classList.contains("gh-tree-toggle")) return;
    if (toggle.getAttribute("aria-expanded") === "true") {
      e.preventDefault();
      var list = document.getElementById(toggle.getAttribute("aria-controls"));
      if (list) list.replaceChildren();
      toggle.setAttribute("aria-expanded", "false");
    }
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    var toggle = e.detail.requestConfig ? e.detail.requestConfig.elt : null;
    if (toggle && toggle.classList && toggle.classList.contains("gh-tree-toggle")) toggle.setAttribute("aria-expanded", "true");
  });

  function init(root) { initCharts(root); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (e) { init(e.target); });
})();
