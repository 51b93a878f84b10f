// Resumption charts: bars per town and per industry, a line for the trend. Data comes in data-chart.
document.addEventListener('DOMContentLoaded', () => {
  if (typeof echarts === 'undefined') return;
  document.querySelectorAll('[data-chart][data-series]').forEach((el) => {
    const data = JSON.parse(el.dataset.chart);
    const which = el.dataset.series;
    const chart = echarts.init(el);
    let option;
    if (which === 'trend') {
      option = {
        grid: { left: 48, right: 16, top: 16, bottom: 32 },
        tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : v + '%') },
        xAxis: { type: 'category', data: data.trend.days },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: [{ name: data.rateLabel, type: 'line', data: data.trend.rates, smooth: true, color: '#0b7285' }],
      };
    } else {
      const s = data[which];
      el.style.height = Math.max(160, 44 * s.names.length + 40) + 'px';
      option = {
        grid: { left: 96, right: 24, top: 8, bottom: 24 },
        tooltip: { trigger: 'axis', valueFormatter: (v) => v + '%' },
        xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', data: s.names, inverse: true },
        series: [{ name: data.rateLabel, type: 'bar', data: s.rates, color: '#0b7285', barMaxWidth: 24,
          label: { show: true, position: 'right', formatter: '{c}%', color: '#1d2733' } }],
      };
    }
    chart.setOption(option);
    el.dataset.ready = 'true';
    window.addEventListener('resize', () => chart.resize());
  });
});
