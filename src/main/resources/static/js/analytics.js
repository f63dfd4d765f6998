// Trend charts (ECharts) for the dashboard tiles and a metric's page. The data is in the element's
// attributes (data-labels, data-values, data-target) so that no inline script is needed (CSP).
(function () {
  'use strict';

  function numbers(text) {
    return (text || '').split(',').map(function (v) { return v === '' ? null : Number(v); });
  }

  function draw(el) {
    if (el.dataset.drawn || typeof echarts === 'undefined') {
      return;
    }
    el.dataset.drawn = 'true';
    var labels = (el.dataset.labels || '').split(',');
    var values = numbers(el.dataset.values);
    var target = el.dataset.target === '' || el.dataset.target === undefined ? null : Number(el.dataset.target);
    var small = el.classList.contains('kpi-chart');
    var series = {
      type: 'line', data: values, connectNulls: false, symbolSize: small ? 4 : 6,
      lineStyle: { color: '#1e3a5f', width: 2 }, itemStyle: { color: '#1e3a5f' }
    };
    if (target !== null) {
      series.markLine = {
        silent: true, symbol: 'none', lineStyle: { color: '#a8261b', type: 'dashed' },
        label: { show: !small, position: 'insideEndTop', formatter: 'Target {c}', color: '#a8261b' }, data: [{ yAxis: target }]
      };
    }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: small ? { left: 8, right: 8, top: 8, bottom: 4, containLabel: true } : { left: 16, right: 24, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: { show: !small || labels.length <= 6, color: '#5a6675' } },
      yAxis: { type: 'value', axisLabel: { color: '#5a6675' }, splitNumber: small ? 2 : 5 },
      series: [series]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function drawAll(root) {
    (root || document).querySelectorAll('[data-chart]').forEach(draw);
  }

  document.addEventListener('DOMContentLoaded', function () { drawAll(document); });
  document.addEventListener('htmx:afterSwap', function (e) { drawAll(e.target); });
})();
