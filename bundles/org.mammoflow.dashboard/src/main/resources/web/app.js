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

function showJob(update) {
  const p = jobs[update.job] = Object.assign(jobs[update.job] || {}, update);
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
  chart($('live-curve'), [{ name: 'running loss', values: live.losses.map((y, i) => [i + 1, y]), color: '#3a7bd5' }], 'batch');
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

// ---- charts (SVG polylines, one colour per series)
function chart(svg, series, xLabel) {
  const w = 600, h = 200, left = 44, bottom = 24, top = 8, right = 100;
  const points = series.flatMap(s => s.values);
  svg.replaceChildren();
  if (!points.length) return;
  const xs = points.map(p => p[0]), ys = points.map(p => p[1]).filter(Number.isFinite);
  const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1), y0 = Math.min(0, ...ys), y1 = Math.max(...ys, y0 + 1e-9);
  const X = x => left + (x - x0) / (x1 - x0) * (w - left - right), Y = y => h - bottom - (y - y0) / (y1 - y0) * (h - bottom - top);
  const ns = 'http://www.w3.org/2000/svg';
  const add = (tag, attributes, text) => {
    const e = document.createElementNS(ns, tag);
    Object.entries(attributes).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
  };
  add('line', { x1: left, y1: h - bottom, x2: w - right, y2: h - bottom, stroke: '#999' });
  add('line', { x1: left, y1: top, x2: left, y2: h - bottom, stroke: '#999' });
  add('text', { x: left - 4, y: top + 10, 'text-anchor': 'end' }, number(y1, 2));
  add('text', { x: left - 4, y: h - bottom, 'text-anchor': 'end' }, number(y0, 2));
  add('text', { x: w - right, y: h - 6, 'text-anchor': 'end' }, xLabel + ' ' + x1);
  series.forEach((s, i) => {
    const values = s.values.filter(p => Number.isFinite(p[1]));
    add('polyline', { fill: 'none', stroke: s.color, 'stroke-width': 2, points: values.map(p => X(p[0]) + ',' + Y(p[1])).join(' ') });
    values.forEach(p => add('circle', { cx: X(p[0]), cy: Y(p[1]), r: 2.5, fill: s.color }));
    add('text', { x: w - right + 6, y: top + 12 + 14 * i, fill: s.color }, s.name);
  });
}

function parseCsv(text) {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const names = header.split(',');
  return rows.filter(r => r).map(r => Object.fromEntries(r.split(',').map((v, i) => [names[i], v === '' ? NaN : Number(v)])));
}

// ---- runs and their evaluations
let selectedRun = null;

async function showRuns() {
  const runs = await get('runs');
  const list = $('runs');
  list.replaceChildren(...runs.map(run => {
    const item = element('li', run.name, { 'data-run': run.name, class: run.name === selectedRun ? 'selected' : '' });
    item.addEventListener('click', () => showRun(run));
    return item;
  }));
  const selected = runs.find(r => r.name === selectedRun);
  if (selected) showRun(selected);
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
      const figure = element('figure');
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('class', 'chart curve');
      svg.setAttribute('viewBox', '0 0 600 200');
      svg.setAttribute('data-stage', String(stage));
      figure.append(svg, element('figcaption', 'Stage ' + stage + ': loss and accuracy by epoch'));
      curves.appendChild(figure);
      chart(svg, [
        { name: 'train loss', color: '#3a7bd5', values: of.map(r => [r.epoch, r.train_loss]) },
        { name: 'val loss', color: '#d5683a', values: of.map(r => [r.epoch, r.val_loss]) },
        { name: 'train acc', color: '#7fb0f0', values: of.map(r => [r.epoch, r.train_accuracy]) },
        { name: 'val acc', color: '#f0a57f', values: of.map(r => [r.epoch, r.val_accuracy]) }], 'epoch');
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
    if (run.files.includes(folder + '/roc.png')) box.appendChild(element('img', null, { src: fileUrl(run.name, folder + '/roc.png'), alt: 'ROC curve' }));
    screening(box, e, run, folder);
    evaluations.appendChild(box);
  }
  const pictures = $('pictures');
  pictures.replaceChildren(...run.files.filter(f => f.endsWith('.png') && !f.endsWith('/roc.png') && !f.endsWith('/reliability.png'))
      .map(f => element('img', null, { src: fileUrl(run.name, f), alt: f, title: f })));
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
