/**
 * The full diagnose at a recorded moment: the nearest snapshot of the capture run through the
 * same analysis as `gomemlens diagnose` (reconciled breakdown and rules), in the page.
 */
import { analyzeSnapshot } from '../analysis/diagnose.js';
import type { SnapshotRecord } from '../formats/capture.js';
import { breakdownRows, findingViews } from '../report/diagnose-view.js';
import { clock, el } from './dom.js';

export function diagnoseMoment(snapshots: readonly SnapshotRecord[], tMs: number): HTMLElement {
  if (snapshots.length === 0)
    return el('p', { class: 'muted' }, 'No full snapshot in this capture.');
  const s = snapshots.reduce((a, b) => (Math.abs(b.t - tMs) < Math.abs(a.t - tMs) ? b : a));
  let report;
  try {
    report = analyzeSnapshot(s.snapshot);
  } catch (err) {
    return el(
      'p',
      { class: 'error' },
      `diagnose of the snapshot at ${clock(s.t)} failed: ${(err as Error).message}`,
    );
  }
  const rows = breakdownRows(report).map((r) =>
    el(
      'tr',
      {},
      el('td', { style: `padding-left:${r.depth * 1.2}em` }, r.label),
      el('td', { class: 'num' }, r.bytes),
      el('td', { class: 'num' }, r.share),
      el('td', { class: 'muted' }, [r.source, r.note].filter(Boolean).join('; ')),
    ),
  );
  const findings = findingViews(report).map((f) =>
    el('li', {}, `[${f.severity}] ${f.title}: ${f.summary}`),
  );
  return el(
    'div',
    { id: 'diagnose-moment' },
    el('p', {}, `Full diagnose at ${clock(s.t)} (nearest snapshot, taken for: ${s.reason})`),
    el('table', { class: 'breakdown' }, el('tbody', {}, ...rows)),
    findings.length
      ? el('ul', {}, ...findings)
      : el('p', { class: 'muted' }, 'No diagnose findings at that moment.'),
  );
}
