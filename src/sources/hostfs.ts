/**
 * The narrow door to the filesystem: every read of /proc and /sys goes through a HostFs whose
 * root can be the real "/" or a fixture tree under testdata/hosts/. Reads never throw: they
 * return an Observation (ok, absent, or unreadable with the reason).
 */
import { close as closeCb, open as openCb, read as readCb } from 'node:fs';
import { open, readdir, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { absent, ok, unreadable, type Observation } from '../model/observation.js';

/** Files under /proc and /sys are small; anything bigger than this is not what we expect. */
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

export interface HostFs {
  /** The root this HostFs reads from ("/" on a live host). */
  readonly root: string;
  readText(path: string, maxBytes?: number): Promise<Observation<string>>;
  readBytes(path: string, maxBytes?: number): Promise<Observation<Uint8Array>>;
  readLink(path: string): Promise<Observation<string>>;
  list(path: string): Promise<Observation<string[]>>;
  exists(path: string): Promise<boolean>;
  /** Opens a (possibly large) file for reads at offsets, e.g. an ELF binary via /proc/PID/exe. */
  openRanged(path: string): Promise<Observation<RangedFile>>;
}

/** An open file read in pieces; `identity` (device:inode:size:mtime) keys caches. */
export interface RangedFile {
  readonly size: number;
  readonly identity: string;
  /** Up to `length` bytes at `offset` (fewer at the end of the file). */
  readRange(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function hostFs(root = '/'): HostFs {
  const real = (path: string) => (root === '/' ? path : join(root, path));

  async function readBytes(path: string, maxBytes = DEFAULT_MAX_BYTES) {
    try {
      const data = await readCapped(real(path), maxBytes);
      if (data.length > maxBytes)
        return unreadable<Uint8Array>(path, `larger than ${maxBytes} bytes`);
      return ok<Uint8Array>(new Uint8Array(data.buffer, data.byteOffset, data.length), path);
    } catch (err) {
      return fromError<Uint8Array>(path, err);
    }
  }

  return {
    root,
    readBytes,
    async readText(path, maxBytes) {
      const r = await readBytes(path, maxBytes);
      return r.status === 'ok' ? ok(Buffer.from(r.value).toString('utf8'), path) : r;
    },
    async readLink(path) {
      try {
        return ok(await readlink(real(path)), path);
      } catch (err) {
        return fromError<string>(path, err);
      }
    },
    async list(path) {
      try {
        return ok(await readdir(real(path)), path);
      } catch (err) {
        return fromError<string[]>(path, err);
      }
    },
    async openRanged(path) {
      try {
        return ok(await openRangedFile(real(path)), path);
      } catch (err) {
        return fromError<RangedFile>(path, err);
      }
    },
    async exists(path) {
      try {
        await stat(real(path));
        return true;
      } catch {
        return false;
      }
    },
  };
}

async function openRangedFile(realPath: string): Promise<RangedFile> {
  const handle = await open(realPath, 'r');
  try {
    const st = await handle.stat({ bigint: true });
    return {
      size: Number(st.size),
      identity: `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`,
      async readRange(offset, length) {
        const buf = new Uint8Array(Math.max(0, length));
        const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
        return buf.subarray(0, bytesRead);
      },
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * Reads a file but never more than maxBytes + 1 bytes, so an oversized file is refused without
 * being loaded. Uses the callback API: per small /proc file it costs a fraction of
 * fs/promises readFile, which counts when `ps` reads thousands of them.
 */
function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    openCb(path, 'r', (openErr, fd) => {
      if (openErr) return reject(openErr);
      const chunks: Buffer[] = [];
      let total = 0;
      const finish = (err: Error | null) =>
        closeCb(fd, () => (err ? reject(err) : resolve(Buffer.concat(chunks, total))));
      const next = () => {
        // Most /proc and cgroup files fit the first read; under 4 KiB it comes from Buffer's pool.
        const size = Math.min(total === 0 ? 4095 : Math.max(16384, total), maxBytes + 1 - total);
        const buf = Buffer.allocUnsafe(size);
        readCb(fd, buf, 0, size, null, (err, n) => {
          if (err) return finish(err);
          if (n > 0) chunks.push(buf.subarray(0, n));
          total += n;
          if (n === 0 || total > maxBytes) return finish(null);
          next();
        });
      };
      next();
    });
  });
}

/** ENOENT/ESRCH mean "not there" (a vanished process); anything else is "unreadable". */
export function fromError<T>(path: string, err: unknown): Observation<T> {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ESRCH' || code === 'ENOTDIR') return absent<T>(path);
  if (code === 'EACCES' || code === 'EPERM') return unreadable<T>(path, 'permission denied');
  return unreadable<T>(path, (err as Error).message ?? String(err));
}
