// Situational picture charts: each .ins-chart has its data in data-chart and a table beside it.
(function () {
  "use strict";
  function draw(el) {
    if (typeof echarts === "undefined") { return; }
    var spec = JSON.parse(el.getAttribute("data-chart"));
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      aria: { enabled: true },
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: spec.categories, inverse: true },
      series: spec.series.map(function (s) { return { type: "bar", name: s.name, data: s.data }; })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".ins-chart[data-chart]").forEach(draw);
  });
})();
