/**
 * The Go knobs in effect for a target and where each came from. The runtime's own values
 * (client_golang's go_gc_gomemlimit_bytes, go_gc_gogc_percent) win over the environment,
 * because a program may call debug.SetMemoryLimit / debug.SetGCPercent itself.
 */
import { parseGoMemLimit, type GoMemLimit } from '../model/gomemlimit.js';
import { valueOf } from '../model/observation.js';
import type { Snapshot } from '../model/snapshot.js';
import { binaryGarbageCollector, type GarbageCollector } from './go-gc.js';
import { hasFeature, parseGoVersion } from './go-versions.js';

export interface Sourced<T> {
  readonly value: T;
  readonly source: string;
}

export interface GoMemLimitInForce {
  /** Bytes in force; null when there is none (math.MaxInt64, "off", or unset). */
  readonly bytes: number | null;
  readonly source: string;
  /** GOMEMLIMIT from the process environment, as written, and how Go parses it. */
  readonly env?: { readonly raw: string; readonly parsed: GoMemLimit; readonly source: string };
  /** go_gc_gomemlimit_bytes (null = math.MaxInt64, no limit). */
  readonly runtime?: Sourced<number | null>;
}

export interface GogcInForce {
  /** Percent; null when the GC is off (GOGC=off or any negative value). */
  readonly percent: number | null;
  readonly source: string;
  readonly envRaw?: string;
}

export interface GoSettings {
  readonly goVersion?: Sourced<string>;
  readonly gomemlimit: GoMemLimitInForce;
  readonly gogc: GogcInForce;
  /** Each GODEBUG flag in effect: build default (DefaultGODEBUG) overridden by the env. */
  readonly godebug: Readonly<Record<string, Sourced<string>>>;
  readonly gotraceback: Sourced<string>;
  readonly gomaxprocs?: Sourced<number>;
  /** The collector the binary was built with (Green Tea: Go 1.25 opt-in, Go >= 1.26 default). */
  readonly garbageCollector?: Sourced<GarbageCollector>;
}

/** Values at or above 2^62 mean "no limit" (Go exports math.MaxInt64 as a float). */
const NO_LIMIT_THRESHOLD = 2 ** 62;

export function readSettings(snapshot: Snapshot): GoSettings {
  const env = valueOf(snapshot.process?.environ) ?? {};
  const envSource = snapshot.process?.environ.source ?? 'environment';
  const prom = valueOf(snapshot.runtime?.prometheus);
  const goVersion = goVersionOf(snapshot);
  const bin = snapshot.binary;
  const garbageCollector =
    bin?.status === 'ok' ? binaryGarbageCollector(bin.value, bin.source) : undefined;
  const gomaxprocs =
    prom?.gomaxprocs !== undefined
      ? { value: prom.gomaxprocs, source: 'go_sched_gomaxprocs_threads' }
      : envInt(env.GOMAXPROCS, `${envSource} GOMAXPROCS`);
  return {
    ...(goVersion ? { goVersion } : {}),
    gomemlimit: gomemlimitOf(env.GOMEMLIMIT, envSource, prom?.gomemlimitBytes, goVersion?.value),
    gogc: gogcOf(env.GOGC, envSource, prom?.gogcPercent),
    godebug: godebugOf(snapshot, env.GODEBUG, envSource),
    gotraceback: env.GOTRACEBACK
      ? { value: env.GOTRACEBACK, source: `${envSource} GOTRACEBACK` }
      : { value: 'single', source: 'default (GOTRACEBACK unset)' },
    ...(gomaxprocs ? { gomaxprocs } : {}),
    ...(garbageCollector ? { garbageCollector } : {}),
  };
}

function goVersionOf(snapshot: Snapshot): Sourced<string> | undefined {
  const bin = snapshot.binary;
  if (bin?.status === 'ok' && bin.value.isGo) {
    return { value: bin.value.buildInfo.goVersion, source: `${bin.source} (.go.buildinfo)` };
  }
  const v = valueOf(snapshot.runtime?.prometheus)?.goVersion;
  return v ? { value: v, source: 'go_info{version}' } : undefined;
}

export function gomemlimitOf(
  raw: string | undefined,
  envSource: string,
  runtimeBytes?: number,
  goVersion?: string,
): GoMemLimitInForce {
  const env =
    raw !== undefined && raw !== '' // Go treats an empty value as unset
      ? { raw, parsed: parseGoMemLimit(raw), source: `${envSource} GOMEMLIMIT` }
      : undefined;
  if (runtimeBytes !== undefined) {
    const bytes = runtimeBytes >= NO_LIMIT_THRESHOLD ? null : runtimeBytes;
    const runtime = { value: bytes, source: 'go_gc_gomemlimit_bytes' };
    return { bytes, source: runtime.source, runtime, ...(env ? { env } : {}) };
  }
  if (env === undefined)
    return { bytes: null, source: 'default (GOMEMLIMIT unset: math.MaxInt64)' };
  const v = goVersion ? parseGoVersion(goVersion) : undefined;
  if (v && !hasFeature(v, 'gomemlimit')) {
    return {
      bytes: null,
      source: `${env.source} (ignored: ${v.text} predates GOMEMLIMIT, Go 1.19)`,
      env,
    };
  }
  const bytes = env.parsed.kind === 'bytes' ? env.parsed.bytes : null;
  return { bytes, source: env.source, env };
}

/** runtime/mgcpacer.go readGOGC: "off" -> -1, an integer -> itself, anything else -> 100. */
export function gogcOf(
  raw: string | undefined,
  envSource: string,
  runtimePercent?: number,
): GogcInForce {
  const envRaw = raw !== undefined ? { envRaw: raw } : {};
  if (runtimePercent !== undefined) {
    // /gc/gogc:percent is a uint64: -1 (off) shows up as 2^64-1 once converted.
    const off = runtimePercent < 0 || runtimePercent >= 2 ** 63;
    return { percent: off ? null : runtimePercent, source: 'go_gc_gogc_percent', ...envRaw };
  }
  if (raw === undefined) return { percent: 100, source: 'default (GOGC unset)' };
  const source = `${envSource} GOGC`;
  if (raw === 'off') return { percent: null, source, ...envRaw };
  const n = /^[+-]?\d+$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(n) || Math.abs(n) > 2 ** 31 - 1)
    return { percent: 100, source: `${source} (not a number: Go uses 100)`, ...envRaw };
  return { percent: n < 0 ? null : n, source, ...envRaw };
}

/** Build default (DefaultGODEBUG in the build info) first, then the environment: last wins. */
function godebugOf(snapshot: Snapshot, envValue: string | undefined, envSource: string) {
  const flags: Record<string, Sourced<string>> = {};
  const bin = valueOf(snapshot.binary);
  const defaults = bin?.isGo
    ? bin.buildInfo.settings.find(([k]) => k === 'DefaultGODEBUG')?.[1]
    : undefined;
  for (const [k, v] of parseGodebug(defaults))
    flags[k] = { value: v, source: 'build setting DefaultGODEBUG' };
  for (const [k, v] of parseGodebug(envValue))
    flags[k] = { value: v, source: `${envSource} GODEBUG` };
  return flags;
}

export function parseGodebug(text: string | undefined): [string, string][] {
  if (!text) return [];
  return text
    .split(',')
    .map((kv) => kv.trim().split('='))
    .filter((p): p is [string, string] => p.length === 2 && p[0] !== '')
    .map(([k, v]) => [k, v]);
}

function envInt(raw: string | undefined, source: string): Sourced<number> | undefined {
  return raw !== undefined && /^\d+$/.test(raw) ? { value: Number(raw), source } : undefined;
}
