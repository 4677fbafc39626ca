/**
 * The baseline file `bench save` writes: the parsed results as JSON, so later runs compare
 * against them exactly as against the original benchmark text.
 */
import {
  tidyUnit,
  unitMetaKey,
  type BenchConfig,
  type BenchResult,
  type BenchSet,
  type UnitMetadata,
} from '../model/bench.js';
import { tidyValue, type ParseOptions } from './benchfmt.js';

/** The baseline file `bench save` writes: parsed results, so later runs compare against it. */
export const BASELINE_SCHEMA = 'gomemlens.bench.baseline/v1';

interface BaselineDoc {
  schema: string;
  results: {
    name: string;
    iters: number;
    config: [string, string][];
    values: [number, string][];
    line: number;
  }[];
  units: { unit: string; key: string; value: string }[];
}

/** Serializes results with their original units (so a reload tidies them the same way). */
export function serializeBaseline(set: BenchSet): string {
  const doc: BaselineDoc = {
    schema: BASELINE_SCHEMA,
    results: set.results.map((r) => ({
      name: r.name,
      iters: r.iters,
      config: r.config.filter((c) => c.file).map((c) => [c.key, c.value]),
      values: r.values.map((v) => [v.origValue ?? v.value, v.origUnit ?? v.unit]),
      line: r.line,
    })),
    units: [...set.units.values()].map((u) => ({ unit: u.origUnit, key: u.key, value: u.value })),
  };
  return JSON.stringify(doc) + '\n';
}

/** True when the text looks like a baseline JSON rather than benchmark output. */
export function looksLikeBaseline(text: string): boolean {
  return /^\s*\{/.test(text) && text.includes(BASELINE_SCHEMA);
}

/** Loads a baseline; throws BaselineError naming what is wrong. */
export function parseBaseline(text: string, opts: ParseOptions): BenchSet {
  let doc: BaselineDoc;
  try {
    doc = JSON.parse(text) as BaselineDoc;
  } catch (err) {
    throw new BaselineError(`${opts.file}: not valid JSON (${(err as Error).message})`);
  }
  if (doc?.schema !== BASELINE_SCHEMA || !Array.isArray(doc.results) || !Array.isArray(doc.units)) {
    throw new BaselineError(`${opts.file}: not a ${BASELINE_SCHEMA} file`);
  }
  const units = opts.units ?? new Map<string, UnitMetadata>();
  for (const u of doc.units) {
    const key = unitMetaKey(String(u.unit), String(u.key));
    if (!units.has(key))
      units.set(key, {
        unit: tidyUnit(String(u.unit)).unit,
        origUnit: String(u.unit),
        key: String(u.key),
        value: String(u.value),
        file: opts.file,
        line: 0,
      });
  }
  const label: BenchConfig = { key: '.file', value: opts.label ?? opts.file, file: false };
  const results = doc.results.map((r, i): BenchResult => {
    if (
      typeof r?.name !== 'string' ||
      !Array.isArray(r.values) ||
      r.values.length === 0 ||
      !Array.isArray(r.config)
    ) {
      throw new BaselineError(`${opts.file}: result ${i} is malformed`);
    }
    const values = r.values.map(([v, u]) => {
      if (typeof v !== 'number' || typeof u !== 'string')
        throw new BaselineError(`${opts.file}: result ${i} has a malformed value`);
      return tidyValue(v, u);
    });
    const config = [
      label,
      ...r.config.map(([k, v]) => ({ key: String(k), value: String(v), file: true })),
    ];
    return {
      name: r.name,
      iters: Number(r.iters) || 0,
      values,
      config,
      file: opts.file,
      line: Number(r.line) || 0,
    };
  });
  return { results, units, errors: [] };
}

export class BaselineError extends Error {}
