// Draws the county map from data attributes: the boundary (GeoJSON, no tile server needed),
// markers for what data locates, optional 天地图 tiles, and click-to-pick for position forms.
(function () {
  // Leaflet puts a string tooltip in as HTML: names come from data (devices, projects, venues), so
  // they go in as text, inside an element of our own
  function text(value) {
    const span = document.createElement('span');
    span.textContent = value == null ? '' : String(value);
    return span;
  }
  window.townbrainText = text;

  function draw(el) {
    const data = JSON.parse(el.dataset.map || '{}');
    const map = L.map(el, { zoomSnap: 0.25, attributionControl: false });
    const key = el.dataset.tianditu;
    if (key) {
      const url = 'https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}'
        + '&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=' + encodeURIComponent(key);
      // 天地图 serves CGCS2000 (≈ WGS-84 at map scale): our WGS-84 data goes on it unshifted (no GCJ-02)
      const image = el.dataset.tiandituLayer === 'img';
      L.tileLayer(url, { layer: image ? 'img' : 'vec', subdomains: '01234567', maxZoom: 18 }).addTo(map);
      L.tileLayer(url, { layer: image ? 'cia' : 'cva', subdomains: '01234567', maxZoom: 18 }).addTo(map);
    }
    // lines through points in order, such as tourism routes, under the markers; in a group like the
    // markers, so that nothing asks for the map's renderer before the map has its view
    const lines = L.featureGroup().addTo(map);
    (data.lines || []).forEach((l) => {
      L.polyline(l.points, { color: l.color || '#5f3dc4', weight: 3, opacity: 0.8 })
        .bindTooltip(text(l.label), { sticky: true }).addTo(lines);
    });
    const markers = L.featureGroup().addTo(map);
    (data.markers || []).forEach((m) => {
      const severityColor = { red: '#c92a2a', orange: '#e8590c', yellow: '#f08c00', blue: '#1c7ed6', open: '#5f3dc4', venue: '#2b8a3e' };
      const marker = L.circleMarker([m.lat, m.lon], { radius: 8, color: '#fff', weight: 2,
        fillColor: m.color || severityColor[m.severity] || '#0b7285', fillOpacity: 0.95 })
        .bindTooltip(text(m.label), { permanent: (data.markers.length <= 20), direction: 'top', offset: [0, -6] });
      if (m.href) { marker.on('click', () => { window.location.href = m.href; }); }
      marker.addTo(markers);
    });
    // permanent labels that would cover each other: only the first shows; zooming in or pointing at a marker shows the rest
    const declutter = () => {
      const kept = [];
      const each = (fn) => { markers.eachLayer(fn); if (el.gridLayer) { el.gridLayer.eachLayer(fn); } };
      each((marker) => {
        const tip = marker.getTooltip();
        const label = tip && tip.options.permanent && tip.getElement();
        if (!label) { return; }
        label.style.visibility = '';
        const r = label.getBoundingClientRect();
        if (kept.some((k) => r.left < k.right && r.right > k.left && r.top < k.bottom && r.bottom > k.top)) {
          label.style.visibility = 'hidden';
        } else {
          kept.push(r);
        }
      });
    };
    el.declutter = declutter;
    markers.eachLayer((marker) => {
      marker.on('mouseover', () => { const t = marker.getTooltip(); if (t && t.getElement()) { t.getElement().style.visibility = ''; } });
      marker.on('mouseout', declutter);
    });
    // after Leaflet has placed the labels for the new view
    map.on('zoomend moveend viewreset', () => window.requestAnimationFrame(declutter));
    fetch(el.dataset.boundary, { credentials: 'same-origin' })
      .then((r) => r.ok ? r.json() : null)
      .then((geo) => {
        if (geo) {
          const outline = L.geoJSON(geo, { style: { color: '#0b7285', weight: 2, fillColor: '#0b7285', fillOpacity: 0.06 } }).addTo(map);
          outline.bringToBack();
          if (data.fit === 'markers' && markers.getLayers().length) {
            map.fitBounds(markers.getBounds().pad(0.5), { maxZoom: 13 });
          } else {
            map.fitBounds(outline.getBounds(), { padding: [10, 10] });
          }
        } else if (markers.getLayers().length) {
          map.fitBounds(markers.getBounds().pad(0.5));
        } else {
          map.setView([29.47, 119.28], 9);
        }
      })
      .catch(() => map.setView([29.47, 119.28], 9))
      .finally(() => window.requestAnimationFrame(declutter));
    if (data.legend && data.legend.length) {
      const legend = L.control({ position: 'bottomleft' });
      legend.onAdd = () => {
        const div = L.DomUtil.create('div', 'map-legend');
        data.legend.forEach((item) => {
          const row = document.createElement('div');
          const dot = document.createElement('i');
          dot.style.background = item.color;
          row.appendChild(dot);
          row.appendChild(document.createTextNode(item.name));
          div.appendChild(row);
        });
        return div;
      };
      legend.addTo(map);
    }
    if (data.noPositions) {
      const note = L.control({ position: 'topright' });
      note.onAdd = () => { const d = L.DomUtil.create('div', 'map-note'); d.textContent = data.noPositions; return d; };
      note.addTo(map);
    }
    if (el.dataset.grids) {
      el.gridLayer = L.featureGroup().addTo(map);
      el.townbrainMap = map;
      el.townbrainMarkers = markers;
      loadGrids(el);
    }
    const pickFormId = el.dataset.pick;
    if (pickFormId) {
      const form = document.getElementById(pickFormId);
      let picked = null;
      map.on('click', (e) => {
        if (el.dataset.drawing === 'true') { return; }
        form.elements.longitude.value = e.latlng.lng.toFixed(6);
        form.elements.latitude.value = e.latlng.lat.toFixed(6);
        if (picked) { picked.setLatLng(e.latlng); } else { picked = L.marker(e.latlng).addTo(map); }
      });
    }
    el.dataset.ready = 'true';
  }

  // Unit grids: outlined, labelled with their names, drawn above the county outline
  function loadGrids(el) {
    fetch(el.dataset.grids, { credentials: 'same-origin', headers: { Accept: 'application/geo+json' } })
      .then((r) => r.ok ? r.json() : { features: [] })
      // labels are placed once the map has its view (after the outline is in)
      .then((collection) => new Promise((resolve) => el.townbrainMap.whenReady(() => resolve(collection))))
      .then((collection) => {
        el.gridLayer.clearLayers();
        el.gridFeatures = collection.features || [];
        el.gridFeatures.forEach((f) => {
          const ring = f.geometry.coordinates[0].map((p) => [p[1], p[0]]);
          const layer = L.polygon(ring, { color: f.properties.demo ? '#7048e8' : '#e8590c', weight: 2,
            dashArray: f.properties.demo ? '4 3' : null, fillOpacity: 0.12 });
          layer.bindTooltip(text(f.properties.name), { permanent: true, direction: 'center', className: 'grid-label' });
          layer.on('click', () => el.dispatchEvent(new CustomEvent('grid-click', { detail: f })));
          layer.addTo(el.gridLayer);
        });
        // a town's grids are small: its map closes in on them and its seats
        if (el.dataset.fitGrids === 'true' && el.gridLayer.getLayers().length) {
          const bounds = el.gridLayer.getBounds();
          el.townbrainMarkers.eachLayer((m) => bounds.extend(m.getLatLng()));
          el.townbrainMap.fitBounds(bounds.pad(0.5), { maxZoom: 16 });
        }
        el.gridLayer.eachLayer((layer) => {
          layer.on('mouseover', () => { const t = layer.getTooltip(); if (t && t.getElement()) { t.getElement().style.visibility = ''; } });
          layer.on('mouseout', el.declutter);
        });
        window.requestAnimationFrame(el.declutter);
        el.dataset.gridsReady = String(el.gridFeatures.length);
        el.dispatchEvent(new CustomEvent('grids-loaded'));
      });
  }
  window.townbrainGrids = loadGrids;

  function chart(el) {
    if (typeof echarts === 'undefined') { return; }
    const data = JSON.parse(el.dataset.chart);
    const colors = { MODEL: '#2b8a3e', BASELINE: '#1c7ed6', NONE: '#adb5bd' };
    const c = echarts.init(el, null, { renderer: 'svg' });
    c.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: data.categories, inverse: true },
      series: data.series.map((s) => ({ name: s.name, type: 'bar', stack: 'tier', data: s.data,
        itemStyle: { color: colors[s.tier] }, label: { show: true, formatter: (p) => p.value || '' } })),
    });
    window.addEventListener('resize', () => c.resize());
    el.dataset.ready = 'true';
  }

  function init() {
    document.querySelectorAll('[data-map]').forEach((el) => { if (!el.dataset.ready) { draw(el); } });
    document.querySelectorAll('[data-chart]').forEach((el) => { if (!el.dataset.ready) { chart(el); } });
  }
  window.townbrainMaps = init;
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
