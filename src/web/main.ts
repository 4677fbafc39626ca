/** The HTML report's page: reads the embedded JSON and builds every section. */
import type { ReportData } from '../report/html/report-data.js';
import { chart, type ChartSpec } from './charts.js';
import { clock, el, section } from './dom.js';
import { formatBytes } from '../model/units.js';
import { profilesView } from './profiles.js';
import { diagnoseMoment } from './diagnose-moment.js';
import { whatIfView } from './what-if.js';
import { gcCyclesView } from './gc-cycles.js';
import './report.css';
import './profile.css';

const data = JSON.parse(document.getElementById('report-data')!.textContent!) as ReportData;
const app = document.getElementById('app')!;
const errors = el('div', { id: 'errors' });
const showError = (msg: string) => errors.append(el('p', { class: 'error' }, msg));

app.replaceChildren(header(), errors);
const breakdown = section('Breakdown at a chosen moment', 'breakdown');
const charts = section('Memory over time', 'charts');
app.append(charts.root, breakdown.root);
const width = Math.min(1200, app.clientWidth - 40 || 1000);
for (const spec of chartSpecs()) charts.body.append(chart(spec, width, pickMoment));
// The last full snapshot first: watch takes one with the last profile before the end.
pickMoment((data.snapshots[data.snapshots.length - 1]?.t ?? data.endedAt ?? 0) / 1000);
app.append(findingsSection(), postMortemSection());
const gcCycles = section('GC cycles (gctrace)', 'gc-cycles');
gcCycles.body.append(gcCyclesView(data.gcCycles, width));
app.append(gcCycles.root);
const whatIf = section('What if: other GOGC and GOMEMLIMIT settings', 'what-if');
whatIf.body.append(whatIfView(data.whatIf, width));
app.append(whatIf.root);
if (data.gcTraces.length > 0) app.append(gcTracesSection());
const prof = section('Heap profiles', 'profiles');
prof.body.append(
  profilesView(
    data.profiles.filter((p) => p.kind === 'heap'),
    showError,
  ),
);
app.append(prof.root);
const goroutines = data.profiles.filter((p) => p.kind === 'goroutine');
if (goroutines.length > 0) {
  const g = section('Goroutine profiles', 'goroutines');
  g.body.append(profilesView(goroutines, showError, 'g-'));
  app.append(g.root);
}

function header(): HTMLElement {
  const t = data.target;
  const what = [t.pid !== undefined && `pid ${t.pid}`, t.url, t.cgroupDir]
    .filter(Boolean)
    .join(', ');
  const span = data.endedAt ? ` to ${clock(data.endedAt)}` : '';
  return el(
    'header',
    {},
    el('h1', {}, 'gomemlens report'),
    el(
      'p',
      {},
      `Target ${what}; ${data.sampleCount} samples from ${clock(data.startedAt)}${span}.`,
    ),
    ...data.notes.map((n) => el('p', { class: 'muted' }, n)),
  );
}

function chartSpecs(): ChartSpec[] {
  return [
    {
      title: 'Memory',
      unit: 'bytes',
      columns: data.memory,
      series: [
        { key: 'limit', label: 'limit', color: '#d62728', dash: [6, 4] },
        { key: 'high', label: 'memory.high', color: '#ff7f0e', dash: [3, 3] },
        { key: 'gomemlimit', label: 'GOMEMLIMIT', color: '#9467bd', dash: [6, 2] },
        { key: 'usage', label: 'usage', color: '#8c564b' },
        { key: 'workingSet', label: 'working set', color: '#1f77b4' },
        { key: 'rss', label: 'RSS', color: '#17becf' },
        { key: 'heapInuse', label: 'heap in use', color: '#2ca02c' },
        { key: 'nextGC', label: 'heap goal', color: '#bcbd22', dash: [2, 2] },
        { key: 'live', label: 'live heap', color: '#7f7f7f' },
      ],
    },
    {
      title: 'GC',
      unit: 'ms',
      columns: data.gc,
      series: [
        { key: 'pauseMs', label: 'longest pause (ms)', color: '#d62728', points: true },
        { key: 'gcPerSec', label: 'GCs per second', color: '#1f77b4', unit: 'rate' },
      ],
    },
    {
      title: 'memory.events / failcnt',
      unit: 'count',
      columns: data.events,
      series: [
        { key: 'high', label: 'high', color: '#ff7f0e' },
        { key: 'max', label: 'max', color: '#d62728' },
        { key: 'oomKill', label: 'oom_kill', color: '#000' },
        { key: 'failcnt', label: 'failcnt (v1)', color: '#8c564b' },
      ],
    },
    {
      title: 'Forecast: time to the OOM kill (and to the GC thrash point)',
      unit: 'sec',
      columns: data.forecast,
      series: [
        { key: 'etaSec', label: 'ETA', color: '#d62728' },
        { key: 'etaLowSec', label: 'low', color: '#ff9896', dash: [3, 3] },
        { key: 'etaHighSec', label: 'high', color: '#ff9896', dash: [3, 3] },
        { key: 'thrashEtaSec', label: 'GC thrash at GOMEMLIMIT', color: '#9467bd' },
      ],
    },
  ];
}

function pickMoment(tSec: number): void {
  breakdown.body.replaceChildren(diagnoseMoment(data.snapshots, tSec * 1000));
}

function findingsSection(): HTMLElement {
  const s = section('Findings', 'findings');
  if (data.findings.length === 0) s.body.append(el('p', { class: 'muted' }, 'No findings.'));
  for (const f of data.findings) {
    const ev = f.finding.evidence.map((e) =>
      el('li', {}, `${e.what}: ${evidenceValue(e.value, e.unit)} (${e.source})`),
    );
    s.body.append(
      el(
        'div',
        { class: `finding sev-${f.finding.severity}` },
        el('h3', {}, `[${f.finding.severity}] ${f.title}`),
        el('p', {}, `${clock(f.t)}: ${f.summary}`),
        el('p', {}, f.fix),
        el('ul', { class: 'evidence' }, ...ev),
      ),
    );
  }
  return s.root;
}

function postMortemSection(): HTMLElement {
  const s = section('Post-mortem', 'postmortem');
  const pm = data.postMortem;
  if (!pm || !pm.died) {
    s.body.append(
      el('p', { class: 'muted' }, 'The target was still running when watching stopped.'),
    );
    return s.root;
  }
  s.body.append(
    el(
      'p',
      { class: pm.oomKilled ? 'verdict oom' : 'verdict' },
      pm.oomKilled ? `OOM-killed: ${pm.evidence.join('; ')}` : 'Exited; no OOM kill recorded.',
    ),
  );
  if (pm.words) s.body.append(el('p', {}, pm.words.summary));
  const caps = pm.captures.map((c) =>
    el(
      'li',
      {},
      `${c.kind} profile at ${clock(c.t)} (${c.reason}), ${c.secBeforeEnd.toFixed(1)} s before the end`,
    ),
  );
  const grown = pm.grownSites
    .slice(0, 10)
    .map((g) =>
      el('li', {}, `${g.func}: +${formatBytes(g.growthBytes)} (now ${formatBytes(g.inuseBytes)})`),
    );
  s.body.append(
    el('h3', {}, 'Captured'),
    el('ul', {}, ...caps),
    el('h3', {}, 'Sites that grew between the first and the last heap profile'),
    el('ul', { id: 'grown' }, ...grown),
  );
  return s.root;
}

/** The execution traces taken on triggers: heap and goal, pauses and marks, the summary. */
function gcTracesSection(): HTMLElement {
  const s = section('GC in the traced seconds (execution traces taken on triggers)', 'gctraces');
  for (const tr of data.gcTraces) {
    s.body.append(el('h3', {}, `Execution trace ending ${clock(tr.t)} (${tr.reason})`));
    if (tr.error) {
      s.body.append(el('p', { class: 'error' }, `Could not read it: ${tr.error}`));
      continue;
    }
    const heap: ChartSpec = {
      title: 'Heap and heap goal (from the trace)',
      unit: 'bytes',
      columns: tr.heap,
      series: [
        { key: 'heap', label: 'heap (objects)', color: '#2ca02c' },
        { key: 'goal', label: 'heap goal', color: '#bcbd22', dash: [2, 2] },
      ],
    };
    const pauses: ChartSpec = {
      title: 'Stop-the-world pauses and mark phases (ms)',
      unit: 'ms',
      columns: tr.pauses,
      series: [
        { key: 'pauseMs', label: 'STW pause', color: '#d62728', points: true },
        { key: 'markMs', label: 'mark phase', color: '#1f77b4', points: true },
      ],
    };
    s.body.append(chart(heap, width, pickMoment), chart(pauses, width, pickMoment));
    s.body.append(el('pre', { class: 'trace-summary' }, tr.text));
  }
  return s.root;
}

function evidenceValue(v: string | number | boolean, unit?: string): string {
  if (typeof v !== 'number') return String(v);
  if (unit === 'bytes') return `${formatBytes(v)} (${v} B)`;
  if (unit === 'seconds') return `${v.toFixed(1)} s`;
  if (unit === 'ns') return `${(v / 1e6).toFixed(2)} ms`;
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
