/**
 * How deep a JSON text nests, found by one pass over its bytes (strings and escapes skipped),
 * before JSON.parse builds anything: code that walks the parsed value recurses, and a body of
 * 100,000 `[` must be a clear 400 answer, not a stack overflow. Stops at `limit + 1`.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

export function jsonDepthOver(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (OPEN.has(b)) {
      if (++depth > limit) return true;
    } else if (CLOSE.has(b)) depth--;
  }
  return false;
}
