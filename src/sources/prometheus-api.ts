/**
 * A client for the Prometheus HTTP API (query, query_range, label values), which Thanos Query,
 * Mimir and VictoriaMetrics serve unchanged. Every call goes through fetchLimited (one
 * deadline, a size cap) and returns a result, never throws: a fleet report lists what failed
 * instead of stopping. Long queries go as a POST form (the API accepts both; URLs past a few
 * KiB are refused by proxies). A bearer token and a CA are sent, never printed.
 */
import http from 'node:http';
import https from 'node:https';
import {
  apiErrorOf,
  parseLabelValues,
  parseSeriesAnswer,
  type PromAnswer,
  type PromSeries,
} from '../formats/prom-api.js';
import { fetchLimited, type FetchResult } from './http.js';

export interface PromSourceOptions {
  /** The API's base URL without credentials (http://prometheus:9090, a Thanos or Mimir prefix). */
  readonly url: string;
  readonly bearerToken?: string;
  /** PEM CA certificates for https. */
  readonly ca?: string;
  /** Per request (default 60 s). */
  readonly timeoutMs?: number;
  /** Largest answer accepted (default 64 MiB). */
  readonly maxBytes?: number;
}

export type PromFailureKind = 'timeout' | 'too-large' | 'http' | 'network' | 'garbled' | 'api';

export type PromResult<T> =
  | {
      readonly ok: true;
      readonly value: T;
      readonly warnings: readonly string[];
      readonly ms: number;
      readonly bytes: number;
    }
  | {
      readonly ok: false;
      readonly kind: PromFailureKind;
      readonly reason: string;
      readonly ms: number;
      readonly bytes: number;
    };

/** Above this many bytes of query string a call is sent as a POST form. */
const MAX_GET_QUERY = 1500;
/** Series in one answer; more is refused as too large (the batch splits). */
export const MAX_SERIES = 50_000;
/**
 * Calls in flight at once: each answer is held, then parsed (a parse takes several times the
 * answer's size), so this times the answer cap bounds memory, whatever the batches do.
 */
const MAX_IN_FLIGHT = 4;

export class PromClient {
  private readonly agent: http.Agent;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  /** Calls made, bytes received and milliseconds spent, for the query plan in the report. */
  readonly stats = { calls: 0, bytes: 0, ms: 0, failures: 0 };

  constructor(private readonly options: PromSourceOptions) {
    const base = { keepAlive: true, maxSockets: 8 };
    this.agent = options.url.startsWith('https:')
      ? new https.Agent({ ...base, ...(options.ca ? { ca: options.ca } : {}) })
      : new http.Agent(base);
  }

  /** An instant query at `timeSec`. */
  query(expr: string, timeSec: number): Promise<PromResult<PromSeries[]>> {
    return this.call(
      'query',
      [
        ['query', expr],
        ['time', String(timeSec)],
      ],
      seriesOf,
    );
  }

  /** A range query from `startSec` to `endSec` every `stepSec`. */
  queryRange(expr: string, startSec: number, endSec: number, stepSec: number) {
    const params: [string, string][] = [
      ['query', expr],
      ['start', String(startSec)],
      ['end', String(endSec)],
      ['step', String(stepSec)],
    ];
    return this.call('query_range', params, seriesOf);
  }

  /** The values of one label on the series `match` selects between two times. */
  labelValues(label: string, match: string, startSec: number, endSec: number) {
    const params: [string, string][] = [
      ['match[]', match],
      ['start', String(startSec)],
      ['end', String(endSec)],
    ];
    return this.call(`label/${encodeURIComponent(label)}/values`, params, parseLabelValues, 'GET');
  }

  close(): void {
    this.agent.destroy();
  }

  private async call<T>(
    endpoint: string,
    params: [string, string][],
    parse: (b: Uint8Array) => PromAnswer<T>,
    only?: 'GET',
  ): Promise<PromResult<T>> {
    await this.acquire();
    try {
      return await this.send(endpoint, params, parse, only);
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.inFlight < MAX_IN_FLIGHT) this.inFlight++;
    else await new Promise<void>((r) => this.waiting.push(r));
  }

  /** The slot passes to the next waiting call, or is freed. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }

  private async send<T>(
    endpoint: string,
    params: [string, string][],
    parse: (b: Uint8Array) => PromAnswer<T>,
    only?: 'GET',
  ): Promise<PromResult<T>> {
    const form = new URLSearchParams(params).toString();
    const post = only === undefined && form.length > MAX_GET_QUERY;
    const url = `${this.options.url}/api/v1/${endpoint}${post ? '' : `?${form}`}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.bearerToken) headers.authorization = `Bearer ${this.options.bearerToken}`;
    if (post) headers['content-type'] = 'application/x-www-form-urlencoded';
    const r = await fetchLimited(url, {
      timeoutMs: this.options.timeoutMs ?? 60_000,
      maxBytes: this.options.maxBytes ?? 64 << 20,
      acceptGzip: true,
      agent: this.agent,
      headers,
      ...(post ? { method: 'POST' as const, body: form } : {}),
      ...(this.options.ca ? { ca: this.options.ca } : {}),
    });
    const result = interpret(r, parse);
    this.stats.calls++;
    this.stats.bytes += r.bytes;
    this.stats.ms += r.ms;
    if (!result.ok) this.stats.failures++;
    return result;
  }
}

/**
 * Series answers, refused when they hold more than MAX_SERIES results: counted with a native
 * search for `"metric":` before JSON.parse builds 250,000 objects to find out.
 */
function seriesOf(b: Uint8Array): PromAnswer<PromSeries[]> {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let n = 0;
  for (let i = buf.indexOf(METRIC); i >= 0 && n <= MAX_SERIES; i = buf.indexOf(METRIC, i + 1)) n++;
  if (n > MAX_SERIES)
    return { ok: false, reason: `more than ${MAX_SERIES} series in one answer`, tooLarge: true };
  return parseSeriesAnswer(b, MAX_SERIES);
}

const METRIC = Buffer.from('"metric":');

function interpret<T>(r: FetchResult, parse: (b: Uint8Array) => PromAnswer<T>): PromResult<T> {
  const base = { ms: r.ms, bytes: r.bytes };
  if (r.outcome === 'ok' && r.body) {
    const answer = parse(r.body);
    if (answer.ok) return { ok: true, value: answer.value, warnings: answer.warnings, ...base };
    const kind = answer.tooLarge ? 'too-large' : 'garbled';
    return { ok: false, kind, reason: answer.reason, ...base };
  }
  const detail = r.detail ?? r.outcome;
  if (r.outcome === 'timeout') return { ok: false, kind: 'timeout', reason: detail, ...base };
  if (r.outcome === 'too-large') return { ok: false, kind: 'too-large', reason: detail, ...base };
  if (r.outcome === 'garbled') return { ok: false, kind: 'garbled', reason: detail, ...base };
  if (r.httpStatus) {
    // 400/422/503 answers carry the API's own error ("execution: query timed out").
    const api = apiErrorOf(r.body);
    const kind = api && r.httpStatus < 500 ? 'api' : 'http';
    return { ok: false, kind, reason: api ? `HTTP ${r.httpStatus}: ${api}` : detail, ...base };
  }
  return { ok: false, kind: 'network', reason: detail, ...base };
}
