/**
 * The settings a full read found (analysis/settings.ts), shortened to what an exporter label can
 * carry without a PID or a file path in it. The source says who set the value:
 *   env      the environment variable (GOMEMLIMIT, GOGC)
 *   code     the runtime's value differs from the environment: the program set it itself
 *            (debug.SetMemoryLimit / debug.SetGCPercent, or a library such as automemlimit)
 *   default  neither: Go's default (no limit; GOGC=100)
 *   ignored  the environment sets it, but Go does not use it (malformed; Go before 1.19)
 */
import { valueOf } from '../model/observation.js';
import type { Snapshot } from '../model/snapshot.js';
import type { ExporterSettings } from './exporter-series.js';
import { readSettings, type GoMemLimitInForce, type GogcInForce } from './settings.js';

export function exporterSettings(snapshot: Snapshot): ExporterSettings {
  const s = readSettings(snapshot);
  return {
    ...(s.goVersion ? { goVersion: s.goVersion.value } : {}),
    gomemlimitBytes: s.gomemlimit.bytes,
    gomemlimitSource: gomemlimitSource(s.gomemlimit),
    gogcPercent: s.gogc.percent,
    gogcSource: gogcSource(s.gogc),
  };
}

function gomemlimitSource(g: GoMemLimitInForce): string {
  const env = g.env?.parsed.kind === 'bytes' ? g.env.parsed.bytes : g.env ? 'bad' : undefined;
  if (g.runtime) {
    if (env === undefined) return g.bytes === null ? 'default' : 'code';
    return env === g.bytes ? 'env' : 'code';
  }
  if (!g.env) return 'default';
  return g.bytes === null && g.env.parsed.kind !== 'off' ? 'ignored' : 'env';
}

function gogcSource(g: GogcInForce): string {
  if (g.envRaw === undefined)
    return g.source === 'go_gc_gogc_percent' && g.percent !== 100 ? 'code' : 'default';
  if (g.source !== 'go_gc_gogc_percent')
    return g.source.includes('not a number') ? 'ignored' : 'env';
  const envPercent =
    g.envRaw === 'off' ? null : /^[+-]?\d+$/.test(g.envRaw) ? Number(g.envRaw) : 100;
  const env = envPercent !== null && envPercent < 0 ? null : envPercent;
  return env === g.percent ? 'env' : 'code';
}

/** Refreshes the runtime's own values from a tick's /metrics, when the tick read it. */
export function withTickSettings(
  s: ExporterSettings | undefined,
  tick: Snapshot,
): ExporterSettings | undefined {
  const prom = valueOf(tick.runtime?.prometheus);
  if (!s || !prom) return s;
  const limit = prom.gomemlimitBytes;
  const gogc = prom.gogcPercent;
  return {
    ...s,
    ...(limit !== undefined ? { gomemlimitBytes: limit >= 2 ** 62 ? null : limit } : {}),
    ...(gogc !== undefined ? { gogcPercent: gogc < 0 || gogc >= 2 ** 63 ? null : gogc } : {}),
  };
}
