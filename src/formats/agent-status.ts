/**
 * Parses the JSON document the in-process agent serves at GET /debug/gomemlens (schema in
 * docs/agent.md). Pure: text in, AgentStatus out. Anything else throws AgentStatusError:
 * `unrecognized` when the text is not an agent document at all (an HTML error page, another
 * service's JSON), otherwise it is an agent document that is broken or of an unknown version,
 * and the message names the field.
 *
 * Precision: /gc/gomemlimit:bytes is math.MaxInt64 when no limit is set; JSON.parse rounds it
 * to 2^63, and goMemLimit maps anything at or above 2^62 to UNLIMITED on purpose.
 */
import {
  AGENT_SCHEMA_VERSION,
  type AgentGogcState,
  type AgentHistogram,
  type AgentLimitDecision,
  type AgentMetricValue,
  type AgentStatus,
} from '../model/agent.js';
import { UNLIMITED, type Limit } from '../model/units.js';

export class AgentStatusError extends Error {
  constructor(
    message: string,
    /** True when the input is not a gomemlens agent document (try another reader). */
    readonly unrecognized = false,
  ) {
    super(`/debug/gomemlens: ${message}`);
    this.name = 'AgentStatusError';
  }
}

/** Inputs above this are refused rather than parsed (a real document is ~5 KiB). */
export const MAX_AGENT_DOC_BYTES = 4 << 20;
const MAX_METRICS = 2000;
const AGENT_ID = 'gomemlens.dev/agent';

export function parseAgentStatus(input: string | Uint8Array): AgentStatus {
  if (input.length > MAX_AGENT_DOC_BYTES)
    throw new AgentStatusError(`document too large (${input.length} bytes)`);
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const doc = parseJsonObject(text);
  if (doc.agent !== AGENT_ID)
    throw new AgentStatusError(`not an agent document (no "agent": "${AGENT_ID}")`, true);
  const top = new Fields(doc, '');
  const version = top.num('schemaVersion');
  if (version !== AGENT_SCHEMA_VERSION) {
    throw new AgentStatusError(
      `schemaVersion ${version} is not supported (this reader knows ${AGENT_SCHEMA_VERSION})`,
    );
  }
  const metrics = parseMetrics(top.object('metrics'));
  const memLimit = metrics['/gc/gomemlimit:bytes'];
  return {
    schemaVersion: AGENT_SCHEMA_VERSION,
    goVersion: top.str('goVersion'),
    pid: top.int('pid'),
    time: top.time('time'),
    metrics,
    ...(typeof memLimit === 'number' ? { goMemLimit: toLimit(memLimit) } : {}),
    ...(doc.limit !== undefined ? { limit: parseLimit(top.object('limit')) } : {}),
    ...(doc.gogc !== undefined ? { gogc: parseGogc(top.object('gogc')) } : {}),
  };
}

function parseJsonObject(text: string): Record<string, unknown> {
  const start = text.trimStart();
  if (!start.startsWith('{')) {
    throw new AgentStatusError(
      `not a JSON object (starts with ${JSON.stringify(start.slice(0, 20))})`,
      true,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new AgentStatusError(`invalid JSON: ${(err as Error).message}`, true);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new AgentStatusError('not a JSON object', true);
  return doc as Record<string, unknown>;
}

function toLimit(bytes: number): Limit {
  return bytes >= 2 ** 62 ? UNLIMITED : bytes;
}

function parseMetrics(obj: Fields): Record<string, AgentMetricValue> {
  const names = obj.keys();
  if (names.length > MAX_METRICS)
    throw new AgentStatusError(`metrics: ${names.length} entries (limit ${MAX_METRICS})`);
  const out: Record<string, AgentMetricValue> = Object.create(null);
  for (const name of names) {
    if (!/^\/[^:\s]+:[^:\s]+$/.test(name))
      throw new AgentStatusError(
        `metrics: ${JSON.stringify(name.slice(0, 60))} is not a runtime/metrics name`,
      );
    const v = obj.raw(name);
    out[name] =
      v === null ? null : typeof v === 'number' ? obj.num(name) : parseHistogram(obj.object(name));
  }
  return out;
}

function parseHistogram(h: Fields): AgentHistogram {
  return {
    count: h.int('count'),
    p50: h.numOrNull('p50'),
    p90: h.numOrNull('p90'),
    p99: h.numOrNull('p99'),
    max: h.numOrNull('max'),
  };
}

function parseLimit(l: Fields): AgentLimitDecision {
  const version = l.intOrNull('cgroupVersion');
  if (version !== null && version !== 1 && version !== 2)
    throw new AgentStatusError(`limit.cgroupVersion: ${version}`);
  return {
    source: l.oneOf('source', ['cgroup', 'env', 'external', 'none'] as const),
    cgroupVersion: version,
    cgroupFile: l.strOrNull('cgroupFile'),
    cgroupLimitBytes: l.intOrNull('cgroupLimitBytes'),
    ratio: l.num('ratio'),
    reserveBytes: l.int('reserveBytes'),
    targetBytes: l.intOrNull('targetBytes'),
    inForceBytes: l.intOrNull('inForceBytes'),
    liveHeapBytes: l.intOrNull('liveHeapBytes'),
    refused: l.strOrNull('refused'),
    stale: l.bool('stale'),
    staleReason: l.strOrNull('staleReason'),
    error: l.strOrNull('error'),
    decidedAt: l.timeOrNull('decidedAt'),
    checkedAt: l.timeOrNull('checkedAt'),
    refreshIntervalSeconds: l.numOrNull('refreshIntervalSeconds'),
  };
}

function parseGogc(g: Fields): AgentGogcState {
  return {
    enabled: g.bool('enabled'),
    disabledReason: g.strOrNull('disabledReason'),
    gogc: g.int('gogc', true),
    initialGogc: g.int('initialGogc', true),
    min: g.int('min'),
    max: g.int('max'),
    budget: g.num('budget'),
    windowSeconds: g.num('windowSeconds'),
    lastShare: g.numOrNull('lastShare'),
    lastAction: g.oneOf('lastAction', ['hold', 'raise', 'lower'] as const),
    lastReason: g.strOrNull('lastReason'),
    cap: g.int('cap'),
    steps: g.int('steps'),
    changes: g.int('changes'),
    changedAt: g.timeOrNull('changedAt'),
  };
}

/** Typed access to one JSON object; every failure names the field's path. */
class Fields {
  constructor(
    private readonly obj: Record<string, unknown>,
    private readonly path: string,
  ) {}
  keys(): string[] {
    return Object.keys(this.obj);
  }
  raw(key: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.obj, key) ? this.obj[key] : undefined;
  }
  private fail(key: string, want: string): never {
    const got = this.raw(key);
    const shown = got === undefined ? 'missing' : JSON.stringify(got)?.slice(0, 40);
    throw new AgentStatusError(`${this.path}${key}: want ${want}, got ${shown}`);
  }
  object(key: string): Fields {
    const v = this.raw(key);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(key, 'an object');
    return new Fields(v as Record<string, unknown>, `${this.path}${key}.`);
  }
  str(key: string): string {
    const v = this.raw(key);
    return typeof v === 'string' ? v : this.fail(key, 'a string');
  }
  strOrNull(key: string): string | null {
    return this.raw(key) === null ? null : this.str(key);
  }
  num(key: string): number {
    const v = this.raw(key);
    return typeof v === 'number' && Number.isFinite(v) && v >= 0
      ? v
      : this.fail(key, 'a non-negative number');
  }
  numOrNull(key: string): number | null {
    return this.raw(key) === null ? null : this.num(key);
  }
  /** A whole number; negative only when allowed (GOGC is -1 when off). */
  int(key: string, negative = false): number {
    const v = this.raw(key);
    const okInt = typeof v === 'number' && Number.isInteger(v) && (negative ? v >= -1 : v >= 0);
    return okInt ? v : this.fail(key, negative ? 'an integer >= -1' : 'a non-negative integer');
  }
  intOrNull(key: string): number | null {
    return this.raw(key) === null ? null : this.int(key);
  }
  bool(key: string): boolean {
    const v = this.raw(key);
    return typeof v === 'boolean' ? v : this.fail(key, 'true or false');
  }
  time(key: string): string {
    const v = this.raw(key);
    return typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v))
      ? v
      : this.fail(key, 'an RFC 3339 time');
  }
  timeOrNull(key: string): string | null {
    return this.raw(key) === null ? null : this.time(key);
  }
  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const v = this.raw(key);
    return values.includes(v as T) ? (v as T) : this.fail(key, values.join(' | '));
  }
}
