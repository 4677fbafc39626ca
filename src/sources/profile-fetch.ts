/**
 * Gets the bytes of a profile from a file or from a Go service's /debug/pprof endpoint,
 * with a size cap on both and a deadline on the HTTP exchange (sources/http.ts).
 */
import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { claimedSize } from '../formats/gzip.js';
import { ProfileError, ProfileTooLargeError } from '../formats/pprof-error.js';
import { fetchLimited } from './http.js';

export interface ProfileSourceOptions {
  /** Largest file or HTTP body accepted, in bytes. */
  readonly maxBytes: number;
  /** HTTP deadline (default 30 s: a heap profile of a big service takes a while to write). */
  readonly timeoutMs?: number;
  /** Ask the service to run a GC first (?gc=1), so inuse numbers are current. */
  readonly gc?: boolean;
}

/** The profile could not be read: one line saying where and why. */
export class ProfileSourceError extends Error {
  override readonly name = 'ProfileSourceError';
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

export async function readProfileSource(
  source: string,
  opts: ProfileSourceOptions,
): Promise<Uint8Array> {
  return isUrl(source) ? fetchProfile(source, opts) : readProfileFile(source, opts.maxBytes);
}

/** Adds gc=1 to a profile URL (net/http/pprof runs runtime.GC before a heap profile). */
export function withGc(url: string): string {
  const u = new URL(url);
  u.searchParams.set('gc', '1');
  return u.toString();
}

async function fetchProfile(url: string, opts: ProfileSourceOptions): Promise<Uint8Array> {
  const target = opts.gc ? withGc(url) : url;
  const r = await fetchLimited(target, {
    timeoutMs: opts.timeoutMs ?? 30_000,
    maxBytes: opts.maxBytes,
  });
  if (r.outcome === 'ok' && r.body) return r.body;
  const why =
    r.outcome === 'too-large' ? `${r.detail} (raise it with --max-size)` : (r.detail ?? r.outcome);
  throw new ProfileSourceError(`${target}: ${why}`);
}

async function readProfileFile(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size > maxBytes)
      throw new ProfileSourceError(
        `${path}: file is ${size} bytes, more than the limit of ${maxBytes} (raise it with --max-size)`,
      );
    const buf = new Uint8Array(size);
    let got = 0;
    while (got < size) {
      const { bytesRead } = await handle.read(buf, got, size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === size ? buf : buf.subarray(0, got);
  } catch (err) {
    if (err instanceof ProfileSourceError) throw err;
    const e = err as NodeJS.ErrnoException;
    const reason =
      e.code === 'ENOENT'
        ? 'no such file'
        : e.code === 'EACCES'
          ? 'permission denied'
          : e.code === 'EISDIR'
            ? 'is a directory'
            : e.message;
    throw new ProfileSourceError(`${path}: ${reason}`);
  } finally {
    await handle?.close();
  }
}

/**
 * gunzip on node:zlib for the CLI: about twice as fast as DecompressionStream and leaner.
 * The output buffer is sized from the gzip trailer when that is plausible, so zlib writes
 * one buffer of the right size (no chunks to concatenate, no garbage); a lying trailer only
 * costs more chunks, and maxOutputLength stops a gzip bomb at the cap.
 */
export async function nodeGunzip(gzipped: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const expected = claimedSize(gzipped, maxBytes);
  try {
    const out = gunzipSync(gzipped, {
      chunkSize: expected > 0 ? Math.max(expected + 1, 1024) : 1 << 20,
      maxOutputLength: maxBytes,
    });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ProfileTooLargeError(
        `gzip: decompressed data exceeds the limit of ${maxBytes} bytes (raise it with --max-size)`,
      );
    }
    throw new ProfileError(`gzip: ${e.message}`);
  }
}
