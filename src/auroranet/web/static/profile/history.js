// The wellbeing history chart on /profile: one line per meter over the saved assessments (ECharts,
// served locally). The table next to it carries the same numbers for screen readers and without JS.
(function () {
  "use strict";
  function draw() {
    var el = document.getElementById("history-chart");
    if (!el || typeof window.echarts === "undefined") { return; }
    var data = JSON.parse(el.getAttribute("data-history"));
    el.style.height = "360px";
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 40, right: 20, top: 20, bottom: 60 },
      xAxis: { type: "category", data: data.dates },
      yAxis: { type: "value", min: 0, max: 10 },
      series: data.series.map(function (s) {
        return { name: s.name, type: "line", data: s.values, connectNulls: true, symbolSize: 8 };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
}());
