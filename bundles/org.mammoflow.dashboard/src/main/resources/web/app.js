'use strict';
// The dashboard page: reads the /api answers, follows progress through server-sent events, and sends
// actions with the X-Mammoflow header (which another site's page cannot send). Text goes in as text.
const api = '../api/';
const $ = id => document.getElementById(id);
const live = { job: null, losses: [] };
const jobs = {}; // the last known state of each job: progress events carry no totals, /api/jobs does

function say(text) { $('message').textContent = text || ''; }

async function get(path) {
  const response = await fetch(api + path, { cache: 'no-store' });
  if (!response.ok) throw new Error((await response.json()).error || response.statusText);
  return response.json();
}

async function act(path, body, type) {
  const headers = { 'X-Mammoflow': '1' };
  if (type) headers['Content-Type'] = type;
  const response = await fetch(api + path, { method: 'POST', headers, body, credentials: 'same-origin' });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || response.statusText);
  return answer;
}

function element(tag, text, attributes) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  Object.entries(attributes || {}).forEach(([k, v]) => e.setAttribute(k, v));
  return e;
}

function number(x, digits) { return x === null || x === undefined || Number.isNaN(x) ? '' : Number(x).toFixed(digits); }

// ---- login
async function showSession() {
  const session = await get('session');
  $('session').textContent = session.user ? 'logged in as ' + session.user
      : session.loginConfigured ? 'not logged in' : 'no login configured (see docs/guide.md, "The dashboard")';
  $('login-form').hidden = !!session.user;
  $('logout-button').hidden = !session.user;
}

$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    const form = new URLSearchParams({ user: $('login-user').value, password: $('login-password').value });
    await act('login', form, 'application/x-www-form-urlencoded');
    $('login-password').value = '';
    say('');
  } catch (e) { say(e.message); }
  showSession();
});
$('logout-button').addEventListener('click', async () => { await act('logout'); showSession(); });

// ---- jobs, live
function progressText(p) {
  if (p.kind === 'pacs-watch') return p.batch + ' of ' + p.batches + ' studies answered or refused; ' + p.message;
  return 'stage ' + p.stage + '/' + p.stages + ', epoch ' + p.epoch + '/' + p.epochs + ', batch ' + p.batch + '/' + p.batches;
}

const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

function showJob(update) {
  const known = jobs[update.job];
  // a reply sent before the job ended (a cancel's, a job list's) can arrive after the event that says it ended
  if (known && FINISHED.includes(known.state) && !FINISHED.includes(update.state)) return;
  const p = jobs[update.job] = Object.assign(known || {}, update);
  let row = document.querySelector('#jobs tr[data-job="' + CSS.escape(p.job) + '"]');
  if (!row) {
    row = element('tr', null, { 'data-job': p.job });
    ['job', 'run', 'state', 'progress', 'loss', 'accuracy', 'speed', 'action'].forEach(c => row.appendChild(element('td', null, { class: c })));
    row.querySelector('.job').textContent = p.job;
    const cancel = element('button', 'Cancel', { class: 'cancel' });
    cancel.addEventListener('click', async () => {
      try { showJob(await act('jobs/' + encodeURIComponent(p.job) + '/cancel')); } catch (e) { say(e.message); }
    });
    row.querySelector('.action').appendChild(cancel);
    $('jobs').tBodies[0].appendChild(row);
  }
  if (p.runDir) row.querySelector('.run').textContent = p.runDir;
  row.querySelector('.state').textContent = p.state.toLowerCase();
  const done = p.batches ? p.batch / p.batches : 0;
  const cell = row.querySelector('.progress');
  cell.replaceChildren(element('span', null, { class: 'bar' }), element('span', progressText(p)));
  cell.firstChild.appendChild(element('span', null, { style: 'width:' + Math.round(100 * done) + '%' }));
  row.querySelector('.loss').textContent = number(p.loss, 4);
  row.querySelector('.accuracy').textContent = number(p.accuracy, 3);
  row.querySelector('.speed').textContent = number(p.imagesPerSecond, 1);
  row.querySelector('.cancel').disabled = !['QUEUED', 'RUNNING'].includes(p.state);
}

function followLive(p) {
  if (p.state !== 'RUNNING' || !p.batch) return;
  if (live.job !== p.job + '/' + p.stage) { live.job = p.job + '/' + p.stage; live.losses = []; }
  live.losses.push(p.loss);
  $('live-job').textContent = p.job + ', stage ' + p.stage;
  $('live-figure').hidden = false;
  chart($('live-curve'), [{ name: 'running loss', values: live.losses.map((y, i) => [i + 1, y]), color: palette[0] }],
    { x: 'batch of the stage', y: 'loss', log: true, smooth: true, integerX: true });
  $('live-curve').setAttribute('data-points', String(live.losses.length));
}

async function showJobs() { (await get('jobs')).forEach(showJob); }

// PACS watches post no events: while one runs, the jobs are asked for every few seconds
setInterval(() => {
  if (Object.values(jobs).some(j => j.kind === 'pacs-watch' && j.state === 'RUNNING')) showJobs().catch(e => say(e.message));
}, 5000);

function listen() {
  const events = new EventSource(api + 'events');
  events.addEventListener('progress', message => {
    const p = JSON.parse(message.data);
    const known = jobs[p.job];
    showJob(p);
    // a new job or stage: the totals the event does not carry come from /api/jobs
    if (!known || known.stage !== p.stage || !(p.epoch <= known.epochs)) showJobs().catch(e => say(e.message));
    followLive(p);
    if (p.state !== 'RUNNING' || p.batch === p.batches) refreshSoon();
  });
}

// ---- charts: SVG, a colour and a legend key per series, ticked axes with units, hover read-out,
// drag to zoom (double-click resets), log scale and smoothing (TensorBoard's moving average) by option
const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
const view = { smoothing: 0, logLoss: false };
const NS = 'http://www.w3.org/2000/svg';

/** Draws series [{name, color, values: [[x, y]...]}] with axes {x, y: labels with units, log, smooth, range}. */
function chart(svg, series, axes) {
  svg.chartSeries = series;
  svg.chartAxes = typeof axes === 'string' ? { x: axes, y: '' } : axes;
  svg.zoom = null;
  drawChart(svg);
  if (!svg.chartListening) {
    svg.chartListening = true;
    svg.addEventListener('mousemove', e => hover(svg, e));
    svg.addEventListener('mouseleave', () => svg.querySelectorAll('.hover').forEach(n => n.remove()));
    svg.addEventListener('mousedown', e => { svg.dragFrom = dataX(svg, e); });
    svg.addEventListener('mouseup', e => {
      const to = dataX(svg, e);
      if (svg.dragFrom !== undefined && Math.abs(to - svg.dragFrom) > 1e-9) { svg.zoom = [Math.min(svg.dragFrom, to), Math.max(svg.dragFrom, to)]; drawChart(svg); }
      svg.dragFrom = undefined;
    });
    svg.addEventListener('dblclick', () => { svg.zoom = null; drawChart(svg); });
  }
}

function niceTicks(lo, hi, count) {
  const span = hi - lo || Math.abs(hi) || 1, rough = span / count, magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
  const step = [1, 2, 5, 10].map(m => m * magnitude).find(s => span / s <= count);
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function tickLabel(t) { return Number.isInteger(t) ? String(t) : String(Number(t.toPrecision(3))); }

/** TensorBoard's smoothing: an exponential moving average, debiased at the start. */
function smoothed(values, weight) {
  if (!weight) return values;
  let average = 0, n = 0;
  return values.map(([x, y]) => {
    if (!Number.isFinite(y)) return [x, y];
    n++; average = average * weight + (1 - weight) * y;
    return [x, average / (1 - Math.pow(weight, n))];
  });
}

function drawChart(svg) {
  const axes = svg.chartAxes, w = 600, h = 220, left = 52, bottom = 34, top = 10, right = 130;
  const log = axes.log && view.logLoss;
  const series = svg.chartSeries.map(s => ({ ...s, values: (axes.smooth ? smoothed(s.values, view.smoothing) : s.values)
      .filter(p => Number.isFinite(p[1]) && (!log || p[1] > 0)).filter(p => !svg.zoom || (p[0] >= svg.zoom[0] && p[0] <= svg.zoom[1])) }))
    .filter(s => s.values.length);
  svg.replaceChildren();
  svg.setAttribute('data-points', String(series.reduce((n, s) => n + s.values.length, 0)));
  if (!series.length) return;
  const xs = series.flatMap(s => s.values.map(p => p[0])), ys = series.flatMap(s => s.values.map(p => log ? Math.log10(p[1]) : p[1]));
  let x0 = Math.min(...xs), x1 = Math.max(...xs);
  if (x1 === x0) { x0 -= 1; x1 += 1; }
  let y0 = axes.range ? axes.range[0] : Math.min(...ys), y1 = axes.range ? axes.range[1] : Math.max(...ys);
  if (!axes.range && !log) y0 = Math.min(0, y0);
  if (y1 - y0 < 1e-9) { y1 = y0 + 1; }
  const X = x => left + (x - x0) / (x1 - x0) * (w - left - right), Y = y => h - bottom - ((log ? Math.log10(y) : y) - y0) / (y1 - y0) * (h - bottom - top);
  svg.chartFrame = { left, right, w, x0, x1 };
  const add = (tag, attributes, text, parent) => {
    const e = document.createElementNS(NS, tag);
    Object.entries(attributes).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    (parent || svg).appendChild(e);
    return e;
  };
  // on a log axis the ticks are round values of the quantity itself, placed by their logarithm
  const yTicks = log ? niceTicks(Math.pow(10, y0), Math.pow(10, y1), 4).filter(t => t > 0).map(t => [t, Math.log10(t)])
    : niceTicks(y0, y1, 4).map(t => [t, t]);
  yTicks.forEach(([label, t]) => {
    const y = h - bottom - (t - y0) / (y1 - y0) * (h - bottom - top);
    add('line', { x1: left, y1: y, x2: w - right, y2: y, stroke: '#eceff3' });
    add('text', { x: left - 4, y: y + 4, 'text-anchor': 'end' }, tickLabel(label));
  });
  niceTicks(x0, x1, 6).filter(t => !axes.integerX || Number.isInteger(t)).forEach(t => {
    add('line', { x1: X(t), y1: h - bottom, x2: X(t), y2: h - bottom + 4, stroke: '#999' });
    add('text', { x: X(t), y: h - bottom + 15, 'text-anchor': 'middle' }, tickLabel(t));
  });
  add('line', { x1: left, y1: h - bottom, x2: w - right, y2: h - bottom, stroke: '#999' });
  add('line', { x1: left, y1: top, x2: left, y2: h - bottom, stroke: '#999' });
  add('text', { x: (left + w - right) / 2, y: h - 4, 'text-anchor': 'middle', class: 'axis' }, axes.x + (svg.zoom ? ' (zoomed: double-click resets)' : ''));
  if (axes.title) add('text', { x: left + 8, y: top + 14, class: 'axis' }, axes.title);
  add('text', { x: 12, y: (top + h - bottom) / 2, 'text-anchor': 'middle', class: 'axis', transform: 'rotate(-90 12 ' + (top + h - bottom) / 2 + ')' },
    axes.y + (log ? ' (log)' : ''));
  series.forEach((s, i) => {
    add('polyline', { fill: 'none', stroke: s.color, 'stroke-width': 2, 'data-series': s.name, 'data-run': s.run || '',
      points: s.values.map(p => X(p[0]) + ',' + Y(p[1])).join(' ') });
    if (s.values.length < 60) s.values.forEach(p => add('circle', { cx: X(p[0]), cy: Y(p[1]), r: 2.5, fill: s.color }));
    const key = add('g', { class: 'legend' });
    add('rect', { x: w - right + 8, y: top + 4 + 16 * i, width: 12, height: 4, fill: s.color }, undefined, key);
    add('text', { x: w - right + 24, y: top + 10 + 16 * i, fill: '#333' }, s.name, key);
  });
  svg.chartDrawn = { series, X, Y };
}

function dataX(svg, event) {
  const f = svg.chartFrame;
  if (!f) return undefined;
  const box = svg.getBoundingClientRect(), x = (event.clientX - box.left) / box.width * f.w;
  return f.x0 + (x - f.left) / (f.w - f.left - f.right) * (f.x1 - f.x0);
}

/** The values of every series at the x nearest the pointer, beside a vertical guide. */
function hover(svg, event) {
  svg.querySelectorAll('.hover').forEach(n => n.remove());
  const drawn = svg.chartDrawn, x = dataX(svg, event);
  if (!drawn || x === undefined) return;
  const nearest = drawn.series.flatMap(s => s.values.map(p => p[0])).reduce((a, b) => Math.abs(b - x) < Math.abs(a - x) ? b : a);
  const g = document.createElementNS(NS, 'g');
  g.setAttribute('class', 'hover');
  const line = document.createElementNS(NS, 'line');
  Object.entries({ x1: drawn.X(nearest), x2: drawn.X(nearest), y1: 10, y2: 186, stroke: '#888', 'stroke-dasharray': '3 3' }).forEach(([k, v]) => line.setAttribute(k, v));
  g.appendChild(line);
  const lines = [svg.chartAxes.x + ' ' + number(nearest, 3)].concat(drawn.series.map(s => {
    const p = s.values.find(v => v[0] === nearest);
    return p ? s.name + ': ' + number(p[1], 4) : null;
  }).filter(Boolean));
  lines.forEach((text, i) => {
    const t = document.createElementNS(NS, 'text');
    t.setAttribute('x', Math.min(drawn.X(nearest) + 6, 330)); t.setAttribute('y', 24 + 13 * i); t.setAttribute('class', 'readout');
    t.textContent = text;
    g.appendChild(t);
  });
  svg.appendChild(g);
}

function redrawCharts() { document.querySelectorAll('svg.chart').forEach(svg => { if (svg.chartSeries) drawChart(svg); }); }
$('smoothing').addEventListener('input', () => { view.smoothing = Number($('smoothing').value); $('smoothing-value').textContent = view.smoothing.toFixed(2); redrawCharts(); });
$('log-loss').addEventListener('change', () => { view.logLoss = $('log-loss').checked; redrawCharts(); });

function newChart(parent, caption, attributes) {
  const figure = element('figure');
  const svg = document.createElementNS(NS, 'svg');
  Object.entries(Object.assign({ class: 'chart', viewBox: '0 0 600 220' }, attributes)).forEach(([k, v]) => svg.setAttribute(k, v));
  figure.append(svg, element('figcaption', caption));
  parent.appendChild(figure);
  return svg;
}

function parseCsv(text) {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const names = header.split(',');
  return rows.filter(r => r).map(r => Object.fromEntries(r.split(',').map((v, i) => [names[i], v === '' ? NaN : Number(v)])));
}

// ---- runs and their evaluations
let selectedRun = null;
let knownRuns = [];
const compared = new Set();
const metricsCache = {};

async function metrics(run) {
  return metricsCache[run] = metricsCache[run]
    || parseCsv(await (await fetch(fileUrl(run, 'metrics.csv'), { cache: 'no-store' })).text());
}

/** A link may name the run to show and the runs to compare: #run=demo/whole-run&compare=demo/patch-run,demo/whole-run */
function linked(runs) {
  if (linked.done) return;
  linked.done = true;
  const asked = new URLSearchParams(location.hash.slice(1));
  (asked.get('compare') || '').split(',').filter(name => runs.some(r => r.name === name)).forEach(name => {
    compared.add(name);
    const box = document.querySelector('#runs input.compare[data-run="' + CSS.escape(name) + '"]');
    if (box) box.checked = true;
  });
  const run = runs.find(r => r.name === asked.get('run'));
  if (run) showRun(run); else showComparison().catch(e => say(e.message));
}

/** The runs ticked for comparison: validation loss and accuracy by epoch (stages one after the other), a colour per run. */
async function showComparison() {
  const runs = knownRuns.filter(r => compared.has(r.name) && r.files.includes('metrics.csv'));
  $('compare-figures').hidden = runs.length === 0;
  if (!runs.length) return;
  const series = await Promise.all(runs.map(async (run, i) => ({ run: run.name, name: run.name, color: palette[i % palette.length],
    rows: await metrics(run.name) })));
  const byEpoch = key => series.map(s => ({ run: s.run, name: s.name, color: s.color, values: s.rows.map((r, n) => [n + 1, r[key]]) }));
  chart($('compare-loss'), byEpoch('val_loss'), { x: 'epoch (all stages)', y: 'validation loss', log: true, smooth: true, integerX: true });
  chart($('compare-accuracy'), byEpoch('val_accuracy'), { x: 'epoch (all stages)', y: 'validation accuracy', range: [0, 1], smooth: true, integerX: true });
}

async function showRuns() {
  const runs = await get('runs');
  const list = $('runs');
  knownRuns = runs;
  list.replaceChildren(...runs.map(run => {
    const item = element('li', null, { 'data-run': run.name, class: run.name === selectedRun ? 'selected' : '' });
    const pick = element('input', null, { type: 'checkbox', class: 'compare', title: 'compare this run', 'data-run': run.name });
    pick.checked = compared.has(run.name);
    pick.addEventListener('click', event => {
      event.stopPropagation();
      if (pick.checked) compared.add(run.name); else compared.delete(run.name);
      showComparison().catch(e => say(e.message));
    });
    item.append(pick, element('span', ' ' + run.name));
    item.addEventListener('click', () => showRun(run));
    return item;
  }));
  const selected = runs.find(r => r.name === selectedRun);
  if (selected) showRun(selected);
  linked(runs);
  const models = await get('predict/models');
  fillSelect($('predict-run'), models.filter(m => m.kind === 'whole-image').map(m => m.run), false);
  fillSelect($('predict-patch-run'), models.filter(m => m.kind === 'patch').map(m => m.run), true);
}

function fillSelect(select, values, withNone) {
  const current = select.value;
  const options = values.map(v => element('option', v, { value: v }));
  if (withNone) options.unshift(element('option', 'none', { value: '' }));
  select.replaceChildren(...options);
  if ([...select.options].some(o => o.value === current)) select.value = current;
}

function fileUrl(run, key) { return api + 'runs/file?run=' + encodeURIComponent(run) + '&key=' + encodeURIComponent(key); }

async function showRun(run) {
  selectedRun = run.name;
  document.querySelectorAll('#runs li').forEach(li => li.classList.toggle('selected', li.dataset.run === run.name));
  $('run-detail').hidden = false;
  $('run-name').textContent = run.name;
  $('resume-button').onclick = async () => {
    try { showJob(await act('runs/resume?run=' + encodeURIComponent(run.name))); } catch (e) { say(e.message); }
  };
  const curves = $('curves');
  curves.replaceChildren();
  if (run.files.includes('metrics.csv')) {
    const rows = parseCsv(await (await fetch(fileUrl(run.name, 'metrics.csv'), { cache: 'no-store' })).text());
    [...new Set(rows.map(r => r.stage))].forEach(stage => {
      const of = rows.filter(r => r.stage === stage);
      chart(newChart(curves, 'Stage ' + stage + ': loss by epoch', { class: 'chart curve', 'data-stage': String(stage) }), [
        { name: 'train loss', color: palette[0], values: of.map(r => [r.epoch, r.train_loss]) },
        { name: 'validation loss', color: palette[1], values: of.map(r => [r.epoch, r.val_loss]) }],
        { x: 'epoch', y: 'loss', log: true, smooth: true, integerX: true });
      chart(newChart(curves, 'Stage ' + stage + ': accuracy by epoch', { class: 'chart curve accuracy', 'data-stage': String(stage) }), [
        { name: 'train accuracy', color: palette[2], values: of.map(r => [r.epoch, r.train_accuracy]) },
        { name: 'validation accuracy', color: palette[3], values: of.map(r => [r.epoch, r.val_accuracy]) }],
        { x: 'epoch', y: 'accuracy', range: [0, 1], smooth: true, integerX: true });
    });
  }
  const evaluations = $('evaluations');
  evaluations.replaceChildren();
  for (const key of run.files.filter(f => f.endsWith('/evaluation.json'))) {
    const e = await (await fetch(fileUrl(run.name, key), { cache: 'no-store' })).json();
    const folder = key.split('/')[0];
    const box = element('div', null, { class: 'evaluation', 'data-key': key });
    box.appendChild(element('h4', folder));
    box.appendChild(element('p', 'AUC ' + number(e.auc, 3) + ' (' + Math.round(100 * e.confidence) + '% interval '
        + number(e.auc_interval[0], 3) + '-' + number(e.auc_interval[1], 3) + '), accuracy ' + number(e.accuracy, 3)
        + ' on ' + e.samples + ' cases', { class: 'auc' }));
    const table = element('table', null, { class: 'confusion' });
    const names = e.classes || e.class_accuracy.map((_, i) => 'class ' + i);
    const head = element('tr');
    head.append(element('th', 'true \\ predicted'), ...names.map(n => element('th', n)), element('th', 'accuracy'));
    table.appendChild(head);
    e.confusion.forEach((row, i) => {
      const tr = element('tr');
      tr.append(element('th', names[i] || String(i)), ...row.map(c => element('td', String(c))), element('td', number(e.class_accuracy[i], 3)));
      table.appendChild(tr);
    });
    box.appendChild(table);
    if (run.files.includes(folder + '/roc.csv')) {
      const roc = parseCsv(await (await fetch(fileUrl(run.name, folder + '/roc.csv'), { cache: 'no-store' })).text());
      chart(newChart(box, 'ROC curve of the test images', { class: 'chart roc', viewBox: '0 0 600 220' }), [
        { name: 'test images', color: palette[0], values: roc.map(r => [r.false_positive_rate, r.true_positive_rate]) },
        { name: 'chance', color: '#bbb', values: [[0, 0], [1, 1]] }],
        { x: 'false positive rate (1 - specificity)', y: 'true positive rate', range: [0, 1],
          title: 'AUC ' + number(e.auc, 3) + ' (' + Math.round(100 * e.confidence) + '% interval ' + number(e.auc_interval[0], 3)
            + '-' + number(e.auc_interval[1], 3) + ')' });
    } else if (run.files.includes(folder + '/roc.png')) {
      box.appendChild(element('img', null, { src: fileUrl(run.name, folder + '/roc.png'), alt: 'ROC curve' }));
    }
    screening(box, e, run, folder);
    evaluations.appendChild(box);
  }
  const pictures = $('pictures');
  pictures.replaceChildren(...run.files.filter(f => f.endsWith('.png') && !f.endsWith('/roc.png') && !f.endsWith('/reliability.png'))
      .map(f => element('img', null, { src: fileUrl(run.name, f), alt: f, title: f })));
  showComparison().catch(e => say(e.message));
  pictures.className = 'pictures';
}

/** A whole-image evaluation's figures per image, breast and exam, its calibration and its operating points. */
function screening(box, e, run, folder) {
  const interval = i => i && i[0] !== null ? ' (' + number(i[0], 3) + '-' + number(i[1], 3) + ')' : '';
  const table = (cls, head, rows) => {
    const t = element('table', null, { class: cls });
    const tr = element('tr');
    tr.append(...head.map(h => element('th', h)));
    t.appendChild(tr);
    rows.forEach(r => { const row = element('tr'); row.append(...r.map(c => element('td', c))); t.appendChild(row); });
    box.appendChild(t);
  };
  if (e.levels) {
    box.appendChild(element('h5', 'per image, breast and exam (views: ' + e.views + ')'));
    table('levels', ['level', 'cases', 'cancers', 'AUROC', 'AUPRC'], e.levels.map(l => [l.level, String(l.cases),
      String(l.positives), number(l.auroc, 3) + interval(l.auroc_interval), number(l.auprc, 3) + interval(l.auprc_interval)]));
  }
  if (e.calibration) {
    const c = e.calibration;
    box.appendChild(element('h5', 'calibration (' + c.method + ')'));
    table('calibration', ['', 'raw score', 'calibrated'], [['Brier score', number(c.brier_before, 3), number(c.brier_after, 3)],
      ['ECE (' + c.bins + ' bins)', number(c.ece_before, 3), number(c.ece_after, 3)]]);
    if (c.diagram && run.files.includes(folder + '/' + c.diagram)) {
      box.appendChild(element('img', null, { src: fileUrl(run.name, folder + '/' + c.diagram), alt: 'reliability diagram' }));
    }
  }
  if (e.operating_points) {
    const rate = r => r.of === 0 ? '-' : number(r.value, 3) + interval(r.interval);
    box.appendChild(element('h5', 'operating points (chosen on validation exams, test exams)'));
    table('operating-points', ['point', 'threshold', 'sensitivity', 'specificity', 'PPV', 'NPV', 'recall rate'],
      e.operating_points.map(p => [p.criterion + ' ' + number(p.target, 3), number(p.threshold, 4), rate(p.sensitivity),
        rate(p.specificity), rate(p.ppv), rate(p.npv), rate(p.recall_rate)]));
    table('rule-out', ['rule-out at', 'exams set aside', 'cancers among them'], e.rule_out.map(r => [r.name + ' (' +
      number(r.threshold, 4) + ')', r.set_aside + ' of ' + r.exams, r.cancers_set_aside + ' of ' + r.cancers]));
  }
}

let refreshTimer = null;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => showRuns().catch(e => say(e.message)), 1000);
}

// ---- prediction
$('predict-form').addEventListener('submit', async event => {
  event.preventDefault();
  const file = $('predict-file').files[0];
  if (!file) { say('choose a mammogram first'); return; }
  $('predict-result').textContent = 'predicting ' + file.name + ' ...';
  $('predict-heatmap').hidden = true;
  try {
    const query = 'predict?run=' + encodeURIComponent($('predict-run').value) + '&patchRun='
        + encodeURIComponent($('predict-patch-run').value) + '&name=' + encodeURIComponent(file.name);
    const answer = await act(query, file, 'application/octet-stream');
    $('predict-result').textContent = answer.name + ': malignant probability ' + number(answer.malignant, 4);
    if (answer.heatmap) { $('predict-heatmap').src = answer.heatmap; $('predict-heatmap').hidden = false; }
    say('');
  } catch (e) { $('predict-result').textContent = ''; say(e.message); }
});

// ---- sampler
async function showSampler(state) {
  const s = state || await get('samplers');
  $('sampler-active').textContent = s.active || 'none';
  fillSelect($('sampler-choice'), s.available, false);
}
$('sampler-use').addEventListener('click', async () => {
  try {
    await act('samplers?use=' + encodeURIComponent($('sampler-choice').value));
    setTimeout(showSampler, 500);
  } catch (e) { say(e.message); }
});

showSession().catch(e => say(e.message));
showJobs().catch(e => say(e.message));
showRuns().catch(e => say(e.message));
showSampler().catch(e => say(e.message));
listen();
