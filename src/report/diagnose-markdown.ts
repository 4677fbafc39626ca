/** `diagnose --format markdown`: for an issue, a pull request or a runbook. */
import type { DiagnoseReport } from '../analysis/diagnose.js';
import {
  breakdownRows,
  countBySeverity,
  findingViews,
  headline,
  missingGroups,
  settingsRows,
  targetLines,
} from './diagnose-view.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderDiagnoseMarkdown(r: DiagnoseReport): string {
  const out = [`## ${cell(headline(r))}`, '', ...targetLines(r).map((l) => `- ${cell(l)}`), ''];
  out.push('### Go settings in effect', '', '| setting | value | source |', '|---|---|---|');
  for (const [k, v, s] of settingsRows(r)) out.push(`| ${cell(k)} | ${cell(v)} | ${cell(s)} |`);
  out.push(
    '',
    '### Memory breakdown',
    '',
    '| layer | bytes | of limit | source |',
    '|---|---:|---:|---|',
  );
  for (const row of breakdownRows(r)) {
    const label = `${'&nbsp;&nbsp;'.repeat(row.depth)}${cell(row.label)}${row.note ? ` _(${cell(row.note)})_` : ''}`;
    out.push(`| ${label} | ${row.bytes} | ${row.share} | \`${cell(row.source)}\` |`);
  }
  out.push('', `### Findings: ${countBySeverity(r)}`, '');
  for (const f of findingViews(r)) {
    out.push(
      `- **${f.severity.toUpperCase()}** ${cell(f.title)} (\`${f.code}\`): ${cell(f.summary)}`,
    );
    for (const e of f.evidence) out.push(`  - evidence: ${cell(e)}`);
    out.push(`  - fix: ${cell(f.fix)}`);
  }
  const { expected, missing } = missingGroups(r);
  if (missing.length) out.push('', '### Missing data', '', ...missing.map((m) => `- ${cell(m)}`));
  if (expected.length) out.push('', ...expected.map((e) => `_Note: ${cell(e)}_`));
  return out.join('\n') + '\n';
}
