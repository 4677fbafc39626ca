/** `diagnose` for people at a terminal. */
import type { DiagnoseReport } from '../analysis/diagnose.js';
import {
  breakdownRows,
  countBySeverity,
  findingViews,
  headline,
  missingGroups,
  settingsRows,
  targetLines,
  type BreakdownRow,
} from './diagnose-view.js';
import { makeStyle, type Style } from './style.js';

export interface TextOptions {
  readonly color: boolean;
}

export function renderDiagnoseText(r: DiagnoseReport, opts: TextOptions): string {
  const st = makeStyle(opts.color);
  const out: string[] = [st.bold(headline(r)), ...targetLines(r).map((l) => st.dim(l)), ''];
  out.push(st.bold('Go settings in effect'));
  const sw = Math.max(...settingsRows(r).map(([k]) => k.length));
  const vw = Math.max(...settingsRows(r).map(([, v]) => v.length));
  for (const [k, v, src] of settingsRows(r))
    out.push(`  ${k.padEnd(sw)}  ${v.padEnd(vw)}  ${st.dim(src)}`);
  out.push('', st.bold('Memory, from the container limit down to the live heap'));
  out.push(...breakdownText(breakdownRows(r), st), '');
  out.push(st.bold(`Findings: ${countBySeverity(r)}`));
  if (r.findings.length === 0) out.push('  none');
  for (const f of findingViews(r)) {
    const sev =
      f.severity === 'error'
        ? st.red('ERROR  ')
        : f.severity === 'warning'
          ? st.yellow('WARNING')
          : st.cyan('INFO   ');
    out.push(`  ${sev} ${st.bold(f.title)} ${st.dim(`[${f.code}]`)}`);
    out.push(...wrap(f.summary, 10));
    for (const e of f.evidence) out.push(`          ${st.dim('evidence:')} ${e}`);
    out.push(...wrap(`fix: ${f.fix}`, 10), `          ${st.dim(`more: ${f.docs}`)}`, '');
  }
  if (r.skipped.length) {
    out.push(st.bold('Not checked'));
    for (const s of r.skipped) out.push(`  ${s.rule}: ${s.reason}`);
    out.push('');
  }
  const { expected, missing } = missingGroups(r);
  if (missing.length) {
    out.push(st.bold('Missing data'));
    for (const m of missing) out.push(`  ${m}`);
  }
  for (const e of expected) out.push(st.dim(`Note: ${e}`));
  return out.join('\n').trimEnd() + '\n';
}

function breakdownText(rows: BreakdownRow[], st: Style): string[] {
  const labels = rows.map((r) => treePrefix(r) + r.label);
  const lw = Math.max(...labels.map((l) => l.length));
  const bw = Math.max(...rows.map((r) => r.bytes.length));
  const out: string[] = [];
  rows.forEach((r, i) => {
    const share = r.share ? r.share.padStart(8) : '        ';
    out.push(`  ${labels[i].padEnd(lw)}  ${r.bytes.padStart(bw)} ${share}  ${st.dim(r.source)}`);
    if (r.note) out.push(`  ${continuation(r)}${st.dim(`   ${r.note}`)}`);
  });
  return out;
}

function treePrefix(r: BreakdownRow): string {
  if (r.depth === 0) return '';
  const upper = r.lastAtDepth
    .slice(0, -1)
    .map((last) => (last ? '   ' : '│  '))
    .join('');
  return upper + (r.lastAtDepth[r.lastAtDepth.length - 1] ? '└─ ' : '├─ ');
}

function continuation(r: BreakdownRow): string {
  return r.lastAtDepth.map((last) => (last ? '   ' : '│  ')).join('');
}

/** Wraps prose at 100 columns with a hanging indent. */
function wrap(text: string, indent: number, width = 100): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && indent + cur.length + 1 + w.length > width) {
      lines.push(' '.repeat(indent) + cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(' '.repeat(indent) + cur);
  return lines;
}
