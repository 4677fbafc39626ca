/**
 * Follows a file the target's stderr goes to (GODEBUG=gctrace=1 writes one line per GC there;
 * in Kubernetes the container log under /var/log/pods) like `tail -F`: it starts at the end,
 * reads what was appended at each call, and reopens the path from the start when the file was
 * truncated or replaced (log rotation). Only complete GC lines are returned, with any log
 * prefix (a container runtime's timestamp), and lines that start like one but do not read,
 * so the calibration can count them; formats/gctrace.ts parses them.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { parseGctraceLine } from '../formats/gctrace.js';
import { InputError } from '../model/errors.js';
import { describeFsError } from './fs-errors.js';

/** At most this much is read per call: a log that floods is caught up over several ticks. */
const MAX_READ = 1 << 20;
/** A partial line longer than this is not a gctrace line (about 200 bytes): dropped. */
const MAX_PARTIAL = 4096;
/** A line that starts like a GC line: kept even when it does not read, to be counted. */
const GC_HEAD = /^gc \d+ @/;

export interface GcTraceFile {
  /** The gctrace lines appended since the previous call. */
  read(): string[];
  close(): void;
}

export function followGcTrace(path: string): GcTraceFile {
  let fd = open(path);
  let offset = fstatSync(fd).size;
  let partial = '';
  const buf = Buffer.alloc(MAX_READ);
  return {
    read() {
      if (replaced(path, fd)) {
        closeSync(fd);
        fd = open(path);
        offset = 0;
        partial = '';
      }
      const n = readSync(fd, buf, 0, MAX_READ, offset);
      offset += n;
      const lines = (partial + buf.toString('utf8', 0, n)).split('\n');
      partial = lines.pop() ?? '';
      if (partial.length > MAX_PARTIAL) partial = '';
      return lines.filter(isGcTraceLine);
    },
    close: () => closeSync(fd),
  };

  /** The path now names another file, or ours shrank (truncated): start over. */
  function replaced(p: string, current: number): boolean {
    try {
      const now = statSync(p);
      const mine = fstatSync(current);
      return now.ino !== mine.ino || now.dev !== mine.dev || mine.size < offset;
    } catch {
      return false; // gone for a moment (rotation in progress): keep the open file
    }
  }
}

/** A GC line of gctrace=1 (with any log prefix), or one that starts like one but does not read. */
export function isGcTraceLine(line: string): boolean {
  return GC_HEAD.test(line) || parseGctraceLine(line)?.kind === 'gc';
}

function open(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new InputError(`--gctrace ${path}: ${describeFsError(err)}`);
  }
  if (fstatSync(fd).isFile()) return fd;
  closeSync(fd);
  throw new InputError(`--gctrace ${path}: not a regular file (give the file stderr goes to)`);
}
