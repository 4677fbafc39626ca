/**
 * GODEBUG=gctrace=1 lines (runtime/extern.go documents them, runtime/mgc.go gcMarkTermination
 * prints them), Go 1.21-1.26:
 *   gc 12 @5.500s 9%: 0.39+95+0.005 ms clock, 0.79+0.031/50/120+0.010 ms cpu,
 *     143->156->83 MB, 167 MB goal, 0 MB stacks, 0 MB globals, 2 P
 * Go 1.18-1.20 print no stacks and globals; Go 1.26 may add " (checking for goroutine leaks)"
 * after the percentage; a runtime.GC() cycle ends with " (forced)". A line that is not a GC
 * line (the program's own stderr) is not this format: undefined. A "gc N @" line that does not
 * read is broken: a ParseError.
 */
import { ParseError } from '../model/errors.js';
import type { GcTraceCycle } from '../model/gc-trace.js';

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const HEAD = /^gc (\d+) @/;
const LINE = new RegExp(
  String.raw`^gc (\d+) @${NUM}s (\d+)%(?: \([^)]*\))?: ` +
    String.raw`${NUM}\+${NUM}\+${NUM} ms clock, ` +
    String.raw`${NUM}\+${NUM}/${NUM}/${NUM}\+${NUM} ms cpu, ` +
    String.raw`(\d+)->(\d+)->(\d+) MB, (\d+) MB goal, ` +
    String.raw`(?:(\d+) MB stacks, (\d+) MB globals, )?(\d+) P( \(forced\))?$`,
);

export function parseGcTraceLine(line: string): GcTraceCycle | undefined {
  const text = line.trimEnd();
  if (!HEAD.test(text)) return undefined;
  const m = LINE.exec(text);
  if (!m) throw new ParseError('not a gctrace line of Go 1.18-1.26', { text });
  const n = (i: number) => Number(m[i]);
  // A number too long for a double is not the runtime's (a uint64 of bytes >> 20 has 14 digits).
  if (m.slice(1).some((x) => x !== undefined && x.length > 20))
    throw new ParseError('a number too long for a gctrace line', { text });
  return {
    n: n(1),
    atSec: n(2),
    cpuPercent: n(3),
    clockMs: [n(4), n(5), n(6)],
    cpuMs: { sweepTerm: n(7), assist: n(8), background: n(9), idle: n(10), markTerm: n(11) },
    heapStartMiB: n(12),
    heapEndMiB: n(13),
    liveMiB: n(14),
    goalMiB: n(15),
    ...(m[16] === undefined ? {} : { stacksMiB: n(16), globalsMiB: n(17) }),
    procs: n(18),
    forced: m[19] !== undefined,
  };
}

/** The GC cycles of a text (a stderr log): other lines are skipped, broken GC lines counted. */
export function parseGcTrace(text: string): { cycles: GcTraceCycle[]; broken: number } {
  const cycles: GcTraceCycle[] = [];
  let broken = 0;
  for (const line of text.split('\n')) {
    try {
      const c = parseGcTraceLine(line);
      if (c) cycles.push(c);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      broken++;
    }
  }
  return { cycles, broken };
}
