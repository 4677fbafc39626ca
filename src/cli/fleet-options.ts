/** `gomemlens fleet` flags into FleetOptions: sources (NAME=URL), window, time, TLS and token. */
import { stat } from 'node:fs/promises';
import { readInputText } from '../sources/input-file.js';
import { InputError, UsageError } from '../model/errors.js';
import { parsePromDuration } from '../model/prom-duration.js';
import type { FleetSourceSpec } from '../app/fleet.js';
import { durationFlag, intFlag, urlFlag } from './flags.js';

export const FLEET_FLAGS = {
  prometheus: { type: 'string', multiple: true },
  window: { type: 'string' },
  namespace: { type: 'string', multiple: true },
  at: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  'emit-patches': { type: 'string' },
  'bearer-token-file': { type: 'string' },
  'ca-file': { type: 'string' },
  'cluster-label': { type: 'string' },
  timeout: { type: 'string' },
  concurrency: { type: 'string' },
  batch: { type: 'string' },
  'gc-cpu-budget': { type: 'string' },
  'fail-on': { type: 'string' },
  quiet: { type: 'boolean' },
  manifests: { type: 'string', multiple: true },
} as const;

const MAX_WINDOW_MS = 90 * 86_400_000;
const FORMATS = ['text', 'json', 'markdown', 'csv', 'html'] as const;
export type FleetFormat = (typeof FORMATS)[number];

export function sourcesFlag(values: readonly string[] | undefined): FleetSourceSpec[] {
  if (!values?.length) throw new UsageError('give --prometheus URL (or NAME=URL, repeatable)');
  const names = new Set<string>();
  return values.map((v) => {
    const m = /^([A-Za-z0-9][A-Za-z0-9_.-]*)=(.+)$/.exec(v);
    const spec = m
      ? { name: m[1], url: urlFlag(m[2], 'prometheus') }
      : { url: urlFlag(v, 'prometheus') };
    if (spec.name && names.has(spec.name))
      throw new UsageError(`--prometheus name "${spec.name}" given twice`);
    if (spec.name) names.add(spec.name);
    return spec;
  });
}

export function windowFlag(text: string | undefined): number {
  if (text === undefined) return 7 * 86_400_000;
  const ms = parsePromDuration(text);
  if (ms === undefined)
    throw new UsageError(`--window wants a duration like 7d, 24h or 14d, got "${text}"`);
  if (ms < 3_600_000 || ms > MAX_WINDOW_MS)
    throw new UsageError(`--window is 1h to 90d, got "${text}"`);
  return ms;
}

/** --at: RFC 3339 ("2025-01-08T00:00:00Z") or Unix seconds, as the Prometheus API takes them. */
export function atFlag(text: string | undefined, now: number): number {
  if (text === undefined) return now;
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  if (!Number.isFinite(ms) || ms <= 0)
    throw new UsageError(`--at wants RFC 3339 or Unix seconds, got "${text}"`);
  return ms;
}

export function formatFlag(format: string | undefined, json: boolean | undefined): FleetFormat {
  const f = json ? 'json' : (format ?? 'text');
  if (!(FORMATS as readonly string[]).includes(f))
    throw new UsageError(`--format wants ${FORMATS.join(', ')}, got "${f}"`);
  return f as FleetFormat;
}

/** "10%" or "0.1": the share of the process's CPU the GC may use when sizing GOGC. */
export function budgetFlag(text: string | undefined): number {
  if (text === undefined) return 0.1;
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  const v = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(v > 0 && v < 1))
    throw new UsageError(`--gc-cpu-budget wants a share like 10% or 0.1, got "${text}"`);
  return v;
}

export function countFlag(
  name: string,
  text: string | undefined,
  fallback: number,
  max: number,
): number {
  const n = intFlag(name, text) ?? fallback;
  if (n < 1 || n > max) throw new UsageError(`--${name} is 1 to ${max}, got "${text}"`);
  return n;
}

export function timeoutFlag(text: string | undefined): number {
  return durationFlag('timeout', text) ?? 60_000;
}

/** A secret file (bearer token) or a CA bundle: small, read through the capped reader. */
export async function smallFile(
  path: string | undefined,
  what: string,
): Promise<string | undefined> {
  if (path === undefined) return undefined;
  const text = await readInputText(path, { maxBytes: 1 << 20, what });
  return what === 'bearer token' ? text.trim() : text;
}

/** --emit-patches DIR must be a directory before any query is made. */
export async function patchDir(dir: string): Promise<void> {
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new InputError(`--emit-patches ${dir}: not a directory`);
}
