/**
 * Parser of the Go runtime's `GODEBUG=gctrace=1` and `scavtrace=1` lines (stderr of a Go
 * program). Formats, Go 1.18-1.26 (runtime/mgc.go gcMarkTermination, runtime/extern.go):
 *
 *   gc 7 @0.512s 3%: 0.011+1.2+0.003 ms clock, 0.045+0.10/0.85/1.9+0.014 ms cpu, 4->5->2 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 4 P (forced)
 *   scav 128 KiB work (bg), 0 KiB work (eager), 4096 KiB now, 93% util (forced)
 *
 * Go 1.26 may add " (checking for goroutine leaks)" after the CPU percentage; Go <= 1.17
 * printed neither "MB stacks" nor "MB globals". The MB values are truncated to whole MiB
 * (`x>>20`); durations are fmtNSAsMS: whole milliseconds from 10 ms up, else two significant
 * digits with at most three decimals. scavtrace's doc says "KiB total"; the code prints
 * "KiB now" (runtime/mgcscavenge.go printScavTrace). Both are accepted.
 *
 * Pure and linear: each line is matched by one anchored regex without nested quantifiers;
 * a line that is not a trace line is skipped (programs interleave their own stderr).
 */

/** One GC cycle as gctrace=1 prints it at mark termination. */
export interface GcCycle {
  /** `gc #`: the cycle number (runtime.MemStats.NumGC after it). */
  readonly n: number;
  /** `@#s`: seconds since the program started, at the start of the cycle (sweep termination). */
  readonly atSec: number;
  /** `#%`: share of the CPU spent in GC since the program started (whole percent). */
  readonly cpuPercent: number;
  /** Wall-clock phases, ms: sweep termination (STW), concurrent mark, mark termination (STW). */
  readonly clockMs: {
    readonly sweepTerm: number;
    readonly mark: number;
    readonly markTerm: number;
  };
  /** CPU time, ms: sweep termination, mark assist, background mark, idle mark, mark termination. */
  readonly cpuMs: {
    readonly sweepTerm: number;
    readonly assist: number;
    readonly background: number;
    readonly idle: number;
    readonly markTerm: number;
  };
  /** Heap at the start of the cycle, at its end, and marked live, in whole MiB (truncated). */
  readonly heapStartMiB: number;
  readonly heapEndMiB: number;
  readonly heapLiveMiB: number;
  /** The heap goal of this cycle, whole MiB. */
  readonly goalMiB: number;
  /** Scannable stack and globals at this cycle (Go >= 1.18), whole MiB. */
  readonly stacksMiB?: number;
  readonly globalsMiB?: number;
  /** GOMAXPROCS during the cycle. */
  readonly procs: number;
  /** `(forced)`: runtime.GC() or debug.FreeOSMemory(), not the pacer. */
  readonly forced: boolean;
}

/** One scavtrace=1 line: what the scavenger returned to the OS since the previous line. */
export interface ScavLine {
  /** KiB returned by the background scavenger, and eagerly (allocation, FreeOSMemory). */
  readonly bgKiB: number;
  readonly eagerKiB: number;
  /** KiB released to the OS now (heapReleased). */
  readonly releasedKiB: number;
  /** Heap in use as a share of the retained heap, whole percent. */
  readonly utilPercent: number;
  readonly forced: boolean;
}

export type GctraceLine =
  ({ readonly kind: 'gc' } & GcCycle) | ({ readonly kind: 'scav' } & ScavLine);

/** Longest line looked at: a real gctrace line is under 300 characters. */
export const MAX_GCTRACE_LINE = 1024;

const NUM = String.raw`(\d{1,15}(?:\.\d{1,6})?)`;
const INT = String.raw`(\d{1,15})`;
const GC_LINE = new RegExp(
  String.raw`^gc ${INT} @${NUM}s ${INT}%(?: \([a-z ]{1,40}\))?: ` +
    String.raw`${NUM}\+${NUM}\+${NUM} ms clock, ` +
    String.raw`${NUM}\+${NUM}/${NUM}/${NUM}\+${NUM} ms cpu, ` +
    String.raw`${INT}->${INT}->${INT} MB, ${INT} MB goal, ` +
    String.raw`(?:${INT} MB stacks, ${INT} MB globals, )?${INT} P( \(forced\))?\s*$`,
);
const SCAV_LINE = new RegExp(
  String.raw`^scav ${INT} KiB work \(bg\), ${INT} KiB work \(eager\), ${INT} KiB (?:now|total), ` +
    String.raw`${INT}% util( \(forced\))?(?: \[controller reset\])?\s*$`,
);

/**
 * One line, or undefined when it is not a gctrace/scavtrace line. Text before "gc " or
 * "scav " (a log shipper's timestamp, a CRI container runtime's prefix) is allowed when it
 * ends in a space; a Docker json-file line is read for its `log` field.
 */
export function parseGctraceLine(line: string): GctraceLine | undefined {
  if (line.length > MAX_GCTRACE_LINE) return undefined;
  const text = stripPrefix(line);
  if (text === undefined) return undefined;
  return text.startsWith('gc ') ? gcLine(text) : scavLine(text);
}

/**
 * The line from "gc " or "scav " on: at the start, or after a space; or the `log` field of a
 * Docker json-file line (`{"log":"gc 1 @...\n","stream":"stderr","time":"..."}`).
 */
function stripPrefix(line: string): string | undefined {
  if (line.startsWith('gc ') || line.startsWith('scav ')) return line;
  if (line.startsWith('{"log":"')) return dockerLog(line);
  const gc = line.indexOf(' gc ');
  const scav = line.indexOf(' scav ');
  const at = gc >= 0 && (scav < 0 || gc < scav) ? gc : scav;
  return at >= 0 ? line.slice(at + 1) : undefined;
}

function dockerLog(line: string): string | undefined {
  try {
    const log = (JSON.parse(line) as { log?: unknown }).log;
    if (typeof log !== 'string') return undefined;
    const text = log.replace(/\r?\n$/, '');
    return text.startsWith('gc ') || text.startsWith('scav ') ? text : undefined;
  } catch {
    return undefined; // not JSON after all
  }
}

function gcLine(text: string): GctraceLine | undefined {
  const m = GC_LINE.exec(text);
  if (!m) return undefined;
  const n = (i: number) => Number(m[i + 1]);
  const cycle: { -readonly [K in keyof GcCycle]: GcCycle[K] } & { kind: 'gc' } = {
    kind: 'gc',
    n: n(0),
    atSec: n(1),
    cpuPercent: n(2),
    clockMs: { sweepTerm: n(3), mark: n(4), markTerm: n(5) },
    cpuMs: { sweepTerm: n(6), assist: n(7), background: n(8), idle: n(9), markTerm: n(10) },
    heapStartMiB: n(11),
    heapEndMiB: n(12),
    heapLiveMiB: n(13),
    goalMiB: n(14),
    procs: n(17),
    forced: m[19] !== undefined,
  };
  if (m[16] !== undefined) {
    cycle.stacksMiB = n(15);
    cycle.globalsMiB = n(16);
  }
  return cycle;
}

function scavLine(text: string): GctraceLine | undefined {
  const m = SCAV_LINE.exec(text);
  if (!m) return undefined;
  return {
    kind: 'scav',
    bgKiB: Number(m[1]),
    eagerKiB: Number(m[2]),
    releasedKiB: Number(m[3]),
    utilPercent: Number(m[4]),
    forced: m[5] !== undefined,
  };
}

/** A whole gctrace log: the GC cycles and scavenger lines in order, and what else it held. */
export interface GctraceLog {
  /** The cycles kept: all of them, or the last `keep` (GctraceReader option). */
  readonly cycles: readonly (GcCycle & { readonly line: number })[];
  readonly scavenges: readonly (ScavLine & { readonly line: number })[];
  /** How many were read in all (more than kept when the reader was told to keep fewer). */
  readonly cycleCount: number;
  readonly scavCount: number;
  /** Lines that were neither (the program's own output). */
  readonly otherLines: number;
  /** Lines that start like a gctrace line but do not parse (a truncated last line, an unknown Go). */
  readonly garbled: readonly number[];
  readonly garbledCount: number;
}

export interface GctraceReaderOptions {
  /** Keep only the last this many cycles and scavenger lines (a log too long to hold). */
  readonly keep?: number;
}

/**
 * Reads a log line by line (feed lines in order without their newline), so a caller can stream
 * a large file through it. Garbled lines are counted, at most MAX_GARBLED kept by number.
 */
export class GctraceReader {
  private cycles: (GcCycle & { line: number })[] = [];
  private scavenges: (ScavLine & { line: number })[] = [];
  private readonly garbled: number[] = [];
  private cycleCount = 0;
  private scavCount = 0;
  private garbledCount = 0;
  private otherLines = 0;
  private lineNo = 0;

  constructor(private readonly o: GctraceReaderOptions = {}) {}

  line(text: string): GctraceLine | undefined {
    this.lineNo++;
    const parsed = parseGctraceLine(text);
    if (parsed?.kind === 'gc') {
      this.cycleCount++;
      this.cycles = this.trimmed(this.cycles);
      this.cycles.push({ ...withoutKind(parsed), line: this.lineNo });
    } else if (parsed?.kind === 'scav') {
      this.scavCount++;
      this.scavenges = this.trimmed(this.scavenges);
      this.scavenges.push({ ...withoutKind(parsed), line: this.lineNo });
    } else if (LOOKS_LIKE_TRACE.test(text)) {
      this.garbledCount++;
      if (this.garbled.length < MAX_GARBLED) this.garbled.push(this.lineNo);
    } else this.otherLines++;
    return parsed;
  }

  /** A line that was not read at all (too long to be a gctrace line): counted as other. */
  skip(): void {
    this.lineNo++;
    this.otherLines++;
  }

  /** Past twice the `keep` limit, the older half goes (amortized: no shift per line). */
  private trimmed<T>(list: T[]): T[] {
    const keep = this.o.keep;
    return keep !== undefined && list.length >= 2 * keep
      ? list.slice(list.length - keep + 1)
      : list;
  }

  result(): GctraceLog {
    const keep = this.o.keep ?? Infinity;
    const last = <T>(list: T[]) => (list.length > keep ? list.slice(list.length - keep) : list);
    return {
      cycles: last(this.cycles),
      scavenges: last(this.scavenges),
      cycleCount: this.cycleCount,
      scavCount: this.scavCount,
      otherLines: this.otherLines,
      garbled: this.garbled,
      garbledCount: this.garbledCount,
    };
  }
}

const MAX_GARBLED = 100;
/** A line that starts like a gctrace or scavtrace line, at its start or after a log prefix. */
const LOOKS_LIKE_TRACE = /(?:^|[ "])(?:gc \d+(?: @|$)|scav \d+(?: KiB|$))/;

function withoutKind<T extends { kind: string }>(v: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = v;
  return rest;
}

/** Parses a whole log held in memory. */
export function parseGctrace(text: string): GctraceLog {
  const reader = new GctraceReader();
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + MAX_GCTRACE_LINE + 1));
    if (line !== '' || end < text.length) reader.line(line.replace(/\r$/, ''));
    start = end + 1;
  }
  return reader.result();
}
