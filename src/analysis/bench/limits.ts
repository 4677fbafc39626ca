/**
 * Bounds on what `bench compare` holds, so that memory stays bounded whatever the input (the
 * input cap alone does not: a 16 MiB file of distinct names is a million benchmarks, and
 * benchstat itself takes 3.4 GB on it). Measured costs: a cell (one benchmark's one metric in
 * one column) about 2 KiB through statistics and rendering; a value 8 bytes, plus its share of
 * the JSON output. Real comparisons stay far below: two 100,000-line go test logs of 10,000
 * benchmarks make 60,000 cells and 600,000 values.
 */
import { ParseError } from '../../model/errors.js';
import type { BenchResult } from '../../model/bench.js';

/** Distinct cells, and distinct (config, name) pairs. */
export const MAX_CELLS = 64_000;

/** Values kept for the statistics, over all inputs. */
export const MAX_VALUES = 2_000_000;

/** An input past a limit: refused where it went over, exit 2. */
export function tooMany(r: BenchResult, max: number, what: string): ParseError {
  const why = `more than ${max.toLocaleString('en-US')} ${what}; refused (bounded memory)`;
  return new ParseError(why, { file: r.file, line: r.line, kind: 'too-large' });
}
