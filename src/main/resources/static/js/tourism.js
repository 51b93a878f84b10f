// Tourism charts: monthly visitors by town (stacked) and a holiday's days (visitors and revenue).
(function () {
  function monthly(el) {
    const data = JSON.parse(el.dataset.tourismMonthly);
    const chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: data.months },
      yAxis: { type: 'value' },
      series: data.series.map((s) => ({ name: s.name, type: 'bar', stack: 'v', data: s.data })),
    });
    window.addEventListener('resize', () => chart.resize());
    el.dataset.ready = 'true';
  }
  function holiday(el) {
    const data = JSON.parse(el.dataset.tourismHoliday);
    const chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: data.days },
      yAxis: [{ type: 'value', name: '人次' }, { type: 'value', name: '万元' }],
      series: [
        { name: '游客', type: 'bar', data: data.visitors, itemStyle: { color: '#0b7285' } },
        { name: '收入（万元）', type: 'line', yAxisIndex: 1, data: data.revenue, itemStyle: { color: '#e67700' } },
      ],
    });
    window.addEventListener('resize', () => chart.resize());
    el.dataset.ready = 'true';
  }
  function init() {
    if (typeof echarts === 'undefined') { return; }
    document.querySelectorAll('[data-tourism-monthly]').forEach(monthly);
    document.querySelectorAll('[data-tourism-holiday]').forEach(holiday);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
