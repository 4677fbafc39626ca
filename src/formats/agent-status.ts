/**
 * Parses the JSON document the in-process agent serves at GET /debug/gomemlens (schema in
 * docs/agent.md), with the shape checks of saved snapshots (shape.ts). Pure: text in,
 * AgentStatus out. Anything else throws a ParseError: of kind "unrecognized" when the text is
 * not an agent document at all (an HTML error page, another service's JSON), otherwise it is
 * an agent document that is broken or of an unknown version, and the message names the field.
 *
 * Precision: /gc/gomemlimit:bytes is math.MaxInt64 when no limit is set; JSON.parse rounds it
 * to 2^63, and goMemLimit maps anything at or above 2^62 to UNLIMITED on purpose.
 */
import {
  AGENT_PATH,
  AGENT_SCHEMA_VERSION,
  type AgentGogcState,
  type AgentHistogram,
  type AgentLimitDecision,
  type AgentMetricValue,
  type AgentStatus,
} from '../model/agent.js';
import { ParseError } from '../model/errors.js';
import { UNLIMITED, type Limit } from '../model/units.js';
import { parseJsonObject } from './json.js';
import {
  bool,
  type Check,
  checkAt,
  int,
  isoTime,
  nonNegative,
  num,
  obj,
  oneOf,
  optional,
  orNull,
  record,
  str,
} from './shape.js';

/** Inputs above this are refused rather than parsed (a real document is ~5 KiB). */
export const MAX_AGENT_DOC_BYTES = 4 << 20;
const MAX_METRICS = 2000;
const AGENT_ID = 'gomemlens.dev/agent';
const METRIC_NAME = /^\/[^:\s]+:[^:\s]+$/;

const histogram = obj<AgentHistogram>({
  count: int(),
  p50: orNull(nonNegative),
  p90: orNull(nonNegative),
  p99: orNull(nonNegative),
  max: orNull(nonNegative),
});

/** A counter or gauge, a histogram summary, or null (a kind the agent does not summarise). */
const metricValue: Check<AgentMetricValue> = (v, at) =>
  v === null ? null : typeof v === 'number' ? nonNegative(v, at) : histogram(v, at);

const metrics: Check<Record<string, AgentMetricValue>> = (v, at) => {
  const n = typeof v === 'object' && v !== null ? Object.keys(v).length : 0;
  if (n > MAX_METRICS)
    throw new ParseError(`${n} entries (limit ${MAX_METRICS})`, { field: at, kind: 'too-large' });
  const out = record(metricValue)(v, at);
  const bad = Object.keys(out).find((name) => !METRIC_NAME.test(name));
  if (bad !== undefined)
    throw new ParseError('not a runtime/metrics name', { field: at, text: bad.slice(0, 60) });
  return out;
};

const limitDecision = obj<AgentLimitDecision>({
  source: oneOf('cgroup', 'env', 'external', 'none'),
  cgroupVersion: orNull(oneOf(1, 2)),
  cgroupFile: orNull(str),
  cgroupLimitBytes: orNull(int()),
  ratio: nonNegative,
  reserveBytes: int(),
  targetBytes: orNull(int()),
  inForceBytes: orNull(int()),
  liveHeapBytes: orNull(int()),
  refused: orNull(str),
  stale: bool,
  staleReason: orNull(str),
  error: orNull(str),
  decidedAt: orNull(isoTime),
  checkedAt: orNull(isoTime),
  refreshIntervalSeconds: orNull(nonNegative),
});

const gogcState = obj<AgentGogcState>({
  enabled: bool,
  disabledReason: orNull(str),
  gogc: int(-1),
  initialGogc: int(-1),
  min: int(),
  max: int(),
  budget: nonNegative,
  windowSeconds: nonNegative,
  lastShare: orNull(nonNegative),
  lastAction: oneOf('hold', 'raise', 'lower'),
  lastReason: orNull(str),
  cap: int(),
  steps: int(),
  changes: int(),
  changedAt: orNull(isoTime),
});

/** The document as checked; its schemaVersion is compared after (an unknown one is named). */
type Document = Omit<AgentStatus, 'goMemLimit' | 'schemaVersion'> & { schemaVersion: number };

const document = obj<Document>({
  schemaVersion: num,
  goVersion: str,
  pid: int(),
  time: isoTime,
  metrics,
  limit: optional(limitDecision),
  gogc: optional(gogcState),
});

export function parseAgentStatus(input: string | Uint8Array): AgentStatus {
  const file = AGENT_PATH;
  if (input.length > MAX_AGENT_DOC_BYTES)
    throw new ParseError(`document too large (${input.length} bytes)`, { file, kind: 'too-large' });
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const json = parseJsonObject(text, { file, kind: 'unrecognized' });
  if (json.agent !== AGENT_ID) {
    const what = `not an agent document (no "agent": "${AGENT_ID}")`;
    throw new ParseError(what, { file, kind: 'unrecognized' });
  }
  const doc = checkAt(document, json, '', { file });
  if (doc.schemaVersion !== AGENT_SCHEMA_VERSION) {
    const what = `schemaVersion ${doc.schemaVersion} is not supported (this reader knows ${AGENT_SCHEMA_VERSION})`;
    throw new ParseError(what, { file });
  }
  const memLimit = doc.metrics['/gc/gomemlimit:bytes'];
  return {
    schemaVersion: AGENT_SCHEMA_VERSION,
    goVersion: doc.goVersion,
    pid: doc.pid,
    time: doc.time,
    metrics: doc.metrics,
    ...(typeof memLimit === 'number' ? { goMemLimit: toLimit(memLimit) } : {}),
    ...(doc.limit ? { limit: doc.limit } : {}),
    ...(doc.gogc ? { gogc: doc.gogc } : {}),
  };
}

function toLimit(bytes: number): Limit {
  return bytes >= 2 ** 62 ? UNLIMITED : bytes;
}
