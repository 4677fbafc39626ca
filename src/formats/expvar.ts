/**
 * expvar's GET /debug/vars: a JSON object with "cmdline" (os.Args) and "memstats" (the whole
 * runtime.MemStats, Go field names; src/expvar/expvar.go), plus whatever the service publishes.
 * Unknown keys are ignored; MemStats fields added by future Go versions are ignored too.
 *
 * Precision: LastGC and PauseEnd are nanoseconds since 1970 (~1.8e18), above 2^53, so JSON.parse
 * rounds them to a multiple of 256 ns; harmless for times, and counters stay far below 2^53.
 */
import { MEMSTATS_NUMBER_FIELDS, type MemStats } from '../model/snapshot.js';

export interface ExpvarDoc {
  readonly cmdline?: readonly string[];
  /** Absent when the service replaced or removed expvar's memstats var. */
  readonly memstats?: MemStats;
  /** Top-level keys present, for a report ("also publishes: requests, cache_hits"). */
  readonly keys: readonly string[];
}

/** The text is JSON (or claims to be /debug/vars) but its content is not what expvar writes. */
export class ExpvarError extends Error {
  constructor(message: string) {
    super(`/debug/vars: ${message}`);
    this.name = 'ExpvarError';
  }
}

/** Throws ExpvarError for anything that is not a JSON object (HTML error pages, junk). */
export function parseExpvar(text: string): ExpvarDoc {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) {
    throw new ExpvarError(
      `not a JSON object (starts with ${JSON.stringify(trimmed.slice(0, 20))})`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ExpvarError(`invalid JSON: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new ExpvarError('not a JSON object');
  const obj = doc as Record<string, unknown>;
  return {
    keys: Object.keys(obj),
    cmdline: parseCmdline(obj.cmdline),
    memstats: obj.memstats === undefined ? undefined : parseMemStats(obj.memstats),
  };
}

function parseCmdline(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((a) => typeof a === 'string'))
    throw new ExpvarError('"cmdline" is not a list of strings');
  return v;
}

/** runtime.MemStats as JSON; every numeric field must be there (expvar always writes them). */
export function parseMemStats(v: unknown): MemStats {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new ExpvarError('"memstats" is not an object');
  const m = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const missing = MEMSTATS_NUMBER_FIELDS.filter((k) => m[k] === undefined);
  if (missing.length > 0) throw new ExpvarError(`"memstats" lacks ${missing.join(', ')}`);
  for (const k of MEMSTATS_NUMBER_FIELDS) {
    if (typeof m[k] !== 'number' || !Number.isFinite(m[k]) || (m[k] as number) < 0) {
      throw new ExpvarError(`memstats.${k} is not a non-negative number: ${JSON.stringify(m[k])}`);
    }
    out[k] = m[k];
  }
  for (const k of ['PauseNs', 'PauseEnd'] as const) {
    if (m[k] === undefined) continue;
    if (!Array.isArray(m[k]) || !(m[k] as unknown[]).every((x) => typeof x === 'number')) {
      throw new ExpvarError(`memstats.${k} is not a list of numbers`);
    }
    out[k] = m[k];
  }
  out.EnableGC = m.EnableGC !== false;
  out.DebugGC = m.DebugGC === true;
  return out as unknown as MemStats;
}
