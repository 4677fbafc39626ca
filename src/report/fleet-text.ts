/**
 * `gomemlens fleet` for a terminal: one line per workload with what is in force and what was
 * measured, then per workload its findings, the joint recommendation with its reasoning, what
 * KRR and the VPA would set and why ours differs; last, what could not be read.
 */
import type { FleetReport, FleetWorkload } from '../model/fleet.js';
import { formatBytes } from '../model/units.js';
import { describeFinding } from './messages/index.js';
import { columnsFor, headline, sourceLines, type Column } from './fleet-view.js';
import { describeDifference, describeStep } from './fleet-reasons.js';
import { makeStyle, sanitize, type Style } from './style.js';

const TABLE = [
  'cluster',
  'namespace',
  'workload',
  'container',
  'pods',
  'go',
  'limit',
  'gomemlimit',
  'wsP99',
  'wsMax',
  'liveHeap',
  'nonGo',
  'oomKills',
  'gcCpu',
  'verdict',
];

export function renderFleetText(r: FleetReport, color = false): string {
  const st = makeStyle(color);
  const out = [st.bold(headline(r)), ...sourceLines(r).map((l) => `source   ${l}`), ''];
  if (r.workloads.length === 0) out.push('no Go workloads found', '');
  else out.push(table(r, columnsFor(r, TABLE)), '');
  for (const w of r.workloads) out.push(...detail(w, st), '');
  if (r.absent.length) {
    out.push(st.bold('Not in Prometheus'));
    for (const m of r.absent) out.push(`  - ${sanitize(m)}`);
    out.push('');
  }
  if (r.missing.length) {
    out.push(
      st.bold(
        `Partial result: ${r.missing.length} thing${r.missing.length === 1 ? '' : 's'} could not be read`,
      ),
    );
    for (const m of r.missing) out.push(`  - ${sanitize(m)}`);
    out.push('');
  }
  return out.join('\n');
}

function table(r: FleetReport, cols: readonly Column[]): string {
  const rows = r.workloads.map((w) => cols.map((c) => c.cell(w).text));
  const widths = cols.map((c, i) => Math.max(c.title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cols.map((c) => c.title)), ...rows.map(line)].join('\n');
}

const mib = (v: number | undefined) => (v === undefined ? '-' : formatBytes(v));

function detail(w: FleetWorkload, st: Style): string[] {
  const id = w.id;
  const title = `${id.cluster ? `${id.cluster} ` : ''}${id.namespace} ${id.kind}/${id.name} container ${id.container}`;
  const out = [
    st.bold(sanitize(title)),
    `  sources: ${w.sources.join(', ')}; owner from ${w.ownerSource}`,
  ];
  for (const f of w.findings) {
    const d = describeFinding(f);
    const sev =
      f.severity === 'error'
        ? st.red('ERROR  ')
        : f.severity === 'warning'
          ? st.yellow('WARNING')
          : 'INFO   ';
    out.push(
      `  ${sev} ${d.title} [${f.code}]`,
      `          ${sanitize(d.summary)}`,
      `          fix: ${sanitize(d.fix)}`,
    );
  }
  const rec = w.recommendation;
  if (rec.basis !== 'none')
    out.push(
      `  recommend: limit ${mib(rec.limitBytes)}, request ${mib(rec.requestBytes)}, GOMEMLIMIT=${rec.gomemlimit || '(none)'}, GOGC=${rec.gogc}`,
    );
  for (const s of rec.steps) out.push(`    - ${describeStep(s)}`);
  out.push(`  KRR simple: ${reference(w.krr)} · VPA target: ${reference(w.vpa)}`);
  for (const d of w.differences) out.push(`    - ${describeDifference(d)}`);
  return out;
}

function reference(r: FleetWorkload['krr']): string {
  if (r.undefinedReason) return `? (${r.undefinedReason})`;
  const notes = r.notes.length ? ` (${r.notes.join('; ')})` : '';
  return `request ${mib(r.requestBytes)}, limit ${mib(r.limitBytes)}${notes}`;
}
