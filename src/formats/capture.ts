/**
 * Reader of the watch capture format (docs/watch.md): NDJSON, one record per line, the first
 * line a header {"type":"header","format":"gomemlens-capture","version":1}. The file is
 * append-only while recording, so a watcher killed mid-write leaves at most one truncated last
 * line: that line is dropped with a note, never an error. Pure: input is a string or bytes.
 */
import type { Finding } from '../model/finding.js';
import type { Sample } from '../model/series.js';
import type { Snapshot } from '../model/snapshot.js';

export const CAPTURE_FORMAT = 'gomemlens-capture';
export const CAPTURE_VERSION = 1;

export interface CaptureHeader {
  readonly type: 'header';
  readonly format: typeof CAPTURE_FORMAT;
  readonly version: number;
  readonly startedAt: number;
  readonly target: { readonly pid?: number; readonly url?: string; readonly cgroupDir?: string };
  readonly intervalMs: number;
  readonly profileEveryMs: number;
  readonly config?: Readonly<Record<string, number | boolean | string>>;
}

export interface SampleRecord extends Sample {
  readonly type: 'sample';
}

export interface ProfileRecord {
  readonly type: 'profile';
  readonly t: number;
  /** "heap" (/debug/pprof/heap, gzipped profile.proto) or "goroutine" (?debug=1 text). */
  readonly kind: 'heap' | 'goroutine';
  /** Why it was taken: "first", "cadence", or a trigger name. */
  readonly reason: string;
  readonly encoding: 'base64';
  readonly data: string;
}

export interface TriggerRecord {
  readonly type: 'trigger';
  readonly t: number;
  readonly name: string;
  readonly detail: string;
}

export interface MemstatsRecord {
  readonly type: 'memstats';
  readonly t: number;
  readonly reason: string;
  readonly memstats: Readonly<Record<string, unknown>>;
}

export interface ForecastRecord {
  readonly type: 'forecast';
  readonly t: number;
  readonly kind: 'leak' | 'warmup' | 'page-cache' | 'flat' | 'insufficient';
  /** Seconds until the heap reaches the effective limit; with a 95% interval. */
  readonly etaSec?: number;
  readonly etaLowSec?: number;
  readonly etaHighSec?: number;
  readonly slopeBytesPerSec?: number;
  readonly effectiveLimit?: number;
  readonly thrashEtaSec?: number;
}

/** A full diagnose Snapshot (src/model/snapshot.ts) at a moment: at start, triggers, profiles. */
export interface SnapshotRecord {
  readonly type: 'snapshot';
  readonly t: number;
  readonly reason: string;
  readonly snapshot: Snapshot;
}

export interface FindingRecord {
  readonly type: 'finding';
  readonly t: number;
  readonly finding: Finding;
}

export interface EndRecord {
  readonly type: 'end';
  readonly t: number;
  /** Why watching stopped: "target-exited", "duration", "signal". */
  readonly why: string;
  readonly exitCode?: number;
  readonly signal?: string;
}

export type CaptureRecord =
  | CaptureHeader
  | SampleRecord
  | ProfileRecord
  | TriggerRecord
  | MemstatsRecord
  | ForecastRecord
  | FindingRecord
  | SnapshotRecord
  | EndRecord;

export interface Capture {
  readonly header: CaptureHeader;
  readonly samples: readonly SampleRecord[];
  readonly profiles: readonly ProfileRecord[];
  readonly triggers: readonly TriggerRecord[];
  readonly memstats: readonly MemstatsRecord[];
  readonly forecasts: readonly ForecastRecord[];
  readonly findings: readonly FindingRecord[];
  readonly snapshots: readonly SnapshotRecord[];
  readonly end?: EndRecord;
  /** What was dropped while reading ("line 12: truncated last record ignored"). */
  readonly notes: readonly string[];
}

export class CaptureParseError extends Error {
  override readonly name = 'CaptureParseError';
}

export type CaptureResult =
  { readonly kind: 'capture'; readonly capture: Capture } | { readonly kind: 'unrecognized' };

/** Parses a capture; "unrecognized" when the first line is not a capture header. */
export function parseCapture(input: string | Uint8Array): CaptureResult {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const lines = text.split('\n');
  const header = parseLine(lines[0]);
  if (!isHeader(header)) return { kind: 'unrecognized' };
  if (header.version > CAPTURE_VERSION) {
    throw new CaptureParseError(
      `capture version ${header.version} is newer than this reader (${CAPTURE_VERSION})`,
    );
  }
  const acc = emptyAccumulator();
  const lastIndex = text.endsWith('\n') ? lines.length - 2 : lines.length - 1;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const rec = parseLine(lines[i]);
    if (rec === undefined || typeof rec !== 'object' || rec === null) {
      acc.notes.push(
        `line ${i + 1}: ${i === lastIndex ? 'truncated last record ignored' : 'garbled record skipped'}`,
      );
      continue;
    }
    add(acc, rec as CaptureRecord, i + 1);
  }
  acc.samples.sort((a, b) => a.t - b.t);
  return { kind: 'capture', capture: { header, ...acc } };
}

type Accumulator = {
  -readonly [K in Exclude<keyof Capture, 'header' | 'end'>]: Capture[K] extends readonly (infer E)[]
    ? E[]
    : never;
} & { end?: EndRecord };

function emptyAccumulator(): Accumulator {
  return {
    samples: [],
    profiles: [],
    triggers: [],
    memstats: [],
    forecasts: [],
    findings: [],
    snapshots: [],
    notes: [],
  };
}

function add(acc: Accumulator, rec: CaptureRecord, line: number): void {
  switch (rec.type) {
    case 'sample':
      if (Number.isFinite(rec.t)) acc.samples.push(cleanSample(rec));
      else acc.notes.push(`line ${line}: sample without a time skipped`);
      return;
    case 'profile':
      if (typeof rec.data === 'string') acc.profiles.push(rec);
      return;
    case 'trigger':
      acc.triggers.push(rec);
      return;
    case 'memstats':
      acc.memstats.push(rec);
      return;
    case 'forecast':
      acc.forecasts.push(rec);
      return;
    case 'finding':
      acc.findings.push(rec);
      return;
    case 'snapshot':
      if (rec.snapshot && typeof rec.snapshot === 'object') acc.snapshots.push(rec);
      return;
    case 'end':
      acc.end = rec;
      return;
    default:
      acc.notes.push(
        `line ${line}: unknown record type "${String((rec as { type?: unknown }).type)}" skipped`,
      );
  }
}

/**
 * Keeps only well-typed fields of a sample (finite numbers, the events object, [end, ns]
 * pause pairs), so a hand-edited or damaged capture cannot feed a string where a number goes.
 */
function cleanSample(rec: SampleRecord): SampleRecord {
  const group = (v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? numbersOf(v) : undefined;
  const out: Record<string, unknown> = { type: 'sample', t: rec.t };
  const cgroup = group(rec.cgroup);
  if (cgroup) {
    const events = group(rec.cgroup?.events);
    delete cgroup.events;
    if (events) cgroup.events = events;
    if (typeof rec.cgroup?.underOom === 'boolean') cgroup.underOom = rec.cgroup.underOom;
    out.cgroup = cgroup;
  }
  const proc = group(rec.proc);
  if (proc) out.proc = proc;
  const go = group(rec.go);
  if (go) {
    const pauses = rec.go?.pauses;
    delete go.pauses;
    if (Array.isArray(pauses))
      go.pauses = pauses.filter(
        (p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite),
      );
    if (rec.go?.liveSource === 'metric' || rec.go?.liveSource === 'estimate')
      go.liveSource = rec.go.liveSource;
    out.go = go;
  }
  if (Array.isArray(rec.notes)) out.notes = rec.notes.filter((n) => typeof n === 'string');
  return out as unknown as SampleRecord;
}

function numbersOf(v: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(v).filter(([, x]) => typeof x === 'number' && Number.isFinite(x)),
  );
}

function parseLine(line: string | undefined): unknown {
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function isHeader(v: unknown): v is CaptureHeader {
  const h = v as CaptureHeader | undefined;
  return (
    typeof h === 'object' &&
    h !== null &&
    h.type === 'header' &&
    h.format === CAPTURE_FORMAT &&
    typeof h.version === 'number'
  );
}

/** Decodes a profile blob (base64) to bytes without node:buffer. */
export function profileBytes(p: ProfileRecord): Uint8Array {
  const bin = atob(p.data);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The last full snapshot of a capture (for `diagnose --capture`), or undefined. */
export function lastSnapshot(c: Capture): SnapshotRecord | undefined {
  return c.snapshots[c.snapshots.length - 1];
}
