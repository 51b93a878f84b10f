// Evaluation pages: the dimension radar and the year-on-year trend on a town's scorecard.
(function () {
  function render(el, option, renderer) {
    if (typeof echarts === 'undefined' || !el) { return; }
    const chart = echarts.init(el, null, { renderer: renderer || 'svg' });
    chart.setOption(option);
    window.addEventListener('resize', () => chart.resize());
    el.dataset.ready = 'true';
  }

  function radar() {
    const el = document.getElementById('radar');
    if (!el) { return; }
    const data = JSON.parse(el.dataset.radar);
    render(el, {
      animation: false,
      tooltip: {},
      radar: { indicator: data.indicators, radius: '62%', axisName: { color: '#334e68', fontSize: 11 } },
      series: [{ type: 'radar', symbolSize: 5, lineStyle: { width: 2, color: '#0b7285' }, itemStyle: { color: '#0b7285' },
        areaStyle: { color: 'rgba(11, 114, 133, 0.25)' }, data: [{ value: data.values, name: data.name }] }]
    }, 'canvas');
  }

  function trend() {
    const el = document.getElementById('trend');
    if (!el) { return; }
    const points = JSON.parse(el.dataset.trend);
    render(el, {
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: points.map(p => String(p.year)) },
      yAxis: { type: 'value', min: v => Math.max(0, Math.floor(v.min - 10)) },
      series: [{ type: 'line', name: el.dataset.label, data: points.map(p => p.score), label: { show: true } }]
    });
  }

  document.addEventListener('DOMContentLoaded', () => { radar(); trend(); });
})();
