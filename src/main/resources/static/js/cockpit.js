// Live cockpit: the server says "refresh" over server-sent events when the figures changed;
// the board is then fetched again as an htmx fragment and swapped in, map included.
(function () {
  const root = document.getElementById('cockpit');
  if (!root || !window.EventSource) { return; }
  let source;
  function reload() {
    fetch(root.dataset.board, { headers: { 'HX-Request': 'true' }, credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : null))
      .then((html) => {
        if (!html) { return; }
        const board = document.getElementById('board');
        board.outerHTML = html;
        if (window.townbrainMaps) { window.townbrainMaps(); }
        root.dataset.refreshed = String(Number(root.dataset.refreshed || 0) + 1);
      });
  }
  function connect() {
    source = new EventSource(root.dataset.stream);
    source.addEventListener('hello', () => { root.dataset.live = 'true'; });
    source.addEventListener('refresh', reload);
    source.onerror = () => { root.dataset.live = 'false'; };
  }
  connect();
})();
