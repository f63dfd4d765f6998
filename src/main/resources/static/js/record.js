// The results tab's trend: one test's values over time, drawn with ECharts from the data-points
// attribute ("ISO-instant=value;..."). No inline script: the CSP forbids it.
(function () {
  "use strict";
  var el = document.querySelector("[data-testid=trend]");
  if (!el || typeof echarts === "undefined") return;
  var points = (el.getAttribute("data-points") || "").split(";").filter(Boolean).map(function (p) {
    var i = p.lastIndexOf("=");
    return [p.substring(0, i), Number(p.substring(i + 1))];
  });
  el.style.height = "280px";
  // Canvas, no tooltip: the SVG renderer and the tooltip write style attributes, which the CSP
  // (style-src 'self') refuses; the table below the chart carries every value.
  var chart = echarts.init(el, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    xAxis: { type: "time" },
    yAxis: { type: "value", name: el.getAttribute("data-label"), scale: true },
    series: [{ type: "line", data: points, showSymbol: true }]
  });
  el.setAttribute("data-rendered", String(points.length));
  window.addEventListener("resize", function () { chart.resize(); });
})();
