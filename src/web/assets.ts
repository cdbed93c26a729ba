// The static files (CSS, a little JS), kept as strings so they ship inside dist/ with the compiled code.
import { createHash } from 'node:crypto';

const STYLE = `
:root{--fg:#1d2329;--muted:#66707a;--bg:#f6f7f9;--card:#fff;--line:#e3e6ea;--accent:#2a6fdb;--mark:#fff2a8;--bad:#b42318}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ec;--muted:#98a2ad;--bg:#14171a;--card:#1d2126;--line:#2d333a;--accent:#6ea8ff;--mark:#5c4d00;--bad:#ff8a80}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
header.site{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;background:var(--card);border-bottom:1px solid var(--line);position:sticky;top:0;z-index:2}
header.site .brand{font-weight:700;font-size:1.15rem;color:var(--fg)}
header.site nav{display:flex;gap:1rem}
header.site form.search{flex:1;min-width:12rem}
input,select,textarea,button{font:inherit;color:inherit}
input[type=search],input[type=text],input[type=password],input[type=date],select,textarea{width:100%;padding:.4rem .6rem;border:1px solid var(--line);border-radius:6px;background:var(--bg)}
button{padding:.4rem .9rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:6px;cursor:pointer}
main{max-width:46rem;margin:0 auto;padding:1rem}
main.wide{max-width:72rem}
footer.site{max-width:46rem;margin:2rem auto;padding:0 1rem;color:var(--muted);font-size:.85rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.muted,.undated{color:var(--muted)}
.post{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem;margin:0 0 .8rem;overflow-wrap:anywhere}
.post header{display:flex;flex-wrap:wrap;gap:.2rem .7rem;font-size:.85rem;color:var(--muted);margin-bottom:.3rem}
.post header .chan{font-weight:600}
.post.deleted{opacity:.75;border-style:dashed}
.post .fwd{margin:.1rem 0 .4rem;font-size:.9rem;color:var(--muted)}
.post .fwd a,.post .fwd b{font-weight:600}
.post .reply{font-size:.85rem;margin:0 0 .3rem}
.post .text{white-space:normal}
.post footer{display:flex;flex-wrap:wrap;gap:.3rem .9rem;font-size:.85rem;color:var(--muted);margin-top:.5rem}
.post footer .topics a{background:var(--bg);border:1px solid var(--line);border-radius:999px;padding:0 .5rem}
.badge{display:inline-block;font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em;padding:.05rem .45rem;border-radius:4px;background:#e8eefc;color:#1d4ea8}
.badge.deleted{background:#fde8e7;color:var(--bad)}
.edited{font-style:italic}
.media{display:grid;gap:.4rem;margin-top:.5rem}
.media img,.media video{max-width:100%;height:auto;border-radius:8px;display:block}
.media figure{margin:0}
.media-badge{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem;padding:.5rem .7rem;border:1px dashed var(--line);border-radius:8px;font-size:.9rem}
.media-badge img{width:64px;height:64px;object-fit:cover;border-radius:6px}
.preview{border-left:3px solid var(--accent);padding:.2rem .7rem;font-size:.9rem}.preview .site{font-weight:600}
.poll ul{padding-left:1.2rem}.poll meter{width:6rem;margin-left:.4rem}
.spoiler{background:var(--muted);color:transparent;border-radius:3px;cursor:pointer}.spoiler.open{background:none;color:inherit}
blockquote{margin:.4rem 0;padding:.1rem .8rem;border-left:3px solid var(--line);color:var(--muted)}
pre{background:var(--bg);padding:.6rem;border-radius:6px;overflow:auto}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
mark{background:var(--mark);color:inherit;padding:0 .1em}
.pager{display:flex;justify-content:space-between;margin:1rem 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.7rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.7rem 1rem}
.card .n{color:var(--muted);font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;background:var(--card)}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.error{border:1px solid var(--bad);color:var(--bad);background:var(--card);padding:.6rem .9rem;border-radius:8px}
.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.5rem;margin-bottom:1rem;align-items:end}
.filters .full{grid-column:1/-1}
.filters label{font-size:.8rem;color:var(--muted)}
.hit .snippet{margin:.2rem 0}
.versions{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:.7rem}
.timeline{list-style:none;padding:0}.timeline li{padding:.3rem 0;border-bottom:1px solid var(--line)}
.diff{margin:.2rem 0;font-size:.9rem}.diff .text{white-space:pre-wrap}.diff ins{background:#e6f4ea;text-decoration:none}.diff del{background:#fde8e7}
.evidence{font-size:.85rem;color:var(--muted);margin:.2rem 0 0 1rem}.evidence ul{margin:.1rem 0;padding-left:1.2rem}
form.inline{display:inline;margin-left:.5rem}form.inline button{font-size:.8rem}
.chart{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.5rem;margin-bottom:1rem;overflow-x:auto}
.chart svg{display:block;max-width:100%;height:auto}.chart text{fill:var(--muted);font-size:11px}
.legend{display:flex;flex-wrap:wrap;gap:.2rem .8rem;font-size:.8rem}.legend i{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.25rem;vertical-align:-1px}
.feeds{font-size:.85rem;color:var(--muted)}
form.admin{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem;margin:.8rem 0;display:grid;gap:.5rem}
@media (max-width:600px){main{padding:.6rem}.post{padding:.7rem}}
/* A phone (390 px) never scrolls sideways: one-word names (channel keys from file names) break anywhere, cards
   shrink below their minimum, wide tables scroll in their own box. */
main{overflow-wrap:anywhere}
.cards{grid-template-columns:repeat(auto-fill,minmax(min(15rem,100%),1fr))}
.scroll-x{overflow-x:auto;max-width:100%;margin-bottom:1rem}.scroll-x table{overflow-wrap:normal}
`;

const APP_JS = `
'use strict';
(function () {
  // Dates: the server renders UTC; show them in the reader's time zone.
  function localise(root) {
    root.querySelectorAll('time[datetime]').forEach(function (t) {
      var d = new Date(t.getAttribute('datetime'));
      if (isNaN(d)) return;
      t.title = t.textContent;
      t.textContent = d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    });
  }
  localise(document);
  document.addEventListener('click', function (e) {
    var s = e.target.closest && e.target.closest('.spoiler');
    if (s) s.classList.add('open');
  });
  // Infinite scroll: fetch the "older" page and append its posts.
  var list = document.querySelector('[data-scroll]');
  var pager = document.querySelector('.pager');
  if (!list || !pager || !('IntersectionObserver' in window)) return;
  var busy = false;
  var io = new IntersectionObserver(function (entries) {
    if (busy || !entries.some(function (x) { return x.isIntersecting; })) return;
    var older = document.querySelector('.pager a.older');
    if (!older) { io.disconnect(); return; }
    busy = true;
    fetch(older.href, { headers: { Accept: 'text/html' } }).then(function (r) { return r.text(); }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, 'text/html');
      var more = doc.querySelector('[data-scroll]');
      if (more) Array.prototype.slice.call(more.children).forEach(function (el) {
        var node = document.importNode(el, true);
        localise(node);
        list.appendChild(node);
      });
      var next = doc.querySelector('.pager a.older');
      if (next) older.href = next.href; else older.remove();
      busy = false;
    }).catch(function () { busy = false; io.disconnect(); });
  }, { rootMargin: '600px' });
  io.observe(pager);
})();
`;

const DASHBOARD_JS = `
'use strict';
(function () {
  var NS = 'http://www.w3.org/2000/svg';
  var COLORS = ['#2a6fdb', '#e4572e', '#17a398', '#f3a712', '#8e44ad', '#6c757d', '#c2185b', '#2e7d32', '#795548', '#00838f'];
  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function legend(box, names) {
    var d = document.createElement('div');
    d.className = 'legend';
    names.forEach(function (n, i) {
      var s = document.createElement('span');
      var sw = document.createElement('i');
      sw.style.background = COLORS[i % COLORS.length];
      s.appendChild(sw);
      s.appendChild(document.createTextNode(n));
      d.appendChild(s);
    });
    box.appendChild(d);
  }
  function empty(box, msg) { var p = document.createElement('p'); p.className = 'muted'; p.textContent = msg; box.appendChild(p); }
  // Lines over a time axis (web/timeline.ts): every period of the range, empty ones 0, evenly spaced, so a gap is
  // drawn as long as it lasted. t = {unit, periods: [...], series: [{name, values: [...]}]}.
  var UNIT_NOTE = { week: 'One point per week (from Monday, UTC): the range is too long for days.',
    month: 'One point per month (UTC): the range is too long for days or weeks.' };
  function timeLines(box, t) {
    var series = {};
    t.series.forEach(function (s) { var m = series[s.name] = {}; s.values.forEach(function (v, i) { m[t.periods[i]] = v; }); });
    lines(box, t.periods, series);
    if (t.periods.length && UNIT_NOTE[t.unit]) empty(box, UNIT_NOTE[t.unit]);
  }
  // Lines over a shared x axis of periods: series = {name: {period: value}}.
  function lines(box, periods, series) {
    var names = Object.keys(series);
    if (!periods.length || !names.length) return empty(box, 'No dated posts yet.');
    var W = 720, H = 240, L = 40, B = 24, T = 10, R = 10;
    var max = 1;
    names.forEach(function (n) { periods.forEach(function (p) { max = Math.max(max, series[n][p] || 0); }); });
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img' });
    var x = function (i) { return L + (periods.length === 1 ? (W - L - R) / 2 : i * (W - L - R) / (periods.length - 1)); };
    var y = function (v) { return H - B - v * (H - B - T) / max; };
    [0, 0.5, 1].forEach(function (f) {
      var v = Math.round(max * f);
      svg.appendChild(el('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: 'currentColor', 'stroke-opacity': 0.12 }));
      svg.appendChild(el('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
    });
    var step = Math.max(1, Math.ceil(periods.length / 8));
    periods.forEach(function (p, i) { if (i % step === 0) svg.appendChild(el('text', { x: x(i), y: H - 6, 'text-anchor': 'middle' }, p)); });
    names.forEach(function (n, k) {
      var pts = periods.map(function (p, i) { return x(i) + ',' + y(series[n][p] || 0); }).join(' ');
      var line = el('polyline', { points: pts, fill: 'none', stroke: COLORS[k % COLORS.length], 'stroke-width': 2 });
      line.appendChild(el('title', {}, n));
      svg.appendChild(line);
    });
    box.appendChild(svg);
    legend(box, names);
  }
  function bars(box, rows) {
    if (!rows.length) return empty(box, 'Nothing yet.');
    var W = 720, rowH = 22, L = 90, H = rows.length * rowH + 6;
    var max = Math.max.apply(null, rows.map(function (r) { return r.value; }).concat([1]));
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img' });
    rows.forEach(function (r, i) {
      var w = Math.max(2, (W - L - 60) * r.value / max);
      svg.appendChild(el('text', { x: L - 6, y: i * rowH + 16, 'text-anchor': 'end' }, r.label));
      svg.appendChild(el('rect', { x: L, y: i * rowH + 4, width: w, height: rowH - 8, rx: 3, fill: COLORS[i % COLORS.length] }));
      svg.appendChild(el('text', { x: L + w + 6, y: i * rowH + 16 }, String(r.value)));
    });
    box.appendChild(svg);
  }
  // Forward network: origins on the left, carrying channels on the right, edge width by posts.
  function network(box, edges) {
    if (!edges.length) return empty(box, 'No forwards yet.');
    edges = edges.slice(0, 40);
    // Origins by identity (two channels may share a title), drawn with their names.
    var origins = [], names = [], chans = [];
    var idOf = function (e) { return e.originKind + ' ' + e.origin; };
    edges.forEach(function (e) {
      if (origins.indexOf(idOf(e)) < 0) { origins.push(idOf(e)); names.push(e.originName); }
      if (chans.indexOf(e.channel) < 0) chans.push(e.channel);
    });
    var W = 720, rowH = 26, H = Math.max(origins.length, chans.length) * rowH + 10, L = 220, R = W - 160;
    var max = Math.max.apply(null, edges.map(function (e) { return e.posts; }));
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img' });
    var oy = function (i) { return 14 + i * rowH; };
    edges.forEach(function (e) {
      var a = oy(origins.indexOf(idOf(e))), b = oy(chans.indexOf(e.channel));
      var p = el('path', { d: 'M' + L + ',' + a + ' C' + (L + 120) + ',' + a + ' ' + (R - 120) + ',' + b + ' ' + R + ',' + b,
        fill: 'none', stroke: COLORS[chans.indexOf(e.channel) % COLORS.length], 'stroke-opacity': 0.6, 'stroke-width': 1 + 8 * e.posts / max });
      p.appendChild(el('title', {}, e.originName + ' (' + idOf(e) + ') → ' + e.channel + ': ' + e.posts));
      svg.appendChild(p);
    });
    names.forEach(function (o, i) { svg.appendChild(el('text', { x: L - 6, y: oy(i) + 4, 'text-anchor': 'end' }, o)); });
    chans.forEach(function (c, i) { svg.appendChild(el('text', { x: R + 6, y: oy(i) + 4 }, c)); });
    box.appendChild(svg);
  }
  function get(url) { return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) { return r.json(); }); }
  var q = location.search;
  var daily = document.getElementById('chart-daily');
  if (daily) get('/api/stats/daily' + q).then(function (d) { timeLines(daily, d.timeline); });
  var tags = document.getElementById('chart-hashtags');
  if (tags) get('/api/stats/hashtags' + q).then(function (d) {
    if (d.hashtags.length) return timeLines(tags, d.timeline);
    // Undated archives (text dumps) have no "over time": show the overall top hashtags instead.
    return get('/api/stats' + q).then(function (s) {
      var note = document.createElement('p'); note.className = 'muted'; note.textContent = 'No dated posts: overall counts.';
      tags.appendChild(note);
      bars(tags, s.topHashtags.slice(0, 12).map(function (t) { return { label: '#' + String(t.tag).replace(/^#/, ''), value: t.count }; }));
    });
  });
  var langs = document.getElementById('chart-languages');
  if (langs) get('/api/stats/languages' + q).then(function (d) { bars(langs, d.languages.map(function (l) { return { label: !l.lang ? 'without text' : l.lang === 'und' ? 'undetermined' : l.lang === 'other' ? 'other languages' : l.lang, value: l.posts }; })); });
  var fwd = document.getElementById('chart-forwards');
  if (fwd) get('/api/stats/forwards' + q).then(function (d) { network(fwd, d.forwards); });
})();
`;

export interface Asset {
  body: string;
  type: string;
  etag: string;
}

function asset(body: string, type: string): Asset {
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

export const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['style.css', asset(STYLE.trim(), 'text/css; charset=utf-8')],
  ['app.js', asset(APP_JS.trim(), 'text/javascript; charset=utf-8')],
  ['dashboard.js', asset(DASHBOARD_JS.trim(), 'text/javascript; charset=utf-8')],
]);
