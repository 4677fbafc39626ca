/**
 * The one breakdown per moment: the nearest snapshot of the capture through diagnose's
 * analysis (report/html/moment-view.ts), drawn as a table with the findings below it.
 */
import type { SnapshotRecord } from '../formats/capture.js';
import { momentView, nearestSnapshot } from '../report/html/moment-view.js';
import { clock, el } from './dom.js';

export function diagnoseMoment(snapshots: readonly SnapshotRecord[], tMs: number): HTMLElement {
  const s = nearestSnapshot(snapshots, tMs);
  if (!s) return el('p', { class: 'muted' }, 'No full snapshot in this capture.');
  let view;
  try {
    view = momentView(s);
  } catch (err) {
    return el(
      'p',
      { class: 'error' },
      `diagnose of the snapshot at ${clock(s.t)} failed: ${(err as Error).message}`,
    );
  }
  const rows = view.rows.map((r) =>
    el(
      'tr',
      {},
      el('td', { style: `padding-left:${r.depth * 1.2}em` }, r.label),
      el('td', { class: 'num' }, r.bytes),
      el('td', { class: 'num' }, r.share),
      el('td', { class: 'muted' }, [r.source, r.note].filter(Boolean).join('; ')),
    ),
  );
  const findings = view.findings.map((f) =>
    el('li', {}, `[${f.severity}] ${f.title}: ${f.summary}`),
  );
  return el(
    'div',
    { id: 'diagnose-moment' },
    el(
      'p',
      {},
      `At ${clock(s.t)}, the full snapshot nearest to the moment picked (taken for: ${s.reason}); click a chart to pick another moment`,
    ),
    el('table', { class: 'breakdown' }, el('tbody', {}, ...rows)),
    findings.length
      ? el('ul', {}, ...findings)
      : el('p', { class: 'muted' }, 'No diagnose findings at that moment.'),
    ...view.missing.map((m) => el('p', { class: 'muted' }, `Not measured: ${m}`)),
  );
}
