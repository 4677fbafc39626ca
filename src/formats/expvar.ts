/**
 * expvar's GET /debug/vars: a JSON object with "cmdline" (os.Args) and "memstats" (the whole
 * runtime.MemStats, Go field names; src/expvar/expvar.go), plus whatever the service publishes.
 * Unknown keys are ignored; MemStats fields added by future Go versions are ignored too.
 *
 * Precision: LastGC and PauseEnd are nanoseconds since 1970 (~1.8e18), above 2^53, so JSON.parse
 * rounds them to a multiple of 256 ns; harmless for times, and counters stay far below 2^53.
 */
import { ParseError } from '../model/errors.js';
import { MEMSTATS_NUMBER_FIELDS, type MemStats } from '../model/snapshot.js';
import { parseJsonObject } from './json.js';
import { describeValue } from './shape.js';

export interface ExpvarDoc {
  readonly cmdline?: readonly string[];
  /** Absent when the service replaced or removed expvar's memstats var. */
  readonly memstats?: MemStats;
  /** Top-level keys present, for a report ("also publishes: requests, cache_hits"). */
  readonly keys: readonly string[];
}

const FILE = '/debug/vars';

/** Throws a ParseError for anything that is not a JSON object (HTML error pages, junk). */
export function parseExpvar(text: string): ExpvarDoc {
  const obj = parseJsonObject(text, { file: FILE });
  return {
    keys: Object.keys(obj),
    cmdline: parseCmdline(obj.cmdline),
    memstats: obj.memstats === undefined ? undefined : parseMemStats(obj.memstats),
  };
}

/** The content is JSON but not what expvar writes. */
const bad = (field: string, what: string) => new ParseError(what, { file: FILE, field });

function parseCmdline(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((a) => typeof a === 'string'))
    throw bad('cmdline', 'not a list of strings');
  return v;
}

/** runtime.MemStats as JSON; every numeric field must be there (expvar always writes them). */
function parseMemStats(v: unknown): MemStats {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw bad('memstats', 'not an object');
  const m = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const missing = MEMSTATS_NUMBER_FIELDS.filter((k) => m[k] === undefined);
  if (missing.length > 0) throw bad('memstats', `lacks ${missing.join(', ')}`);
  for (const k of MEMSTATS_NUMBER_FIELDS) {
    if (typeof m[k] !== 'number' || !Number.isFinite(m[k]) || (m[k] as number) < 0) {
      throw bad(`memstats.${k}`, `expected a non-negative number, got ${describeValue(m[k])}`);
    }
    out[k] = m[k];
  }
  for (const k of ['PauseNs', 'PauseEnd'] as const) {
    if (m[k] === undefined) continue;
    if (!Array.isArray(m[k]) || !(m[k] as unknown[]).every((x) => typeof x === 'number')) {
      throw bad(`memstats.${k}`, 'not a list of numbers');
    }
    out[k] = m[k];
  }
  out.EnableGC = m.EnableGC !== false;
  out.DebugGC = m.DebugGC === true;
  return out as unknown as MemStats;
}
