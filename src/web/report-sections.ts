/**
 * The report's sections besides the time charts: the header, the findings with their evidence,
 * the post-mortem, the GC cycles (gctrace), what if, and the execution traces' GC.
 */
import type { ReportData } from '../report/html/report-data.js';
import { formatBytes } from '../model/units.js';
import { chart, type ChartSpec } from './charts.js';
import { clock, el, section } from './dom.js';
import { evidenceText } from '../report/evidence-text.js';
import { gcCyclesView } from './gc-cycles.js';
import { whatIfView } from './what-if.js';

export function headerView(data: ReportData, title = 'gomemlens report'): HTMLElement {
  const t = data.target;
  const what = [t.pid !== undefined && `pid ${t.pid}`, t.url, t.cgroupDir]
    .filter(Boolean)
    .join(', ');
  const span = data.endedAt ? ` to ${clock(data.endedAt)}` : '';
  return el(
    'header',
    {},
    el('h1', {}, title),
    el(
      'p',
      {},
      `Target ${what}; ${data.sampleCount} samples from ${clock(data.startedAt)}${span}.`,
    ),
    ...data.notes.map((n) => el('p', { class: 'muted' }, n)),
  );
}

export function findingsSection(data: ReportData): HTMLElement {
  const s = section('Findings', 'findings');
  if (data.findings.length === 0) s.body.append(el('p', { class: 'muted' }, 'No findings.'));
  for (const [i, f] of data.findings.entries()) {
    const ev = f.finding.evidence.map((e) =>
      el('li', {}, `${e.what}: ${evidenceText(e.value, e.unit)} (${e.source})`),
    );
    s.body.append(
      el(
        'div',
        { class: `finding sev-${f.finding.severity}`, id: `finding-${i}` },
        el('h3', {}, `[${f.finding.severity}] ${f.title}`),
        el('p', {}, `${clock(f.t)}: ${f.summary}`),
        el('p', {}, f.fix),
        el('ul', { class: 'evidence' }, ...ev),
      ),
    );
  }
  return s.root;
}

export function postMortemSection(data: ReportData): HTMLElement {
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

export function gcCyclesSection(data: ReportData, width: number): HTMLElement {
  const s = section('GC cycles (gctrace)', 'gc-cycles');
  s.body.append(gcCyclesView(data.gcCycles, width));
  return s.root;
}

export function whatIfSection(data: ReportData, width: number): HTMLElement {
  const s = section('What if: other GOGC and GOMEMLIMIT settings', 'what-if');
  s.body.append(whatIfView(data.whatIf, width));
  return s.root;
}

/** The execution traces taken on triggers: heap and goal, pauses and marks, the summary. */
export function gcTracesSection(
  data: ReportData,
  width: number,
  pick: (tSec: number) => void,
): HTMLElement {
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
    s.body.append(chart(heap, width, pick), chart(pauses, width, pick));
    s.body.append(el('pre', { class: 'trace-summary' }, tr.text));
  }
  return s.root;
}
