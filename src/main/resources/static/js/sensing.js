// Smart steward pages: the live sensor map (Leaflet + server-sent events) and the readings chart (ECharts).
(function () {
  const colors = { red: '#c92a2a', orange: '#e8590c', yellow: '#f08c00', blue: '#1971c2' };

  function colorOf(s) {
    if (s.level && colors[s.level]) { return colors[s.level]; }
    return s.online ? '#2b8a3e' : '#868e96';
  }

  function liveMap(el) {
    const sensors = JSON.parse(el.dataset.sensors || '[]');
    const map = L.map(el, { attributionControl: false });
    const markers = {};
    const group = L.featureGroup().addTo(map);
    sensors.forEach((s) => {
      const m = L.circleMarker([s.lat, s.lon], { radius: 8, color: '#fff', weight: 2, fillColor: colorOf(s), fillOpacity: 0.95 })
        .bindTooltip(label(s), { direction: 'top', offset: [0, -6] });
      m.on('click', () => { window.location.href = s.href; });
      m.addTo(group);
      markers[s.id] = { marker: m, sensor: s };
    });
    // online by the server's rule (seen within offline-after), kept true while the page stays open:
    // the marker and the table's state say the same, and turn offline when the readings stop
    const offlineAfter = Number(el.dataset.offlineAfter || 0);
    const opened = Date.now();
    Object.values(markers).forEach((entry) => {
      entry.seenAt = entry.sensor.seenAgoMs == null ? null : opened - entry.sensor.seenAgoMs;
    });
    function showState(id, entry) {
      entry.marker.setStyle({ fillColor: colorOf(entry.sensor) });
      const cell = document.querySelector('tr[data-sensor="' + CSS.escape(id) + '"] td.online span');
      if (cell) { cell.textContent = entry.sensor.online ? el.dataset.labelOnline : el.dataset.labelOffline; }
    }
    if (offlineAfter > 0) {
      window.setInterval(() => {
        Object.entries(markers).forEach(([id, entry]) => {
          const online = entry.seenAt != null && Date.now() - entry.seenAt < offlineAfter;
          if (online !== entry.sensor.online) { entry.sensor.online = online; showState(id, entry); }
        });
      }, 15000);
    }
    if (group.getLayers().length) { map.fitBounds(group.getBounds().pad(0.3), { maxZoom: 14 }); } else { map.setView([29.47, 119.28], 10); }
    if (!window.EventSource || !el.dataset.stream) { return; }
    const source = new EventSource(el.dataset.stream);
    source.addEventListener('reading', (e) => {
      const r = JSON.parse(e.data);
      const entry = markers[r.id];
      if (entry) {
        entry.sensor.value = r.value;
        entry.sensor.online = true;
        entry.seenAt = Date.now();
        showState(r.id, entry);
        entry.marker.setTooltipContent(label(entry.sensor));
      }
      if (!entry) {
        const state = document.querySelector('tr[data-sensor="' + CSS.escape(r.id) + '"] td.online span');
        if (state) { state.textContent = el.dataset.labelOnline; }
      }
      const row = document.querySelector('tr[data-sensor="' + CSS.escape(r.id) + '"] td.value span');
      if (row) { row.textContent = Number(r.value).toFixed(2); }
    });
  }

  // the tooltip is text, never HTML: a device's name is whatever its town typed
  function label(s) {
    const span = document.createElement('span');
    span.textContent = s.name + (s.value == null ? '' : ' · ' + Number(s.value).toFixed(2) + ' ' + (s.unit || ''));
    return span;
  }

  function chart(el) {
    const c = echarts.init(el);
    const rim = el.dataset.rim ? Number(el.dataset.rim) : null;
    fetch(el.dataset.url, { credentials: 'same-origin' }).then((r) => r.json()).then((points) => {
      const series = [{ name: el.dataset.labelValue, type: 'line', showSymbol: false, data: points.map((p) => [p.t, p.value]) }];
      if (rim) {
        series[0].markLine = { symbol: 'none', data: [{ yAxis: rim, name: el.dataset.labelRim }], lineStyle: { color: '#c92a2a' } };
      }
      c.setOption({
        tooltip: { trigger: 'axis' },
        grid: { left: 48, right: 16, top: 24, bottom: 32 },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', name: el.dataset.unit },
        series: series
      });
    });
    window.addEventListener('resize', () => c.resize());
  }

  document.addEventListener('DOMContentLoaded', () => {
    const m = document.getElementById('sensor-map');
    if (m) { liveMap(m); }
    const c = document.getElementById('readings-chart');
    if (c) { chart(c); }
  });
})();
