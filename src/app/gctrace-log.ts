/**
 * `gomemlens gctrace LOG`: a log (a file, "-" for stdin, a FIFO, a container log with its
 * prefixes) streamed line by line through the one gctrace parser (formats/gctrace.ts) and the
 * summary. Memory stays bounded whatever the input: lines past MAX_LINE are skipped unread,
 * only the last `keep` cycles are held, and reading stops at `maxBytes` (the result then says
 * how much was read). Input that holds no gctrace line at all is refused.
 */
import { GctraceReader, type GctraceLog } from '../formats/gctrace.js';
import { GctraceSummer, type GctraceSummary } from '../analysis/gctrace-summary.js';
import { InputError } from '../model/errors.js';
import { formatBytes } from '../model/units.js';
import { inputName } from '../sources/input-file.js';
import { inputLines } from '../sources/input-lines.js';

export interface GctraceLogOptions {
  readonly maxBytes: number;
  /** Cycles and scavenger lines kept for the table: the last this many. */
  readonly keep: number;
  readonly stdin?: NodeJS.ReadableStream;
}

export interface GctraceLogResult {
  readonly input: string;
  readonly bytesRead: number;
  readonly lines: number;
  readonly summary: GctraceSummary;
  readonly log: GctraceLog;
  /** What was not read or not understood. */
  readonly notes: readonly string[];
}

/** A line of a container log (CRI prefix + a gctrace line) is under 400 bytes. */
const MAX_LINE = 4096;
/** Input with no gctrace line this far in is not a gctrace log (/dev/zero, a binary). */
const GIVE_UP_BYTES = 64 << 20;

export async function readGctraceLog(
  spec: string,
  o: GctraceLogOptions,
): Promise<GctraceLogResult> {
  const name = inputName(spec);
  const reader = new GctraceReader({ keep: o.keep });
  const summer = new GctraceSummer();
  const notes: string[] = [];
  let bytes = 0;
  let lines = 0;
  let tooLong = 0;
  let hits = 0;
  const lineOptions = {
    maxBytes: o.maxBytes,
    maxLineBytes: MAX_LINE,
    maxFirstLineBytes: GIVE_UP_BYTES,
    what: 'gctrace log',
    stdin: o.stdin,
  };
  try {
    for await (const line of inputLines(spec, lineOptions)) {
      lines++;
      if ('tooLong' in line) {
        bytes += line.tooLong + 1;
        tooLong++;
        reader.skip();
      } else {
        bytes += Buffer.byteLength(line.text) + 1;
        const parsed = reader.line(line.text.replace(/\r$/, ''));
        if (parsed) {
          hits++;
          summer.add(parsed);
        }
      }
      if (hits === 0 && bytes > GIVE_UP_BYTES)
        throw new InputError(
          `${name}: no gctrace line in the first ${formatBytes(GIVE_UP_BYTES)}; not GODEBUG=gctrace=1 output`,
        );
    }
  } catch (err) {
    if (!(err instanceof InputError) || hits === 0) throw err;
    // inputLines refuses past maxBytes ("larger than"); any other error is an I/O error midway.
    const why = /larger than/.test(err.message)
      ? `${name}: only the first ${formatBytes(o.maxBytes)} read (--max-bytes)`
      : err.message;
    notes.push(`${why}; the rest is not counted`);
  }
  const log = reader.result();
  if (hits === 0)
    throw new InputError(
      `${name}: no gctrace line in ${lines} lines; not GODEBUG=gctrace=1 output`,
    );
  notes.push(...logNotes(log, tooLong, summer.result()));
  return { input: name, bytesRead: bytes, lines, summary: summer.result(), log, notes };
}

function logNotes(log: GctraceLog, tooLong: number, s: GctraceSummary): string[] {
  const notes: string[] = [];
  if (log.garbledCount)
    notes.push(
      `${log.garbledCount} lines start like gctrace lines but do not read (lines ${log.garbled.slice(0, 5).join(', ')}${log.garbledCount > 5 ? ', ...' : ''}): not counted`,
    );
  if (tooLong) notes.push(`${tooLong} lines over ${formatBytes(MAX_LINE)} skipped unread`);
  if (s.restarts)
    notes.push(
      `cycle numbers start again ${s.restarts} times: the log holds ${s.restarts + 1} runs of the program`,
    );
  if (s.missingCycles)
    notes.push(
      `${s.missingCycles} cycle numbers missing between cycle ${s.firstCycle} and ${s.lastCycle}`,
    );
  if (log.cycles.length < log.cycleCount)
    notes.push(`the table holds the last ${log.cycles.length} of ${log.cycleCount} cycles`);
  return notes;
}
