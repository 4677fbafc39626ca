/**
 * Markdown for a pull-request comment: the gate's verdict first, the regressions, then one
 * table per metric with benchstat's cells (median ± CI, delta, p-value) and footnotes.
 */
import type { GateResult } from '../analysis/bench/gate.js';
import type { BenchTable, BenchTables } from '../analysis/bench/table.js';
import { unitIsBinary } from '../model/bench.js';
import { formatComparison, formatDelta, formatPctRange, formatRatio } from './bench-cells.js';
import { describeVerdict, gateSummary } from './bench-gate.js';
import { commonScale, formatScaled, scaleOne } from './bench-scale.js';

const esc = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\*/g, '\\*').replace(/_/g, '\\_');

function tableMd(t: BenchTable): string {
  const binary = unitIsBinary(t.unit);
  const notes: string[] = [];
  const mark = (ws: readonly string[]) =>
    ws
      .map((w) => {
        let i = notes.indexOf(w);
        if (i < 0) i = notes.push(w) - 1;
        return `<sup>${i + 1}</sup>`;
      })
      .join('');
  const cols = t.cols.map((c) => c.join(' '));
  const head = ['Benchmark', ...cols.flatMap((c, i) => (i === 0 ? [esc(c)] : [esc(c), 'vs base']))];
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? ' :-- ' : ' --: ')).join('|')}|`,
  ];
  for (const row of t.rows) {
    const scaler = commonScale(
      row.cells.flatMap((c) => (c ? [c.summary.center] : [])),
      binary,
    );
    const base = row.cells[0];
    const cells = row.cells.flatMap((c, i) => {
      const center = c
        ? `${formatScaled(scaler, c.summary.center)} ± ${formatPctRange(c.summary)}${mark([...c.sampleWarnings, ...c.summary.warnings])}`
        : '';
      if (i === 0) return [center];
      const vs =
        c?.comparison && base
          ? `${formatDelta(c.comparison, base.summary.center, c.summary.center)} (${formatComparison(c.comparison)})${mark(c.comparison.warnings)}`
          : '';
      return [center, vs];
    });
    lines.push(`| ${[esc(row.label), ...cells].join(' | ')} |`);
  }
  if (t.rows.length > 1) {
    const cells = t.summaries.flatMap((s, i) => {
      const center = (s.center !== undefined ? scaleOne(s.center, binary) : '') + mark(s.warnings);
      return i === 0 ? [center] : [center, s.ratio !== undefined ? formatRatio(s.ratio) : '?'];
    });
    lines.push(`| **geomean** | ${cells.join(' | ')} |`);
  }
  const config = t.config
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${esc(v)}`)
    .join(', ');
  const title = `**${esc(t.unit)}**${config ? ` (${config})` : ''}`;
  const foot = notes.map((n, i) => `<sup>${i + 1}</sup> ${esc(n)}`).join('<br>');
  return [title, '', ...lines, ...(foot ? ['', foot] : [])].join('\n');
}

export function renderBenchMarkdown(tables: BenchTables, gate: GateResult | undefined): string {
  const parts: string[] = [];
  if (gate) {
    const ok = gate.regressions.length === 0;
    parts.push(
      `### ${ok ? '✅' : '❌'} Benchmarks: ${esc(gateSummary(gate).replace(/^gate: /, ''))}`,
    );
    if (!ok) parts.push(gate.regressions.map((v) => `- ${esc(describeVerdict(v))}`).join('\n'));
  } else parts.push('### Benchmarks');
  for (const t of tables.tables) parts.push(tableMd(t));
  parts.push(
    `<sub>median ± ${Math.round(tables.confidence * 100)}% CI of the median; p from a two-sided Mann-Whitney U test, alpha = ${tables.alpha}; ~ = no significant change.</sub>`,
  );
  return parts.join('\n\n') + '\n';
}
