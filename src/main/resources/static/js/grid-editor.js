// The county admin draws a unit grid on the town map: each click adds a vertex, the polygon
// closes itself; an existing grid is redrawn by clicking it right after "start drawing". Saving sends GeoJSON to
// /api/regions/grids (new) or /api/regions/grids/{code} with the version it was drawn from
// (a stale one answers 409). The server checks the shape; its reasons are shown as they come.
(function () {
  function start() {
    const el = document.getElementById('map');
    const form = document.getElementById('grid-form');
    if (!el || !form || !el.townbrainMap) { return false; }
    const map = el.townbrainMap;
    const status = document.getElementById('grid-status');
    const token = document.querySelector('meta[name="_csrf"]');
    const header = document.querySelector('meta[name="_csrf_header"]');
    let vertices = [];
    let editing = null; // the code of the grid being redrawn
    // an empty polygon on a map without a view breaks Leaflet's rendering: the shape exists only with vertices
    let shape = null;
    const dots = L.layerGroup().addTo(map);

    function redraw() {
      if (vertices.length && !shape) {
        shape = L.polygon(vertices, { color: '#c92a2a', weight: 3, dashArray: '6 4', fillOpacity: 0.15 }).addTo(map);
      } else if (!vertices.length && shape) {
        shape.remove();
        shape = null;
      } else if (shape) {
        shape.setLatLngs(vertices);
      }
      dots.clearLayers();
      vertices.forEach((v) => L.circleMarker(v, { radius: 4, color: '#c92a2a', fillOpacity: 1 }).addTo(dots));
      form.querySelector('[data-count]').textContent = String(vertices.length);
    }
    function drawing(on) {
      el.dataset.drawing = on ? 'true' : 'false';
      form.querySelector('[data-action="draw"]').setAttribute('aria-pressed', on ? 'true' : 'false');
      el.classList.toggle('drawing', on);
    }
    function say(message, bad) {
      status.textContent = message;
      status.className = bad ? 'error' : 'ok';
    }
    let picked = false; // a click on a grid to redraw it is not also a vertex
    map.on('click', (e) => {
      if (picked) { picked = false; return; }
      if (el.dataset.drawing !== 'true') { return; }
      vertices.push([Number(e.latlng.lat.toFixed(7)), Number(e.latlng.lng.toFixed(7))]);
      redraw();
    });
    el.addEventListener('grid-click', (e) => {
      // only while drawing and before the first vertex: elsewhere a grid is just looked at
      if (el.dataset.drawing !== 'true' || vertices.length) { return; }
      picked = true;
      const f = e.detail;
      editing = f.properties.code;
      form.elements.code.value = f.properties.code;
      form.elements.code.readOnly = true;
      form.elements.name.value = f.properties.name;
      form.elements.villageCode.value = f.properties.villageCode;
      form.elements.workers.value = (f.properties.workers || []).join(', ');
      form.elements.version.value = f.properties.version;
      const ring = f.geometry.coordinates[0];
      vertices = ring.slice(0, ring.length - 1).map((p) => [p[1], p[0]]);
      redraw();
      drawing(true);
      say(form.dataset.editing.replace('{0}', f.properties.name), false);
    });
    form.addEventListener('click', (e) => {
      const action = e.target.dataset && e.target.dataset.action;
      if (action === 'draw') { drawing(el.dataset.drawing !== 'true'); }
      if (action === 'undo') { vertices.pop(); redraw(); }
      if (action === 'clear') {
        vertices = []; editing = null; form.reset(); form.elements.code.readOnly = false; redraw(); drawing(false); say('', false);
      }
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (vertices.length < 3) { say(form.dataset.tooFew, true); return; }
      const ring = vertices.map((v) => [v[1], v[0]]);
      ring.push(ring[0]);
      const workers = form.elements.workers.value.split(/[,，\s]+/).filter((w) => w);
      const properties = { code: form.elements.code.value.trim(), name: form.elements.name.value.trim(),
        villageCode: form.elements.villageCode.value, workers: workers };
      const feature = { type: 'Feature', properties: properties, geometry: { type: 'Polygon', coordinates: [ring] } };
      let url = '/api/regions/grids';
      let method = 'POST';
      let body = { type: 'FeatureCollection', features: [feature] };
      if (editing) {
        properties.version = Number(form.elements.version.value);
        url += '/' + encodeURIComponent(editing);
        method = 'PUT';
        body = feature;
      }
      const headers = { 'Content-Type': 'application/geo+json', Accept: 'application/json' };
      if (token && header) { headers[header.content] = token.content; }
      fetch(url, { method: method, credentials: 'same-origin', headers: headers, body: JSON.stringify(body) })
        .then((r) => r.json().then((answer) => ({ ok: r.ok, status: r.status, answer: answer })))
        .then(({ ok, status: code, answer }) => {
          const rejected = answer.rejected && answer.rejected.length ? answer.rejected[0].reason : null;
          if (!ok || rejected) {
            say(rejected || answer.detail || String(code), true);
            return;
          }
          say(form.dataset.saved.replace('{0}', properties.name), false);
          vertices = []; editing = null; form.elements.code.readOnly = false; redraw(); drawing(false);
          window.townbrainGrids(el);
        })
        .catch(() => say(form.dataset.failed, true));
    });
    form.dataset.ready = 'true';
    return true;
  }
  function wait() { if (!start()) { window.setTimeout(wait, 100); } }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', wait); } else { wait(); }
})();
