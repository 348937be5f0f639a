//! The stylesheet and script inlined into `report.html`. Kept apart from the HTML writer
//! so the page logic reads as one piece. Neither refers to any URL: the page must work
//! on an offline intranet PC, so fonts come from the system (a CJK font stack) and the
//! overlap view is drawn as inline SVG by vanilla JavaScript.

/// The page stylesheet, screen and print.
pub(crate) const CSS: &str = r#"
:root { --ink:#1f2933; --muted:#5f6b7a; --line:#d5dbe3; --bg:#f6f7f9; --accent:#b3261e; --head:#eef2f7; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif; color: var(--ink); background: var(--bg); line-height: 1.55; }
body { margin: 0 auto; max-width: 1240px; padding: 0 20px 40px; font-size: 15px; }
header.top { border-bottom: 3px solid var(--accent); padding: 22px 0 10px; margin-bottom: 10px; }
h1 { font-size: 26px; margin: 0 0 4px; color: var(--accent); letter-spacing: 1px; }
h2 { font-size: 20px; margin: 34px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 8px; }
h4 { font-size: 14px; margin: 10px 0 4px; color: var(--muted); }
.meta, .hint, .note { color: var(--muted); font-size: 13px; }
.note { background: #fff8e1; border-left: 3px solid #e0a800; padding: 6px 10px; }
nav.toc { display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 14px; margin-top: 8px; }
nav.toc a { color: var(--ink); text-decoration: none; border-bottom: 1px dotted var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 8px 0 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .num { font-size: 24px; font-weight: 700; white-space: nowrap; }
.card .lbl { font-size: 13px; color: var(--muted); }
.card.key { border-color: var(--accent); }
.card.key .num { color: var(--accent); }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 16px; }
table.data { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; margin: 6px 0 10px; }
table.data th, table.data td { border: 1px solid var(--line); padding: 4px 7px; vertical-align: top; text-align: left; }
table.data th { background: var(--head); position: sticky; top: 0; white-space: nowrap; }
table.data td.n, table.data th.n { text-align: right; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th::after { content: " ↕"; color: #9aa5b1; font-size: 11px; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; color: var(--ink); }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; color: var(--ink); }
tr[hidden] { display: none; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; margin: 6px 0; font-size: 14px; }
.controls input, .controls select { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.controls input { min-width: 240px; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.a-keep { background: #eef2f7; color: #52606d; }
.a-merge { background: #e3f0ff; color: #1c4f8a; }
.a-shutdown { background: #fde8e7; color: #9b1c14; }
.a-dissolve { background: #f3e8fd; color: #5b2c8a; }
.a-rectify { background: #fff3d6; color: #7a5200; }
.sev-high { background: #fde8e7; color: #9b1c14; }
.sev-medium { background: #fff3d6; color: #7a5200; }
.sev-low { background: #eef2f7; color: #52606d; }
.f-done { background: #e4f5ea; color: #1d6b3a; }
.f-pending { background: #eef2f7; color: #52606d; }
.f-overdue { background: #fde8e7; color: #9b1c14; }
.f-rebounded { background: #f3e8fd; color: #5b2c8a; }
.graph-wrap { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 4px; }
#cluster-svg { width: 100%; display: block; }
#cluster-svg .cl-box { fill: #fbfcfd; stroke: var(--line); }
#cluster-svg .cl-title { font-size: 12px; fill: var(--muted); }
#cluster-svg .edge { stroke: #9aa5b1; }
#cluster-svg .node { cursor: pointer; }
#cluster-svg .node circle { stroke: #fff; stroke-width: 2; }
#cluster-svg .node.target circle { stroke: var(--accent); stroke-width: 3; }
#cluster-svg .node:hover circle, #cluster-svg .node:focus circle { stroke: var(--ink); }
#cluster-svg .lbl { font-size: 11px; fill: var(--ink); paint-order: stroke; stroke: #fbfcfd; stroke-width: 3px; stroke-linejoin: round; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 13px; color: var(--muted); margin: 4px 0; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: middle; }
article.detail { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px 10px; margin: 10px 0; }
article.detail h3 { margin: 4px 0 6px; }
article.detail h3 small { color: var(--muted); font-weight: 400; margin-left: 6px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 12px; margin: 4px 0; font-size: 13px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.finding { border-top: 1px dashed var(--line); padding-top: 4px; margin-top: 6px; font-size: 14px; }
.clause { color: var(--muted); font-size: 13px; margin: 2px 0; }
blockquote { margin: 4px 0 4px 8px; padding: 2px 10px; border-left: 3px solid var(--line); font-size: 13px; background: #fafbfc; }
blockquote cite { color: var(--muted); font-style: normal; margin-right: 6px; }
.waived { color: #1d6b3a; font-size: 13px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { background: #fff; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .controls, nav.toc, .noprint { display: none !important; }
  section { break-before: page; }
  section#summary { break-before: auto; }
  h2, h3 { break-after: avoid; }
  table.data { font-size: 9pt; }
  table.data th { position: static; }
  thead { display: table-header-group; }
  tr, .card, article.detail, blockquote, .finding { break-inside: avoid; }
  table.sortable th::after { content: ""; }
  a { color: inherit; text-decoration: none; }
  .graph-wrap { border: none; }
}
"#;

/// The page script: sortable and filterable tables and the overlap cluster view.
/// It reads data only from the page itself and builds SVG nodes with `textContent`,
/// never `innerHTML`, so input text cannot become markup.
pub(crate) const JS: &str = r#"
(function () {
  'use strict';
  var collator = new Intl.Collator(document.documentElement.lang || 'zh-CN', { numeric: true });
  function cellValue(td, num) {
    if (!td) { return num ? -Infinity : ''; }
    var v = td.getAttribute('data-v');
    if (v === null) { v = td.textContent; }
    if (num) { var x = parseFloat(v); return isNaN(x) ? -Infinity : x; }
    return v;
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    var ths = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, col) {
      th.tabIndex = 0;
      function sort() {
        var num = th.getAttribute('data-type') === 'num';
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(ths, function (o) { o.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a.cells[col], num), y = cellValue(b.cells[col], num);
          var c = num ? (x < y ? -1 : (x > y ? 1 : 0)) : collator.compare(x, y);
          return asc ? c : -c;
        });
        var frag = document.createDocumentFragment();
        rows.forEach(function (r) { frag.appendChild(r); });
        body.appendChild(frag);
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('.controls[data-table]'), function (ctl) {
    var table = document.getElementById(ctl.getAttribute('data-table'));
    if (!table || !table.tBodies.length) { return; }
    var fields = ctl.querySelectorAll('input, select');
    var count = ctl.querySelector('.count');
    function apply() {
      var q = '', sels = [];
      Array.prototype.forEach.call(fields, function (el) {
        if (el.tagName === 'INPUT') { q = el.value.trim().toLowerCase(); }
        else if (el.value) { sels.push([parseInt(el.getAttribute('data-col'), 10), el.value]); }
      });
      var rows = table.tBodies[0].rows, shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i];
        var ok = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
        for (var j = 0; ok && j < sels.length; j++) {
          var c = r.cells[sels[j][0]];
          ok = !!c && (c.getAttribute('data-f') || c.getAttribute('data-v') || c.textContent) === sels[j][1];
        }
        r.hidden = !ok;
        if (ok) { shown++; }
      }
      if (count) { count.textContent = (count.getAttribute('data-label') || '') + shown + ' / ' + rows.length; }
    }
    Array.prototype.forEach.call(fields, function (el) {
      el.addEventListener('input', apply);
      el.addEventListener('change', apply);
    });
    apply();
  });
  var dataEl = document.getElementById('cluster-data');
  var svg = document.getElementById('cluster-svg');
  if (dataEl && svg) {
    var data = JSON.parse(dataEl.textContent);
    var NS = svg.namespaceURI;
    var pick = document.getElementById('cluster-pick');
    var COLORS = { app: '#2f6fb0', mini_program: '#2e9e74', account: '#c07a2c', group: '#8a5cb8', platform: '#b8443a', form: '#6b7280' };
    var el = function (name, attrs, parent) {
      var e = document.createElementNS(NS, name);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (parent) { parent.appendChild(e); }
      return e;
    };
    var shorten = function (s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; };
    var drawCluster = function (c, x0, y0, w, h, big) {
      var g = el('g', { 'class': 'cl', transform: 'translate(' + x0 + ',' + y0 + ')' }, svg);
      el('rect', { x: 4, y: 4, width: w - 8, height: h - 8, rx: 8, 'class': 'cl-box' }, g);
      el('text', { x: 14, y: 24, 'class': 'cl-title' }, g).textContent =
        '#' + c.n + ' · ' + data.labels.members + ' ' + (c.members.length + 1) + ' · ' + data.labels.similarity + ' ≥ ' + c.sim;
      var cx = w / 2, cy = h / 2 + 10;
      var rx = Math.max(40, Math.min(w / 2 - 60, big ? 360 : 180)), ry = Math.max(30, h / 2 - (big ? 90 : 62));
      var pos = c.members.map(function (m, k) {
        var a = Math.PI + 2 * Math.PI * k / c.members.length;
        var p = { m: m, x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a) };
        el('line', { x1: cx, y1: cy, x2: p.x, y2: p.y, 'stroke-width': 1 + 4 * m.sim, 'class': 'edge' }, g);
        return p;
      });
      pos.push({ m: c.target, x: cx, y: cy, target: true });
      pos.forEach(function (p) {
        var m = p.m;
        var node = el('g', { 'class': 'node' + (p.target ? ' target' : ''), tabindex: 0 }, g);
        el('circle', { cx: p.x, cy: p.y, r: p.target ? (big ? 18 : 13) : (big ? 12 : 9), fill: COLORS[m.kind] || '#555' }, node);
        el('title', {}, node).textContent = m.name + ' (' + m.id + ') ' +
          (p.target ? data.labels.target : data.labels.similarity + ' ' + m.sim);
        el('text', { x: p.x, y: p.y + (p.target ? (big ? 34 : 27) : (big ? 28 : 22)), 'text-anchor': 'middle', 'class': 'lbl' }, node)
          .textContent = shorten(m.name, big ? 20 : 8);
        if (m.d) {
          var go = function () { location.hash = '#p' + m.i; };
          node.addEventListener('click', go);
          node.addEventListener('keydown', function (e) { if (e.key === 'Enter') { go(); } });
        }
      });
    };
    var draw = function () {
      while (svg.firstChild) { svg.removeChild(svg.firstChild); }
      var width = Math.max(320, Math.floor(svg.parentNode.clientWidth || 960) - 8);
      var v = pick ? pick.value : 'all';
      if (v !== 'all' && data.clusters[+v]) {
        svg.setAttribute('viewBox', '0 0 ' + width + ' 540');
        svg.setAttribute('height', 540);
        drawCluster(data.clusters[+v], 0, 0, width, 540, true);
        return;
      }
      var cols = Math.max(1, Math.min(data.clusters.length, Math.floor(width / 290))), cw = width / cols, ch = 240;
      var rows = Math.max(1, Math.ceil(data.clusters.length / cols));
      svg.setAttribute('viewBox', '0 0 ' + width + ' ' + (rows * ch));
      svg.setAttribute('height', rows * ch);
      data.clusters.forEach(function (c, k) { drawCluster(c, (k % cols) * cw, Math.floor(k / cols) * ch, cw, ch, false); });
    };
    if (pick) { pick.addEventListener('change', draw); }
    var timer = null;
    window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(draw, 150); });
    draw();
  }
})();
"#;
