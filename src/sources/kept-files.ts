/**
 * A HostFs that keeps the files a poller reads every tick open and reads them again from
 * offset 0. procfs and cgroupfs files are seq_files the kernel regenerates on a read at
 * position 0 (fs/seq_file.c, seq_read_iter), so one pread replaces open + read + read + close:
 * for the node exporter's hundreds of targets a tick costs a fifth of the CPU. These reads
 * are synchronous: the files live in kernel memory and never wait on a disk. Anything else,
 * and any failure, goes through the wrapped HostFs, which reports it as usual.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { ok } from '../model/observation.js';
import type { HostFs } from './hostfs.js';

export interface KeptFs extends HostFs {
  /** Closes every kept file. */
  close(): void;
}

/** A tick's files are a few KiB; a bigger one is read the ordinary way. */
const BUFFER_BYTES = 32 << 10;
const buffer = Buffer.allocUnsafe(BUFFER_BYTES);

export function keptFiles(fs: HostFs, keep: (path: string) => boolean): KeptFs {
  const fds = new Map<string, number>();
  const real = (path: string) => (fs.root === '/' ? path : join(fs.root, path));
  const drop = (path: string) => {
    const fd = fds.get(path);
    fds.delete(path);
    if (fd !== undefined) closeSync(fd);
  };
  function readKept(path: string): string | undefined {
    try {
      let fd = fds.get(path);
      if (fd === undefined) fds.set(path, (fd = openSync(real(path), 'r')));
      const n = readSync(fd, buffer, 0, BUFFER_BYTES, 0);
      // 0 bytes: an exited process's status reads empty; none of these files is ever empty.
      if (n > 0 && n < BUFFER_BYTES) return buffer.toString('utf8', 0, n);
    } catch {
      // gone, or not readable: the ordinary read says which
    }
    drop(path);
    return undefined;
  }
  return {
    ...fs,
    async readText(path, maxBytes) {
      if (!keep(path) || (maxBytes !== undefined && maxBytes < BUFFER_BYTES))
        return fs.readText(path, maxBytes);
      const text = readKept(path);
      return text === undefined ? fs.readText(path, maxBytes) : ok<string>(text, path);
    },
    close() {
      for (const path of [...fds.keys()]) drop(path);
    },
  };
}
