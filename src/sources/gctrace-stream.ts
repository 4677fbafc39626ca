/**
 * The GC lines of a stream the target writes as it runs (the stderr of a command `watch`
 * started with GODEBUG=gctrace=1): chunks are split into lines as they come, GC lines are
 * queued, and read() hands over those queued since the previous call, like gctrace-file.ts
 * does for a log file. Memory is bounded: a partial line past MAX_PARTIAL and lines queued
 * past MAX_QUEUED (nobody reading) are dropped and counted.
 */
import type { GcTraceFile } from './gctrace-file.js';
import { isGcTraceLine } from './gctrace-file.js';

/** A partial line longer than this is not a gctrace line (about 200 bytes): dropped. */
const MAX_PARTIAL = 4096;
/** About 100 s of a GC every 10 ms; a session reads every tick. */
const MAX_QUEUED = 10_000;

export interface GcTraceStream extends GcTraceFile {
  /** Feeds what the target wrote. */
  push(chunk: Buffer | string): void;
  /** Takes the last line that had no newline yet (the stream ended). */
  flush(): void;
  /** GC lines dropped because the queue was full. */
  readonly dropped: number;
}

export function gcTraceStream(): GcTraceStream {
  let partial = '';
  let queued: string[] = [];
  let dropped = 0;
  const keep = (line: string) => {
    const text = line.replace(/\r$/, '');
    if (!isGcTraceLine(text)) return;
    if (queued.length < MAX_QUEUED) queued.push(text);
    else dropped++;
  };
  return {
    push(chunk) {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      if (partial.length > MAX_PARTIAL) partial = '';
      lines.forEach(keep);
    },
    flush() {
      if (partial) keep(partial);
      partial = '';
    },
    read() {
      const out = queued;
      queued = [];
      return out;
    },
    close() {
      queued = [];
    },
    get dropped() {
      return dropped;
    },
  };
}
