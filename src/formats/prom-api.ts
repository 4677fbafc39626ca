/**
 * The Prometheus HTTP API's JSON answers (prometheus.io/docs/prometheus/latest/querying/api/),
 * which Thanos Query, Mimir and VictoriaMetrics give in the same shape: an envelope
 * {status, data, errorType, error, warnings} around an instant vector, a range matrix or a
 * list of label values. Pure: bytes in, series out, or the reason the bytes are not an answer.
 * Sample values are strings ("NaN", "+Inf" included); times are seconds.
 */

export type Labels = Readonly<Record<string, string>>;

/** A matrix's samples in typed arrays; an instant vector's one sample in a plain array (a typed
 * array costs ~100 bytes of overhead, which 250,000 one-sample series would pay twice). */
export type Numbers = Float64Array | readonly number[];

export interface PromSeries {
  readonly labels: Labels;
  /** Sample times in seconds since the epoch, ascending. */
  readonly t: Numbers;
  readonly v: Numbers;
}

export type PromAnswer<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: string; readonly tooLarge?: boolean };

/**
 * An instant query's vector (or a range query's matrix): one PromSeries per result. More than
 * `maxSeries` results are refused before any is built (the caller splits the query).
 */
export function parseSeriesAnswer(
  bytes: Uint8Array,
  maxSeries = Infinity,
): PromAnswer<PromSeries[]> {
  const env = envelope(bytes);
  if (!env.ok) return env;
  const data = env.value as { resultType?: unknown; result?: unknown };
  if (data === null || typeof data !== 'object' || !Array.isArray(data.result))
    return fail('data.result is not a list');
  const kind = data.resultType;
  if (kind !== 'vector' && kind !== 'matrix')
    return fail(`resultType ${JSON.stringify(kind)} is not a vector or a matrix`);
  if (data.result.length > maxSeries)
    return {
      ...fail(`${data.result.length} series, more than ${maxSeries} in one answer`),
      tooLarge: true,
    };
  const out: PromSeries[] = [];
  for (let i = 0; i < data.result.length; i++) {
    const s = kind === 'vector' ? vectorItem(data.result[i]) : matrixItem(data.result[i]);
    if (typeof s === 'string') return fail(`result[${i}]: ${s}`);
    out.push(s);
  }
  return { ok: true, value: out, warnings: env.warnings };
}

/** /api/v1/label/NAME/values: a list of strings. */
export function parseLabelValues(bytes: Uint8Array): PromAnswer<string[]> {
  const env = envelope(bytes);
  if (!env.ok) return env;
  const data = env.value;
  if (!Array.isArray(data) || !data.every((v) => typeof v === 'string'))
    return fail('data is not a list of label values');
  return { ok: true, value: data as string[], warnings: env.warnings };
}

/** The error an API answer carries (400, 422, 503 bodies): "execution: query timed out". */
export function apiErrorOf(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  const env = envelope(bytes);
  return env.ok ? undefined : env.reason;
}

function envelope(bytes: Uint8Array): PromAnswer<unknown> {
  // V8's JSON.parse is iterative (deep nesting does not overflow the stack), and nothing below
  // recurses: a deeply nested body is refused by its shape, without a separate depth scan.
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return fail(`not JSON (${describeStart(bytes)})`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return fail('not a Prometheus API answer (no JSON object)');
  const o = doc as Record<string, unknown>;
  if (o.status === 'error') {
    const type = typeof o.errorType === 'string' ? `${o.errorType}: ` : '';
    return fail(`${type}${typeof o.error === 'string' ? oneLine(o.error) : 'error'}`);
  }
  if (o.status !== 'success') return fail('not a Prometheus API answer (no "status")');
  const warnings = Array.isArray(o.warnings)
    ? o.warnings.filter((w): w is string => typeof w === 'string').map(oneLine)
    : [];
  return { ok: true, value: o.data, warnings };
}

function vectorItem(item: unknown): PromSeries | string {
  if (!isObject(item)) return 'not an object';
  const labels = labelsOf(item.metric);
  if (typeof labels === 'string') return labels;
  const point = pointOf(item.value);
  if (!point) return 'value is not [time, "value"]';
  return { labels, t: [point[0]], v: [point[1]] };
}

function matrixItem(item: unknown): PromSeries | string {
  if (!isObject(item)) return 'not an object';
  const labels = labelsOf(item.metric);
  if (typeof labels === 'string') return labels;
  if (!Array.isArray(item.values)) return 'values is not a list';
  const n = item.values.length;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = pointOf(item.values[i]);
    if (!p) return `values[${i}] is not [time, "value"]`;
    t[i] = p[0];
    v[i] = p[1];
  }
  return { labels, t, v };
}

function labelsOf(metric: unknown): Labels | string {
  if (!isObject(metric)) return 'metric is not an object';
  for (const value of Object.values(metric))
    if (typeof value !== 'string') return 'a label value is not a string';
  return metric as Labels;
}

/** [1736294400, "123"] -> [time, value]; Prometheus writes values as strings. */
function pointOf(p: unknown): [number, number] | undefined {
  if (!Array.isArray(p) || p.length !== 2) return undefined;
  const [t, s] = p;
  if (typeof t !== 'number' || !Number.isFinite(t) || typeof s !== 'string') return undefined;
  const v = s === '+Inf' ? Infinity : s === '-Inf' ? -Infinity : Number(s);
  if (Number.isNaN(v) && s !== 'NaN') return undefined;
  return [t, v];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}

function describeStart(bytes: Uint8Array): string {
  const head = new TextDecoder().decode(bytes.subarray(0, 40)).replace(/[^\x20-\x7e]/g, '.');
  return bytes.length === 0 ? 'empty body' : `starts "${head}"`;
}
