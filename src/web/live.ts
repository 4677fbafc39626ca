/**
 * The page of `gomemlens serve`: one tab per target, each the report's view (report-view.ts)
 * fed by Server-Sent Events from /events. A `history` event rebuilds a target from the
 * server's bounded history (on load, reload and reconnect); a `record` event adds one capture
 * record. Only the open tab is drawn, at most every 500 ms.
 */
import type { CaptureHeader, CaptureRecord } from '../formats/capture.js';
import type { LivePageData } from '../report/html/live-page.js';
import { LiveHistory } from '../report/html/live-history.js';
import { buildReportData } from '../report/html/report-data.js';
import { el } from './dom.js';
import { forecastLine } from './live-forecast.js';
import { livePostMortem } from './live-postmortem.js';
import { reportView, type ReportView } from './report-view.js';
import './report.css';
import './profile.css';

const page = JSON.parse(document.getElementById('live-data')!.textContent!) as LivePageData;
const app = document.getElementById('app')!;
const histories = new Map<string, LiveHistory>();
const status = el('span', { id: 'live-status', class: 'muted' }, 'connecting');
const tabs = el('nav', { class: 'tabs', role: 'tablist' });
const errors = el('div', { id: 'errors' });
const forecast = el('p', { id: 'live-forecast', class: 'forecast' });
const body = el('div', { id: 'tab-body' });
app.replaceChildren(
  el('header', { class: 'live-head' }, el('h1', {}, 'gomemlens serve'), status),
  tabs,
  errors,
  forecast,
  body,
);
const showError = (msg: string) => errors.append(el('p', { class: 'error' }, msg));

let active = page.targets[0]?.id;
let view: ReportView | undefined;
let dirty = true;
let lastDraw = 0;

for (const t of page.targets) {
  const b = el('button', { role: 'tab', 'data-target': t.id }, t.label);
  b.addEventListener('click', () => select(t.id));
  tabs.append(b);
}
markTabs();

const events = new EventSource('/events');
events.addEventListener('open', () => (status.textContent = 'live'));
events.addEventListener('error', () => (status.textContent = 'reconnecting'));
events.addEventListener('history', (e) => {
  const m = JSON.parse(e.data) as {
    target: string;
    header: CaptureHeader;
    records: CaptureRecord[];
  };
  const h = new LiveHistory(m.header);
  for (const r of m.records) h.add(r);
  histories.set(m.target, h);
  if (h.capture().end) markEnded(m.target);
  if (m.target === active) view = undefined;
  changed(m.target);
});
events.addEventListener('record', (e) => {
  const m = JSON.parse(e.data) as { target: string; record: CaptureRecord };
  histories.get(m.target)?.add(m.record);
  if (m.record.type === 'end') markEnded(m.target);
  changed(m.target);
});

/** A tab whose target is no longer watched says so (the page keeps its history). */
function markEnded(target: string): void {
  tabs.querySelector(`button[data-target="${target}"]`)?.classList.add('ended');
}

function changed(target: string): void {
  if (target !== active) return;
  dirty = true;
  requestAnimationFrame(draw);
}

function select(id: string): void {
  active = id;
  view = undefined;
  markTabs();
  changed(id);
}

function markTabs(): void {
  for (const b of tabs.querySelectorAll('button'))
    b.setAttribute('aria-selected', String(b.getAttribute('data-target') === active));
}

function draw(): void {
  const h = active === undefined ? undefined : histories.get(active);
  if (!dirty || !h) return;
  const wait = 500 - (performance.now() - lastDraw);
  if (wait > 0 && view) return void setTimeout(() => requestAnimationFrame(draw), wait);
  dirty = false;
  lastDraw = performance.now();
  const capture = h.capture();
  const target = active!;
  const pm = livePostMortem(capture, () => changed(target));
  const data = buildReportData(capture, pm, { buckets: 600 });
  forecast.textContent = forecastLine(capture.forecasts[capture.forecasts.length - 1]);
  if (view) return view.update(data);
  view = reportView(data, {
    onError: showError,
    title: page.targets.find((t) => t.id === active)?.label,
    profileActions: profileButton(active!),
  });
  body.replaceChildren(view.root);
  body.setAttribute('data-target', active!);
}

function profileButton(target: string): HTMLElement {
  const note = el('span', { class: 'muted', id: 'profile-now-status' });
  const button = el('button', { id: 'profile-now' }, 'Take a heap profile now');
  button.addEventListener('click', async () => {
    note.textContent = 'requested';
    try {
      const r = await fetch(`/profile?target=${encodeURIComponent(target)}`, {
        method: 'POST',
        headers: { 'X-Gomemlens-Action': 'profile' },
      });
      note.textContent = r.ok ? 'requested; it shows here when taken' : (await r.text()).trim();
    } catch (err) {
      note.textContent = `request failed: ${(err as Error).message}`;
    }
  });
  return el('p', { class: 'actions' }, button, ' ', note);
}
