/**
 * The CI gate: `--fail-on METRIC:+N%` thresholds checked against benchstat's comparisons.
 * A regression is a change in the threshold's direction that is beyond N% and significant
 * (p <= alpha). Where both samples show no variance at all (allocs/op usually, or a unit
 * declared `assume=exact`), the test cannot speak (every value ties), so the medians are
 * compared exactly instead.
 */
import { tidyUnit } from '../../model/bench.js';
import type { BenchTables, Cell } from './table.js';

export interface Threshold {
  /** Tidied unit (ns/op is given as sec/op). */
  readonly unit: string;
  /** The text the user wrote, for messages. */
  readonly text: string;
  /** +1: an increase beyond pct fails; -1: a decrease beyond pct fails. */
  readonly direction: 1 | -1;
  readonly pct: number;
}

export type ThresholdParse = Threshold | { readonly error: string };

/** Parses "allocs/op:+0%", "B/op:+5%", "ns/op:+10%", "B/s:-3%". */
export function parseThreshold(text: string): ThresholdParse {
  const m = /^(.+):([+-])(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (!m)
    return {
      error: `--fail-on wants METRIC:+N% or METRIC:-N% (e.g. allocs/op:+0%), got "${text}"`,
    };
  return { unit: tidyUnit(m[1]).unit, text, direction: m[2] === '+' ? 1 : -1, pct: Number(m[3]) };
}

export type CheckMode = 'exact' | 'u-test';

export interface Verdict {
  readonly threshold: Threshold;
  readonly benchmark: string;
  /** Table config that is not the same in every table ("pkg: example.com/x"), for context. */
  readonly config: string;
  readonly baseColumn: string;
  readonly column: string;
  readonly old: number;
  readonly new: number;
  /** Percent change new vs old (Infinity from 0). */
  readonly changePct: number;
  readonly p: number;
  readonly n1: number;
  readonly n2: number;
  readonly mode: CheckMode;
  readonly significant: boolean;
  readonly regression: boolean;
  /** True when the samples are too small for the U test ever to reach alpha. */
  readonly inconclusive: boolean;
}

export interface GateResult {
  readonly verdicts: Verdict[];
  readonly regressions: Verdict[];
  /** Thresholds that checked nothing: metric absent, or no benchmark in both inputs. */
  readonly missing: Threshold[];
  /**
   * Thresholds the gate cannot decide: their metric has NaN or ±Inf values, or a median that
   * is not finite. Never a pass: the caller must refuse (exit 2) when this is not empty.
   */
  readonly undecidable: { readonly threshold: Threshold; readonly reason: string }[];
}

const noVariance = (values: readonly number[]) => values.every((v) => v === values[0]);

function changePct(old: number, next: number): number {
  if (old === next) return 0;
  if (old === 0) return next > 0 ? Infinity : -Infinity;
  return (next / old - 1) * 100;
}

function judge(th: Threshold, base: Cell, cell: Cell, exactUnit: boolean, alpha: number) {
  const cmp = cell.comparison!;
  const old = base.summary.center;
  const next = cell.summary.center;
  const change = changePct(old, next);
  const exact = exactUnit || (noVariance(base.values) && noVariance(cell.values));
  const significant = exact ? old !== next : cmp.p <= alpha;
  const beyond = th.direction * change > th.pct;
  const inconclusive = !exact && !significant && cmp.warnings.some((w) => w.startsWith('need >='));
  return {
    old,
    next,
    change,
    exact,
    significant,
    regression: significant && beyond,
    inconclusive,
    cmp,
  };
}

export function evaluateGate(tables: BenchTables, thresholds: readonly Threshold[]): GateResult {
  const verdicts: Verdict[] = [];
  for (const t of tables.tables) {
    const ths = thresholds.filter((th) => th.unit === t.unit);
    if (ths.length === 0) continue;
    const config = t.config.map(([k, v]) => `${k}: ${v}`).join(', ');
    for (const row of t.rows) {
      const base = row.cells[0];
      if (!base) continue;
      row.cells.forEach((cell, i) => {
        if (i === 0 || !cell?.comparison) return;
        for (const th of ths) {
          const j = judge(th, base, cell, t.assumption === 'exact', tables.alpha);
          verdicts.push({
            threshold: th,
            benchmark: row.label,
            config,
            baseColumn: t.cols[0].join(' '),
            column: t.cols[i].join(' '),
            old: j.old,
            new: j.next,
            changePct: j.change,
            p: j.exact ? 0 : j.cmp.p,
            n1: j.cmp.n1,
            n2: j.cmp.n2,
            mode: j.exact ? 'exact' : 'u-test',
            significant: j.significant,
            regression: j.regression,
            inconclusive: j.inconclusive,
          });
        }
      });
    }
  }
  return {
    verdicts,
    regressions: verdicts.filter((v) => v.regression),
    missing: thresholds.filter((th) => !verdicts.some((v) => v.threshold === th)),
    undecidable: undecidable(tables, thresholds, verdicts),
  };
}

function undecidable(
  tables: BenchTables,
  thresholds: readonly Threshold[],
  verdicts: readonly Verdict[],
): GateResult['undecidable'] {
  return thresholds.flatMap((th) => {
    const nf = tables.nonFinite.find((x) => x.unit === th.unit);
    if (nf) {
      const what = nf.count === 1 ? '1 value is' : `${nf.count} values are`;
      return [{ threshold: th, reason: `${what} NaN or ±Inf (${nf.file}:${nf.line}: ${nf.text})` }];
    }
    // Finite values can still have a median that overflows (1e308 and -1e308 halfway).
    const v = verdicts.find((x) => x.threshold === th && !(isFinite(x.old) && isFinite(x.new)));
    if (v)
      return [{ threshold: th, reason: `the median of ${v.benchmark} is not a finite number` }];
    return [];
  });
}
