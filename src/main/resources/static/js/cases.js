// Cases pages: "use my position" for report forms, and the statistics charts.
(function () {
  function gps(button) {
    button.addEventListener('click', () => {
      if (!navigator.geolocation) { return; }
      navigator.geolocation.getCurrentPosition((p) => {
        const form = document.getElementById(button.dataset.form);
        form.elements.longitude.value = p.coords.longitude.toFixed(6);
        form.elements.latitude.value = p.coords.latitude.toFixed(6);
      }, () => {}, { enableHighAccuracy: true, timeout: 10000 });
    });
  }

  function chart(el) {
    if (typeof echarts === 'undefined') { return; }
    const data = JSON.parse(el.dataset.casesChart);
    const c = echarts.init(el, null, { renderer: 'svg' });
    c.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: data.labels, axisLabel: { rotate: 30 } },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { name: data.names.reported, type: 'bar', data: data.reported },
        { name: data.names.closed, type: 'bar', data: data.closed },
        { name: data.names.onTime, type: 'line', yAxisIndex: 1, data: data.onTimeRate },
      ],
    });
    window.addEventListener('resize', () => c.resize());
    el.dataset.ready = 'true';
  }

  function init() {
    document.querySelectorAll('button.use-gps').forEach(gps);
    document.querySelectorAll('[data-cases-chart]').forEach(chart);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
