/**
 * Append-only writer of the capture format (docs/watch.md). Every record is one line written
 * with a single write(2) on a file opened O_APPEND, so a watcher killed with SIGKILL leaves
 * whole lines plus at most one partial last line (the reader drops it). The page cache keeps
 * written lines when the process dies; fsync only guards against a host crash, so it runs
 * after records that matter (profiles, triggers, the end) and otherwise at most every
 * `syncEveryMs`.
 */
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import type { CaptureHeader, CaptureRecord } from '../formats/capture.js';

export interface CaptureWriterOptions {
  /** Longest time written samples may stay unsynced (default 10 s). */
  readonly syncEveryMs?: number;
  readonly now?: () => number;
}

export interface CaptureWriter {
  readonly path: string;
  append(record: CaptureRecord): void;
  close(): void;
}

const ALWAYS_SYNC = new Set(['header', 'profile', 'trigger', 'memstats', 'end']);

export function openCaptureWriter(
  path: string,
  header: CaptureHeader,
  opts: CaptureWriterOptions = {},
): CaptureWriter {
  const fd = openSync(path, 'wx'); // never overwrite an existing capture
  const now = opts.now ?? Date.now;
  const syncEvery = opts.syncEveryMs ?? 10_000;
  let lastSync = now();
  let closed = false;

  function append(record: CaptureRecord): void {
    if (closed) return;
    writeAll(fd, Buffer.from(JSON.stringify(record) + '\n'));
    if (ALWAYS_SYNC.has(record.type) || now() - lastSync >= syncEvery) {
      fdatasyncSync(fd);
      lastSync = now();
    }
  }

  append(header);
  return {
    path,
    append,
    close() {
      if (closed) return;
      fdatasyncSync(fd);
      closeSync(fd);
      closed = true;
    },
  };
}

/** write(2) may write less than asked; loop until the whole line is out. */
function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}
