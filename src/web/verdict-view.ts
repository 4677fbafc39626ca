/**
 * The verdict at the top of the page (report/html/verdict.ts): how it ended, what grew, how
 * good the forecast was in hindsight, the GOMEMLIMIT and GOGC in force, and the top findings,
 * each linking to its section.
 */
import type { ReportData } from '../report/html/report-data.js';
import type { Hindsight, Verdict } from '../report/html/verdict.js';
import { evidenceText } from '../report/evidence-text.js';
import { formatBytes } from '../model/units.js';
import { clock, el } from './dom.js';

export function verdictView(data: ReportData): HTMLElement {
  const v = data.verdict;
  const items: (HTMLElement | undefined)[] = [
    outcome(v),
    v.grew &&
      line(
        'Grew most',
        `${v.grew.func}: +${formatBytes(v.grew.growthBytes)} (now ${formatBytes(v.grew.inuseBytes)}) between the first and the last heap profile`,
        '#postmortem',
      ),
    v.hindsight && line('Forecast in hindsight', hindsightText(v.hindsight), '#charts'),
    line('Settings', settingsText(v)),
    ...v.top.map((t) => {
      const f = data.findings[t.index];
      return line(`Finding (${t.severity})`, f.title, `#finding-${t.index}`);
    }),
  ];
  if (v.top.length === 0) items.push(line('Findings', 'none'));
  return el(
    'section',
    { id: 'verdict', class: `verdict-box ${v.outcome}` },
    el('h2', {}, 'Verdict'),
    el('dl', {}, ...items.filter((x): x is HTMLElement => x !== undefined)),
  );
}

function outcome(v: Verdict): HTMLElement {
  const after =
    v.lastAt !== undefined ? evidenceText((v.lastAt - v.startedAt) / 1000, 'seconds') : '?';
  if (v.outcome === 'oom-killed')
    return line(
      'OOM-killed',
      `at ${clock(v.lastAt!)}, ${after} after watching began (${v.evidence.join('; ')})`,
      '#postmortem',
      'oom',
    );
  if (v.outcome === 'exited')
    return line(
      'Exited',
      `at ${clock(v.lastAt!)}, ${after} in; no OOM kill recorded`,
      '#postmortem',
    );
  return line('Running', `not OOM-killed; watched for ${after}`);
}

function hindsightText(h: Hindsight): string {
  const eta = evidenceText(h.etaSec, 'seconds');
  const lo = h.etaLowSec !== undefined ? evidenceText(h.etaLowSec, 'seconds') : '?';
  const hi = h.etaHighSec !== undefined ? evidenceText(h.etaHighSec, 'seconds') : '?';
  // A tight interval reads "24 s to 24 s" once rounded: then the ETA alone says it.
  const range = lo === eta && hi === eta ? '' : ` (${lo} to ${hi})`;
  const actual = evidenceText(h.actualSec, 'seconds');
  const off =
    h.actualSec > 0
      ? ` (off by ${Math.round((100 * Math.abs(h.etaSec - h.actualSec)) / h.actualSec)}%)`
      : '';
  return `halfway, at ${clock(h.at)}, it said OOM in ${eta}${range}; the kill came ${actual} later${off}`;
}

function settingsText(v: Verdict): string {
  const limit = v.limit !== undefined ? `limit ${formatBytes(v.limit)}` : 'no cgroup limit read';
  const gml =
    v.gomemlimit === undefined
      ? 'GOMEMLIMIT not read (no Go endpoints)'
      : v.gomemlimit === null
        ? 'GOMEMLIMIT off'
        : `GOMEMLIMIT ${formatBytes(v.gomemlimit)}`;
  const gogc =
    v.gogc === undefined
      ? 'GOGC not read (needs /metrics)'
      : v.gogc < 0
        ? 'GOGC off'
        : `GOGC ${v.gogc}`;
  return `${limit}; ${gml}; ${gogc}`;
}

function line(term: string, text: string, href?: string, cls = ''): HTMLElement {
  const dd = el('dd', {}, text);
  if (href) dd.append(' ', el('a', { href }, 'details'));
  return el('div', { class: `verdict-line ${cls}`.trim() }, el('dt', {}, term), dd);
}
