/** The gate's verdicts in words: one line per regression, and a one-line total. */
import type { GateResult, Verdict } from '../analysis/bench/gate.js';
import type { BenchTables } from '../analysis/bench/table.js';
import type { NonFiniteValues } from '../analysis/bench/table-builder.js';
import { formatGoFixed, formatGoSigned } from '../model/gofmt.js';
import { unitIsBinary } from '../model/bench.js';
import { commonScale, formatScaled } from './bench-scale.js';

export function formatChange(pct: number): string {
  if (pct === Infinity) return '+∞%';
  if (pct === -Infinity) return '-∞%';
  return `${formatGoSigned(pct, 2)}%`;
}

/** "Alloc-8 (pkg example.com/x) B/op: 1.000Ki -> 2.000Ki (+100.00%, p=0.000 n=10) exceeds B/op:+5%". */
export function describeVerdict(v: Verdict): string {
  const stat =
    v.mode === 'exact'
      ? 'no variance: compared exactly'
      : `p=${formatGoFixed(v.p, 3)} n=${v.n1 === v.n2 ? v.n1 : `${v.n1}+${v.n2}`}`;
  const pkg = /(?:^|, )pkg: ([^,]+)/.exec(v.config)?.[1];
  const where = pkg ? ` (pkg ${pkg})` : '';
  const scaler = commonScale([v.old, v.new], unitIsBinary(v.threshold.unit));
  const change = `${formatScaled(scaler, v.old)} -> ${formatScaled(scaler, v.new)}`;
  return `${v.benchmark}${where} ${v.threshold.unit}: ${change} (${formatChange(v.changePct)}, ${stat}) exceeds ${v.threshold.text}`;
}

export function gateSummary(g: GateResult): string {
  const checked = g.verdicts.length;
  const inconclusive = g.verdicts.filter((v) => v.inconclusive).length;
  const tail =
    inconclusive > 0 ? `; ${inconclusive} inconclusive (too few samples for the U test)` : '';
  if (g.regressions.length === 0) return `gate: no regression in ${checked} comparison(s)${tail}`;
  return `gate: ${g.regressions.length} regression(s) in ${checked} comparison(s)${tail}`;
}

/** Text block appended after the tables. */
export function renderGateText(g: GateResult): string {
  const lines = g.regressions.map((v) => `REGRESSION ${describeVerdict(v)}`);
  lines.push(gateSummary(g));
  return lines.join('\n') + '\n';
}

/** GitHub Actions workflow commands: one ::error:: annotation per regression. */
export function renderGithubAnnotations(g: GateResult): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return g.regressions
    .map(
      (v) =>
        `::error title=${escProp(`benchmark regression: ${v.benchmark} ${v.threshold.unit}`)}::${esc(describeVerdict(v))}\n`,
    )
    .join('');
}

/** One line per unit with NaN or ±Inf values (the cells also carry a footnote). */
export function describeNonFinite(nf: NonFiniteValues): string {
  const what = nf.count === 1 ? '1 value' : `${nf.count} values`;
  return `note: ${what} of ${nf.unit} left out: NaN or ±Inf (first at ${nf.file}:${nf.line}: ${nf.text})`;
}

export function describeNothingLeft(tables: BenchTables): string {
  const nf = tables.nonFinite[0];
  if (!nf) return 'no benchmark results left to compare (check --filter)';
  return `no finite benchmark values to compare: NaN or ±Inf at ${nf.file}:${nf.line} (${nf.text}) and more`;
}
