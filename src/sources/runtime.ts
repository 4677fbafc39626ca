/**
 * Probes a Go service's HTTP endpoints in parallel and says which answered:
 *   /debug/vars              expvar: runtime.MemStats and os.Args (src/expvar/expvar.go)
 *   /debug/pprof/heap?debug=1 legacy heap profile; only its `# runtime.MemStats` trailer is
 *                            kept (the fallback when expvar is not mounted)
 *   /metrics                 Prometheus text with client_golang's go_* names
 *   /debug/gomemlens         the in-process gomemlens agent (raw JSON kept for its reader)
 * MemStats prefer /debug/vars, then the heap trailer. A watch tick reads only /debug/vars and
 * /metrics (`only`), on connections kept alive between ticks (`keepAlive`).
 */
import type http from 'node:http';
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
  /** The endpoints to read (default all four, at the same time). */
  readonly only?: readonly RuntimeEndpoint[];
  /** A keep-alive agent for a caller that reads the same service again and again. */
  readonly keepAlive?: http.Agent;
  /** Ends the reads early (a watch that is stopping). */
  readonly signal?: AbortSignal;
}

export const ENDPOINTS = {
  vars: '/debug/vars',
  heap: '/debug/pprof/heap?debug=1',
  metrics: '/metrics',
  agent: '/debug/gomemlens',
} as const;

export type RuntimeEndpoint = keyof typeof ENDPOINTS;
const ALL: readonly RuntimeEndpoint[] = ['vars', 'heap', 'metrics', 'agent'];

/** The trailer is ~5 KB (two 256-entry arrays of up to 19 digits); keep a generous tail. */
const HEAP_TAIL_BYTES = 64 << 10;
const HEAP_MAX_BYTES = 256 << 20;

/** A parse step: the value, or why the body was not usable. */
type Parsed<T> = { value: T } | { garbled: string } | { missing: string };

export async function probeRuntime(baseUrl: string, opts: ProbeOptions = {}): Promise<RuntimeInfo> {
  const base = baseUrl.replace(/\/+$/, '');
  const [vars, heap, metrics, agent] = await fetchAll(base, opts);
  const expvar = vars && parseBody(vars, parseExpvar);
  const trailer =
    heap &&
    parseBody(heap, (t) => parseMemStatsTrailer(t) ?? missing('no "# runtime.MemStats" block'));
  const prom =
    metrics &&
    parseBody(metrics, (t) => toPromGoMetrics(parsePromText(t)) ?? missing('no go_* series'));
  const agentJson = agent && parseBody(agent, (t) => (JSON.parse(t), t));
  const doc = expvar && 'value' in expvar ? expvar.value : undefined;
  const endpoints: EndpointResult[] = [];
  const add = (path: string, r: FetchResult | undefined, p: Parsed<unknown> | undefined) =>
    r && endpoints.push(endpoint(path, r, p));
  add(ENDPOINTS.vars, vars, expvar);
  add(ENDPOINTS.heap, heap, trailer);
  add(ENDPOINTS.metrics, metrics, prom);
  add(ENDPOINTS.agent, agent, agentJson);
  return {
    baseUrl: base,
    endpoints,
    memstats: chooseMemStats(
      base,
      vars && observe(base + ENDPOINTS.vars, vars, expvar),
      heap && observe(base + ENDPOINTS.heap, heap, trailer),
    ),
    prometheus: metrics
      ? observe<PromGoMetrics>(base + ENDPOINTS.metrics, metrics, prom)
      : absent(base + ENDPOINTS.metrics, 'not read'),
    ...(doc?.cmdline ? { cmdline: doc.cmdline } : {}),
    ...(agentJson && 'value' in agentJson ? { agentJson: agentJson.value } : {}),
  };
}

/** The chosen endpoints fetched at the same time; undefined for those not asked for. */
function fetchAll(base: string, opts: ProbeOptions): Promise<(FetchResult | undefined)[]> {
  const only = opts.only ?? ALL;
  const common: FetchOptions = {
    timeoutMs: opts.timeoutMs ?? 5000,
    maxBytes: opts.maxBytes,
    agent: opts.keepAlive,
    signal: opts.signal,
  };
  // The heap profile is streamed and only its tail kept, so it may be far larger.
  const heap = {
    tailBytes: HEAP_TAIL_BYTES,
    maxBytes: Math.max(opts.maxBytes ?? 0, HEAP_MAX_BYTES),
  };
  return Promise.all(
    ALL.map((name) =>
      only.includes(name)
        ? fetchLimited(base + ENDPOINTS[name], name === 'heap' ? { ...common, ...heap } : common)
        : undefined,
    ),
  );
}

/** Every endpoint refused or reset the connection: no HTTP answer at all (not a slow one). */
export function unreachable(rt: RuntimeInfo): boolean {
  return rt.endpoints.every(
    (e) => e.outcome === 'error' && e.httpStatus === undefined && e.detail !== 'stopped',
  );
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
  vars: Observation<ExpvarDoc> | undefined,
  heap: Observation<MemStats> | undefined,
): Observation<MemStats> {
  if (vars?.status === 'ok' && vars.value.memstats) return ok(vars.value.memstats, vars.source);
  if (heap?.status === 'ok') return heap;
  const why = (o: Observation<unknown>, what: string) =>
    o.status === 'absent'
      ? `${what} not found${o.note ? ` (${o.note})` : ''}`
      : o.status === 'unreadable'
        ? `${what}: ${o.reason}`
        : `${what} has no "memstats"`;
  const tried = [
    ...(vars ? [why(vars, ENDPOINTS.vars)] : []),
    ...(heap ? [why(heap, ENDPOINTS.heap)] : []),
  ];
  const reason = tried.join('; ') || 'not read';
  const broken = vars?.status === 'unreadable' || heap?.status === 'unreadable';
  return broken ? unreadable(base + ENDPOINTS.vars, reason) : absent(base + ENDPOINTS.vars, reason);
}
