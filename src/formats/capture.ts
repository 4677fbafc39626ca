/**
 * Reader of the watch capture format (docs/watch.md): NDJSON, one record per line, the first
 * line a header {"type":"header","format":"gomemlens-capture","version":1}. The file is
 * append-only while recording, so a watcher killed mid-write leaves at most one truncated last
 * line: that line is dropped with a note, never an error. Pure: input is a string or bytes.
 */
import type { Finding } from '../model/finding.js';
import type { Sample } from '../model/series.js';
import type { Snapshot } from '../model/snapshot.js';
import { cleanSample } from './capture-clean.js';

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
  readonly kind: 'leak' | 'shmem' | 'warmup' | 'page-cache' | 'flat' | 'insufficient';
  /** Seconds until the OOM kill: what the cgroup cannot reclaim reaches the limit; with a 95% interval. */
  readonly etaSec?: number;
  readonly etaLowSec?: number;
  readonly etaHighSec?: number;
  /** The rate of what the cgroup cannot reclaim, usage - (file - shmem). */
  readonly slopeBytesPerSec?: number;
  /** The cgroup's effective limit (the smallest on the path to the root). */
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
