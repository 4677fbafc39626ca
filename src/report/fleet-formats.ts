/**
 * The fleet report as JSON (the report itself, bytes exact), Markdown (a table and a section
 * per workload) and CSV (one row per workload, every column of the table plus the KRR and VPA
 * values, numbers exact; RFC 4180 quoting).
 */
import type { FleetReport } from '../model/fleet.js';
import { describeFinding } from './messages/index.js';
import { COLUMNS, columnsFor, headline, sourceLines } from './fleet-view.js';
import { describeDifference, describeStep } from './fleet-reasons.js';
import { sanitize } from './style.js';

export function renderFleetJson(r: FleetReport): string {
  return JSON.stringify({ schema: 'gomemlens.fleet/v1', ...r }, null, 2) + '\n';
}

const md = (s: string) => sanitize(s).replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);

export function renderFleetMarkdown(r: FleetReport): string {
  const cols = columnsFor(r).filter((c) => c.key !== 'sources');
  const out = [`# ${md(headline(r))}`, '', ...sourceLines(r).map((l) => `- source: ${md(l)}`), ''];
  out.push(`| ${cols.map((c) => c.title).join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`);
  for (const w of r.workloads) out.push(`| ${cols.map((c) => md(c.cell(w).text)).join(' | ')} |`);
  out.push('');
  for (const w of r.workloads) {
    const id = w.id;
    out.push(
      `## ${md(`${id.cluster ? `${id.cluster} ` : ''}${id.namespace} ${id.kind}/${id.name} (${id.container})`)}`,
      '',
    );
    out.push(`Sources: ${w.sources.join(', ')}; owner from ${w.ownerSource}.`, '');
    for (const f of w.findings) {
      const d = describeFinding(f);
      out.push(
        `- **${f.severity}** ${md(d.title)} ([${f.code}](docs/rules/${f.code}.md)): ${md(d.summary)} Fix: ${md(d.fix)}`,
      );
    }
    const rec = w.recommendation;
    out.push(
      '',
      `Recommendation (${rec.basis}): limit ${COLUMNS.find((c) => c.key === 'recLimit')!.cell(w).text}, request ${COLUMNS.find((c) => c.key === 'recRequest')!.cell(w).text}, GOMEMLIMIT=${md(rec.gomemlimit || '-')}, GOGC=${rec.gogc}`,
      '',
    );
    for (const s of rec.steps) out.push(`1. ${md(describeStep(s))}`);
    out.push('', 'Compared with KRR and the VPA recommender:', '');
    for (const d of w.differences) out.push(`- ${md(describeDifference(d))}`);
    out.push('');
  }
  if (r.absent.length) {
    out.push('## Not in Prometheus', '');
    for (const m of r.absent) out.push(`- ${md(m)}`);
    out.push('');
  }
  if (r.missing.length) {
    out.push('## Partial result: not read', '');
    for (const m of r.missing) out.push(`- ${md(m)}`);
    out.push('');
  }
  return out.join('\n');
}

function csvField(s: string): string {
  // A leading =, +, - or @ would be a formula in a spreadsheet (CSV injection): quote and prefix.
  const t = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  if (t === '' || !/[",\r\n]/.test(t)) return t;
  return `"${t.replace(/"/g, '""')}"`;
}

export function renderFleetCsv(r: FleetReport): string {
  const cols = COLUMNS;
  const extra = ['krr_request_bytes', 'vpa_limit_bytes', 'findings_codes', 'verdict_eta_seconds'];
  const lines = [[...cols.map((c) => c.key), ...extra].join(',')];
  for (const w of r.workloads) {
    const cells = cols.map((c) => {
      const cell = c.cell(w);
      return cell.value !== undefined && c.key !== 'findings' && c.key !== 'verdict'
        ? String(cell.value)
        : cell.text === '-'
          ? ''
          : cell.text;
    });
    cells.push(
      String(w.krr.requestBytes ?? ''),
      String(w.vpa.limitBytes ?? ''),
      w.findings.map((f) => f.code).join(' '),
      String(w.verdict.etaSec !== undefined ? Math.round(w.verdict.etaSec) : ''),
    );
    lines.push(cells.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
