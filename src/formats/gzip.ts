/**
 * gunzip with a hard cap on the output, on the web-standard DecompressionStream (a global in
 * Node >= 18 and in browsers), so the same code runs in the HTML report. The cap is checked
 * while streaming: a gzip bomb stops at the cap with a clear error instead of exhausting
 * memory.
 */
import { ParseError } from '../model/errors.js';

export const DEFAULT_MAX_DECOMPRESSED = 512 * 1024 * 1024;

/** Deflate cannot expand more than about 1032:1 (RFC 1951 max run), so a bigger ISIZE lies. */
const MAX_DEFLATE_RATIO = 1032;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The output size the gzip trailer claims (RFC 1952 ISIZE, mod 2^32), if plausible. */
export function claimedSize(bytes: Uint8Array, max: number): number {
  const n = bytes.length;
  if (n < 18) return 0;
  const isize =
    (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  return isize <= max && isize <= n * MAX_DEFLATE_RATIO ? isize : 0;
}

export async function gunzip(
  bytes: Uint8Array,
  maxBytes = DEFAULT_MAX_DECOMPRESSED,
): Promise<Uint8Array> {
  // Blob wants bytes over an ArrayBuffer; profiles never live in a SharedArrayBuffer.
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  let out: Uint8Array = new Uint8Array(
    claimedSize(bytes, maxBytes) || Math.min(maxBytes, Math.max(1024, bytes.length * 4)),
  );
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.length > maxBytes) {
        throw tooLarge(maxBytes);
      }
      if (size + value.length > out.length)
        out = grow(out, size, Math.min(maxBytes, Math.max(out.length * 2, size + value.length)));
      out.set(value, size);
      size += value.length;
    }
  } catch (err) {
    void reader.cancel().catch(() => {});
    if (err instanceof ParseError) throw err;
    throw new ParseError(`gzip: ${(err as Error).message}`);
  }
  // Hand back a tight buffer when the guess was far too big, so the slack is not kept alive.
  return out.length - size > size / 4 ? out.slice(0, size) : out.subarray(0, size);
}

/** Past the cap on inflated bytes (a gzip bomb, or a profile bigger than allowed). */
export function tooLarge(maxBytes: number): ParseError {
  const what = `gzip: decompressed data exceeds the limit of ${maxBytes} bytes (raise it with --max-size)`;
  return new ParseError(what, { kind: 'too-large' });
}

function grow(buf: Uint8Array, used: number, size: number): Uint8Array {
  const next = new Uint8Array(size);
  next.set(buf.subarray(0, used));
  return next;
}
