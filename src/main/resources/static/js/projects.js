// Charts of the projects pages, drawn from data attributes (no inline scripts under the CSP):
// data-series = {categories: [...], series: [{key|name, data: [...]}]}; series labels come from
// data-<key> attributes so that they follow the page's language.
(function () {
  const colors = { planned: '#adb5bd', actual: '#0b7285' };
  function draw(el) {
    const data = JSON.parse(el.dataset.series || '{}');
    const chart = echarts.init(el);
    const horizontal = el.dataset.horizontal === 'true';
    const categoryAxis = { type: 'category', data: data.categories || [], axisLabel: { interval: 0, rotate: horizontal ? 0 : 45, fontSize: 11 } };
    const valueAxis = { type: 'value' };
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 12, bottom: 8, top: 32, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? Object.assign({}, categoryAxis, { inverse: true }) : valueAxis,
      series: (data.series || []).map((s) => ({
        name: s.name || el.dataset[s.key] || s.key,
        type: 'bar',
        data: s.data,
        itemStyle: { color: colors[s.key] },
      })),
    });
    el.dataset.ready = 'true';
    window.addEventListener('resize', () => chart.resize());
  }
  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('[data-series]').forEach(draw);
  });
})();
