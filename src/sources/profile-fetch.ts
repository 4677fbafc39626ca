/**
 * Gets the bytes of a profile from a file or from a Go service's /debug/pprof endpoint,
 * with a size cap on both and a deadline on the HTTP exchange (sources/http.ts).
 */
import { createGunzip, gunzipSync } from 'node:zlib';
import { claimedSize, isGzip, tooLarge } from '../formats/gzip.js';
import { InputError, ParseError } from '../model/errors.js';
import { fetchLimited } from './http.js';
import { readInputBytes } from './input-file.js';
import { formatBytes } from '../model/units.js';

export interface ProfileSourceOptions {
  /** Largest file or HTTP body accepted, in bytes. */
  readonly maxBytes: number;
  /** HTTP deadline (default 30 s: a heap profile of a big service takes a while to write). */
  readonly timeoutMs?: number;
  /** Ask the service to run a GC first (?gc=1), so inuse numbers are current. */
  readonly gc?: boolean;
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
function withGc(url: string): string {
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
  throw new InputError(`${target}: ${why}`);
}

/** A file, "-" (stdin), a device or a FIFO, read through the one capped reader. */
function readProfileFile(path: string, maxBytes: number): Promise<Uint8Array> {
  return readInputBytes(path, { maxBytes, what: 'profile (raise it with --max-size)' });
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
    if (e.code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw new ParseError(`gzip: ${e.message}`);
  }
}

/**
 * Checks a gzip body against `maxBytes` of output by inflating it in a stream and counting
 * (nothing is kept, so a bomb costs a few KiB of memory and stops at the cap). Returns the
 * inflated size, or why the body is refused. Plain (not gzipped) bodies are their own size.
 */
export function checkInflatedSize(
  bytes: Uint8Array,
  maxBytes: number,
): Promise<{ size: number } | { error: string }> {
  if (!isGzip(bytes))
    return Promise.resolve(
      bytes.length <= maxBytes
        ? { size: bytes.length }
        : { error: `${formatBytes(bytes.length)}, more than ${formatBytes(maxBytes)}` },
    );
  return new Promise((resolve) => {
    const z = createGunzip();
    let size = 0;
    let settled = false;
    const done = (r: { size: number } | { error: string }) => {
      if (settled) return;
      settled = true;
      z.destroy();
      resolve(r);
    };
    z.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) done({ error: `inflates to more than ${formatBytes(maxBytes)}` });
    });
    z.on('end', () => done({ size }));
    z.on('error', (err) => done({ error: `bad gzip: ${err.message}` }));
    z.end(bytes);
  });
}
