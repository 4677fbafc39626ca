/**
 * `bench compare` as a gate: the inputs streamed into benchstat's tables, the --fail-on
 * thresholds checked against them, and the outcomes that cannot decide (exit 2 in the CLI):
 * nothing to compare, or a threshold no benchmark measured in both BASE and NEW.
 */
import { evaluateGate, type GateResult, type Threshold } from '../analysis/bench/gate.js';
import { TableBuilder, type BenchTables, type CompareOptions } from '../analysis/bench/table.js';
import { formatSyntaxError } from '../model/bench.js';
import { InputError } from '../model/errors.js';
import { describeNonFinite, describeNothingLeft } from '../report/bench-gate.js';
import { streamInputs } from './bench-inputs.js';

export interface Comparison {
  readonly tables: BenchTables;
  /** Present when thresholds were given. */
  readonly gate?: GateResult;
  /** Syntax errors and values left out (NaN, ±Inf): shown, and kept in the JSON report. */
  readonly warnings: readonly string[];
  /** Advice about the thresholds themselves ("B/s is higher-is-better ..."). */
  readonly notes: readonly string[];
}

export async function compareBench(
  inputs: readonly string[],
  opts: CompareOptions,
  thresholds: readonly Threshold[],
): Promise<Comparison> {
  const { tables, errors } = await buildFromInputs(inputs, opts);
  const gate = thresholds.length > 0 ? evaluateGate(tables, thresholds) : undefined;
  checkDecidable(tables, gate);
  const warnings = [...errors, ...tables.nonFinite.map(describeNonFinite)];
  return { tables, gate, warnings, notes: backwardThresholds(tables, thresholds) };
}

/** Streams the inputs into the table builder (a bad projection, filter or input: exit 2). */
async function buildFromInputs(inputs: readonly string[], opts: CompareOptions) {
  const builder = new TableBuilder(opts);
  const loaded = await streamInputs(inputs, (r) => builder.add(r));
  const errors = [...loaded.errors.map(formatSyntaxError), ...loaded.errorNotes];
  return { tables: builder.finish(loaded.units), errors };
}

/** The exit-2 outcomes of a comparison: nothing to show, or a gate that cannot decide. */
function checkDecidable(tables: BenchTables, gate: GateResult | undefined): void {
  if (gate && gate.undecidable.length > 0) {
    const { threshold, reason } = gate.undecidable[0];
    throw new InputError(`--fail-on ${threshold.text} cannot decide: ${reason}`);
  }
  if (tables.tables.length === 0) throw new InputError(describeNothingLeft(tables));
  if (gate && gate.missing.length > 0) {
    const names = gate.missing.map((t) => t.unit).join(', ');
    throw new InputError(
      `nothing to check for ${names}: no benchmark has it in both BASE and NEW (did the run use -benchmem?)`,
    );
  }
}

/** B/s:+5% on a higher-is-better unit fails on improvements: say so (once per threshold). */
function backwardThresholds(tables: BenchTables, thresholds: readonly Threshold[]): string[] {
  return thresholds.flatMap((th) => {
    const t = tables.tables.find((x) => x.unit === th.unit && x.better !== 0);
    if (!t || t.better !== th.direction) return [];
    const want = `${th.unit}:${t.better > 0 ? '-' : '+'}${th.pct}%`;
    return [
      `${th.unit} is ${t.better > 0 ? 'higher' : 'lower'}-is-better; ${th.text} fails on improvements (did you mean ${want}?)`,
    ];
  });
}
