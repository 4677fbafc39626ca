/**
 * Probes a Go service's HTTP endpoints in parallel and says which answered:
 *   /debug/vars              expvar: runtime.MemStats and os.Args (src/expvar/expvar.go)
 *   /debug/pprof/heap?debug=1 legacy heap profile; only its `# runtime.MemStats` trailer is
 *                            kept (the fallback when expvar is not mounted)
 *   /metrics                 Prometheus text with client_golang's go_* names
 *   /debug/gomemlens         the in-process gomemlens agent (raw JSON kept for its reader)
 * MemStats prefer /debug/vars, then the heap trailer.
 */
import { absent, ok, unreadable, type Observation } from '../model/observation.js';
import type { EndpointResult, MemStats, PromGoMetrics, RuntimeInfo } from '../model/snapshot.js';
import { parseExpvar, type ExpvarDoc } from '../formats/expvar.js';
import { parseMemStatsTrailer } from '../formats/memstats-trailer.js';
import { parsePromText, toPromGoMetrics } from '../formats/prom-text.js';
import { fetchLimited, type FetchOptions, type FetchResult } from './http.js';

export interface ProbeOptions {
  /** Deadline per endpoint; endpoints are fetched at the same time (default 5000 ms). */
  readonly timeoutMs?: number;
  /** Size cap per endpoint (default 16 MiB; the heap profile is streamed, keeping its tail). */
  readonly maxBytes?: number;
}

export const ENDPOINTS = {
  vars: '/debug/vars',
  heap: '/debug/pprof/heap?debug=1',
  metrics: '/metrics',
  agent: '/debug/gomemlens',
} as const;

/** The trailer is ~5 KB (two 256-entry arrays of up to 19 digits); keep a generous tail. */
const HEAP_TAIL_BYTES = 64 << 10;
const HEAP_MAX_BYTES = 256 << 20;

/** A parse step: the value, or why the body was not usable. */
type Parsed<T> = { value: T } | { garbled: string } | { missing: string };

export async function probeRuntime(baseUrl: string, opts: ProbeOptions = {}): Promise<RuntimeInfo> {
  const base = baseUrl.replace(/\/+$/, '');
  const common: FetchOptions = { timeoutMs: opts.timeoutMs ?? 5000, maxBytes: opts.maxBytes };
  const get = (path: string, extra: FetchOptions = {}) =>
    fetchLimited(base + path, { ...common, ...extra });
  const [vars, heap, metrics, agent] = await Promise.all([
    get(ENDPOINTS.vars),
    get(ENDPOINTS.heap, {
      tailBytes: HEAP_TAIL_BYTES,
      maxBytes: Math.max(opts.maxBytes ?? 0, HEAP_MAX_BYTES),
    }),
    get(ENDPOINTS.metrics),
    get(ENDPOINTS.agent),
  ]);
  const expvar = parseBody(vars, parseExpvar);
  const trailer = parseBody(
    heap,
    (t) => parseMemStatsTrailer(t) ?? missing('no "# runtime.MemStats" block'),
  );
  const prom = parseBody(
    metrics,
    (t) => toPromGoMetrics(parsePromText(t)) ?? missing('no go_* series'),
  );
  const agentJson = parseBody(agent, (t) => (JSON.parse(t), t));
  const doc = expvar && 'value' in expvar ? expvar.value : undefined;
  return {
    baseUrl: base,
    endpoints: [
      endpoint(ENDPOINTS.vars, vars, expvar),
      endpoint(ENDPOINTS.heap, heap, trailer),
      endpoint(ENDPOINTS.metrics, metrics, prom),
      endpoint(ENDPOINTS.agent, agent, agentJson),
    ],
    memstats: chooseMemStats(
      base,
      observe(base + ENDPOINTS.vars, vars, expvar),
      observe(base + ENDPOINTS.heap, heap, trailer),
    ),
    prometheus: observe<PromGoMetrics>(base + ENDPOINTS.metrics, metrics, prom),
    ...(doc?.cmdline ? { cmdline: doc.cmdline } : {}),
    ...(agentJson && 'value' in agentJson ? { agentJson: agentJson.value } : {}),
  };
}

class Missing extends Error {}
const missing = (why: string): never => {
  throw new Missing(why);
};

function parseBody<T>(r: FetchResult, parse: (text: string) => T): Parsed<T> | undefined {
  if (r.outcome !== 'ok' || !r.body) return undefined;
  try {
    return { value: parse(new TextDecoder().decode(r.body)) };
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    return err instanceof Missing ? { missing: message } : { garbled: message };
  }
}

/** The fetch outcome, made 'garbled' when the body did not parse; a body that parsed but
 *  lacks what we look for (a /metrics page without go_* series) stays 'ok' with a detail. */
function endpoint(
  path: string,
  r: FetchResult,
  parsed: Parsed<unknown> | undefined,
): EndpointResult {
  const garbled = parsed && 'garbled' in parsed ? parsed.garbled : undefined;
  const detail = garbled ?? (parsed && 'missing' in parsed ? parsed.missing : r.detail);
  return {
    path,
    outcome: garbled ? 'garbled' : r.outcome,
    ...(r.httpStatus !== undefined ? { httpStatus: r.httpStatus } : {}),
    ms: r.ms,
    bytes: r.bytes,
    ...(detail ? { detail } : {}),
  };
}

function observe<T>(source: string, r: FetchResult, parsed: Parsed<T> | undefined): Observation<T> {
  if (parsed && 'value' in parsed) return ok(parsed.value, source);
  if (parsed && 'missing' in parsed) return absent(source, parsed.missing);
  if (parsed && 'garbled' in parsed) return unreadable(source, parsed.garbled);
  if (r.outcome === 'not-found') return absent(source, 'HTTP 404');
  return unreadable(source, `${r.outcome}${r.detail ? `: ${r.detail}` : ''}`);
}

/** expvar's memstats when there, else the heap trailer's, else why neither was usable. */
function chooseMemStats(
  base: string,
  vars: Observation<ExpvarDoc>,
  heap: Observation<MemStats>,
): Observation<MemStats> {
  if (vars.status === 'ok' && vars.value.memstats) return ok(vars.value.memstats, vars.source);
  if (heap.status === 'ok') return heap;
  const why = (o: Observation<unknown>, what: string) =>
    o.status === 'absent'
      ? `${what} not found${o.note ? ` (${o.note})` : ''}`
      : o.status === 'unreadable'
        ? `${what}: ${o.reason}`
        : `${what} has no "memstats"`;
  const reason = `${why(vars, ENDPOINTS.vars)}; ${why(heap, ENDPOINTS.heap)}`;
  const nothingBroken = vars.status !== 'unreadable' && heap.status === 'absent';
  return nothingBroken
    ? absent(base + ENDPOINTS.vars, reason)
    : unreadable(base + ENDPOINTS.vars, reason);
}
