/**
 * Reader of the watch capture format (docs/watch.md): NDJSON, one record per line, the first
 * line a header {"type":"header","format":"gomemlens-capture","version":1}. The file is
 * append-only while recording, so a watcher killed mid-write leaves at most one truncated last
 * line: that line is dropped with a note, never an error. Pure: input is a string or bytes.
 */
import { ParseError } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import type { ForecastKind, Sample } from '../model/series.js';
import type { MemStats, Snapshot } from '../model/snapshot.js';
import { checkHeader, checkRecord } from './capture-check.js';
import { checkAt } from './shape.js';

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
  /** Milliseconds this tick started after its slot (only when it was late; docs/watch.md). */
  readonly late?: number;
}

export interface ProfileRecord {
  readonly type: 'profile';
  readonly t: number;
  /**
   * "heap" (/debug/pprof/heap, gzipped profile.proto), "goroutine" (?debug=1 text) or
   * "trace" (/debug/pprof/trace?seconds=N, a Go execution trace, taken on triggers).
   */
  readonly kind: 'heap' | 'goroutine' | 'trace';
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
  readonly memstats: MemStats;
}

export interface ForecastRecord {
  readonly type: 'forecast';
  readonly t: number;
  readonly kind: ForecastKind;
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

/** GODEBUG=gctrace=1 lines the target wrote since the previous tick (`watch --gctrace FILE`). */
export interface GcTraceRecord {
  readonly type: 'gctrace';
  readonly t: number;
  readonly lines: readonly string[];
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
  /** What was still being fetched when watching stopped ("/debug/pprof/heap for 3.2 s"). */
  readonly inFlight?: readonly string[];
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
  | GcTraceRecord
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
  readonly gctrace: readonly GcTraceRecord[];
  readonly end?: EndRecord;
  /** What was dropped while reading ("line 12: truncated last record ignored"). */
  readonly notes: readonly string[];
}

export type CaptureResult =
  { readonly kind: 'capture'; readonly capture: Capture } | { readonly kind: 'unrecognized' };

/**
 * Reads a capture line by line, so a caller can stream a file through it and never hold the
 * whole text. `line()` takes lines in order without their newline; `result()` ends the read.
 */
export class CaptureReader {
  private header: CaptureHeader | undefined;
  private unrecognized = false;
  private readonly acc = emptyAccumulator();
  private lineNo = 0;

  /** `file` names the input in errors ("capture.ndjson:1: ..."). */
  constructor(private readonly file?: string) {}

  /** False once the first line showed this is not a capture: stop feeding it. */
  line(text: string, isLast = false): boolean {
    this.lineNo++;
    if (this.lineNo === 1) return this.first(text);
    if (this.unrecognized) return false;
    if (text === '') return true;
    const rec = parseLine(text);
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      const what = isLast ? 'truncated last record ignored' : 'garbled record skipped';
      this.note(`line ${this.lineNo}: ${what}`);
      return true;
    }
    const checked = checkRecord(rec);
    if ('dropped' in checked) this.note(`line ${this.lineNo}: ${checked.dropped}`);
    else add(this.acc, checked);
    return true;
  }

  /** A line the caller could not hand over (too long to hold): noted, counted. */
  skipLine(why: string): void {
    this.lineNo++;
    this.note(`line ${this.lineNo}: ${why}`);
  }

  result(): CaptureResult {
    if (!this.header) return { kind: 'unrecognized' };
    const notes = this.acc.notes;
    if (this.dropped > MAX_NOTES) notes.push(`${this.dropped - MAX_NOTES} more records dropped`);
    this.acc.samples.sort((a, b) => a.t - b.t);
    return { kind: 'capture', capture: { header: this.header, ...this.acc } };
  }

  private first(text: string): boolean {
    const header = parseLine(text);
    if (!isHeader(header)) {
      this.unrecognized = true;
      return false;
    }
    const where = { file: this.file, line: 1 };
    if (header.version > CAPTURE_VERSION) {
      const what = `capture version ${header.version} is newer than this reader (${CAPTURE_VERSION})`;
      throw new ParseError(what, where);
    }
    this.header = checkAt(checkHeader, header, 'header', where);
    return true;
  }

  private dropped = 0;
  /** Notes are kept up to MAX_NOTES: a capture of garbage must not make a page of notes. */
  private note(text: string): void {
    if (++this.dropped <= MAX_NOTES) this.acc.notes.push(text);
  }
}

const MAX_NOTES = 20;

/** Parses a capture held in memory; "unrecognized" when the first line is not a header. */
export function parseCapture(input: string | Uint8Array): CaptureResult {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const reader = new CaptureReader();
  const lines = text.split('\n');
  const lastIndex = text.endsWith('\n') ? lines.length - 2 : lines.length - 1;
  for (let i = 0; i < lines.length; i++) if (!reader.line(lines[i], i === lastIndex)) break;
  return reader.result();
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
    gctrace: [],
    notes: [],
  };
}

/** Files a checked record under its type. */
function add(acc: Accumulator, rec: CaptureRecord): void {
  switch (rec.type) {
    case 'sample':
      return void acc.samples.push(rec);
    case 'profile':
      return void acc.profiles.push(rec);
    case 'trigger':
      return void acc.triggers.push(rec);
    case 'memstats':
      return void acc.memstats.push(rec);
    case 'forecast':
      return void acc.forecasts.push(rec);
    case 'finding':
      return void acc.findings.push(rec);
    case 'snapshot':
      return void acc.snapshots.push(rec);
    case 'gctrace':
      return void acc.gctrace.push(rec);
    case 'end':
      acc.end = rec;
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

/** The last full snapshot of a capture (for `diagnose --capture`), or undefined. */
export function lastSnapshot(c: Capture): SnapshotRecord | undefined {
  return c.snapshots[c.snapshots.length - 1];
}
