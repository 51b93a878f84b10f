// Live cockpit: the server says "refresh" over server-sent events when the figures changed;
// the board is then fetched again as an htmx fragment and swapped in, map included.
// On the wall screen (/cockpit/wall) the comparison chart is drawn with ECharts and follows the
// window's size; Leaflet follows it by itself (trackResize).
(function () {
  const root = document.getElementById('cockpit');
  if (!root) { return; }
  let charts = [];
  function drawCharts() {
    charts.forEach((c) => c.dispose());
    charts = [];
    if (typeof echarts === 'undefined') { return; }
    document.querySelectorAll('[data-wall-chart]').forEach((el) => {
      const data = JSON.parse(el.dataset.wallChart);
      const labels = { reportedCases: el.dataset.labelReportedCases, overdueCases: el.dataset.labelOverdueCases };
      const colors = { reportedCases: '#36c6f4', overdueCases: '#ff5c5c' };
      const size = parseFloat(getComputedStyle(el).fontSize) || 16;
      const c = echarts.init(el, null, { renderer: 'svg' });
      c.setOption({
        animation: false,
        textStyle: { color: '#e6f1ff', fontSize: size * 0.8 },
        legend: { top: 0, textStyle: { color: '#e6f1ff', fontSize: size * 0.8 }, itemWidth: size, itemHeight: size * 0.6 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 4, right: size, bottom: 4, top: size * 2, containLabel: true },
        xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#7f9bb8', fontSize: size * 0.7 },
          splitLine: { lineStyle: { color: '#1c3d5e' } } },
        yAxis: { type: 'category', data: data.categories, inverse: true,
          axisLabel: { color: '#e6f1ff', fontSize: size * 0.75 }, axisLine: { lineStyle: { color: '#1c3d5e' } } },
        series: data.series.map((s) => ({ name: labels[s.key] || '', type: 'bar', data: s.data,
          itemStyle: { color: colors[s.key] }, barMaxWidth: size })),
      });
      charts.push(c);
      el.dataset.ready = 'true';
    });
  }
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  function start() { drawCharts(); }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }

  if (!window.EventSource) { return; }
  let source;
  function reload() {
    fetch(root.dataset.board, { headers: { 'HX-Request': 'true' }, credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : null))
      .then((html) => {
        if (!html) { return; }
        const board = document.getElementById('board');
        board.outerHTML = html;
        if (window.townbrainMaps) { window.townbrainMaps(); }
        drawCharts();
        root.dataset.refreshed = String(Number(root.dataset.refreshed || 0) + 1);
      });
  }
  function connect() {
    const offline = document.getElementById('wall-offline');
    source = new EventSource(root.dataset.stream);
    source.addEventListener('hello', () => { root.dataset.live = 'true'; if (offline) { offline.hidden = true; } });
    source.addEventListener('refresh', reload);
    source.onerror = () => { root.dataset.live = 'false'; if (offline) { offline.hidden = false; } };
  }
  connect();
})();
