// Console behaviour without inline script (the CSP forbids it): auto-submitting selects,
// confirmation prompts, and ECharts charts fed from JSON data blocks.
(function () {
  "use strict";

  function initAutosubmit(root) {
    root.querySelectorAll("select.gh-autosubmit").forEach(function (el) {
      if (el.dataset.ghBound) return;
      el.dataset.ghBound = "1";
      el.addEventListener("change", function () { el.form.submit(); });
    });
  }

  function initConfirm(root) {
    root.querySelectorAll("form[data-confirm]").forEach(function (form) {
      if (form.dataset.ghBound) return;
      form.dataset.ghBound = "1";
      form.addEventListener("submit", function (e) {
        if (!window.confirm(form.dataset.confirm)) e.preventDefault();
      });
    });
  }

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  var palette = ["#b91c1c", "#f59e0b", "#2563eb", "#059669", "#7c3aed", "#db2777", "#0891b2", "#65a30d"];

  function initCharts(root) {
    if (!window.echarts) return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.ghBound) return;
      el.dataset.ghBound = "1";
      var data = readJson(el.dataset.chart);
      if (!data) return;
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      var option;
      if (el.dataset.kind === "pie") {
        option = {
          color: palette, tooltip: { trigger: "item" }, legend: { bottom: 0, type: "scroll" },
          series: [{ type: "pie", radius: ["40%", "68%"], center: ["50%", "45%"], label: { formatter: "{b}\n{c}" },
                     data: data.labels.map(function (l, i) { return { name: l, value: data.values[i] }; }) }]
        };
      } else {
        // A second axis (percent, on the right) only when a series is plotted against it.
        var axes = [{ type: "value", name: data.series[0].unit }];
        if (data.series.some(function (s) { return s.axis === 1; })) {
          axes.push({ type: "value", name: "%", max: 100, position: "right" });
        }
        option = {
          color: palette, tooltip: { trigger: "axis" }, legend: { top: 0 },
          grid: { left: 8, right: 48, bottom: 8, top: 36, containLabel: true },
          xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: data.labels.length > 6 ? 35 : 0 } },
          yAxis: axes,
          series: data.series.map(function (s) {
            return { name: s.name, type: s.type || "bar", yAxisIndex: s.axis || 0, data: s.values,
                     barMaxWidth: 28, smooth: true, connectNulls: false };
          })
        };
      }
      chart.setOption(option);
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  function init(root) { initAutosubmit(root); initConfirm(root); initCharts(root); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (e) { init(e.target); });
})();
