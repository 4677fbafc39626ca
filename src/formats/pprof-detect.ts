/**
 * One entry point for every profile form, in google/pprof's order (profile/profile.go Parse):
 * gzip magic -> inflate (capped); empty -> error; profile.proto; if that fails, the text
 * forms (legacy heap, then goroutine/threadcreate counts). "Not my format" lets the next
 * parser try; a parser that recognizes its format but finds it broken stops the search.
 */
import type { Profile } from '../model/profile.js';
import { DEFAULT_MAX_DECOMPRESSED, gunzip, isGzip } from './gzip.js';
import { ProfileError, UnrecognizedProfileError } from './pprof-error.js';
import { parseGoroutineText } from './pprof-goroutine.js';
import { parseLegacyHeap } from './pprof-legacy.js';
import { decodeProfileProto, type ProtoOptions } from './pprof-proto.js';

/** Inflates gzip data, failing with ProfileTooLargeError past maxBytes. */
export type Inflate = (gzipped: Uint8Array, maxBytes: number) => Promise<Uint8Array>;

export interface ParseProfileOptions {
  /** Cap on the inflated size of gzipped input (default 512 MiB). */
  readonly maxDecompressedBytes?: number;
  /** Keep sample labels (default true); top, diff and leak suspects do not need them. */
  readonly labels?: boolean;
  /** An inflater to use instead of DecompressionStream (the CLI passes node:zlib's, faster). */
  readonly inflate?: Inflate;
}

export { ProfileError, ProfileTooLargeError, UnrecognizedProfileError } from './pprof-error.js';

/** Parses a profile from raw file/HTTP bytes (gzipped or not). Throws ProfileError. */
export async function parseProfile(
  bytes: Uint8Array,
  opts: ParseProfileOptions = {},
): Promise<Profile> {
  const max = opts.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED;
  const data = isGzip(bytes) ? await (opts.inflate ?? gunzip)(bytes, max) : bytes;
  return parseUncompressedProfile(data, { labels: opts.labels ?? true });
}

const TEXT_PARSERS = [parseLegacyHeap, parseGoroutineText];

/** Parses an uncompressed profile: profile.proto first, then the text forms. */
export function parseUncompressedProfile(data: Uint8Array, opts: ProtoOptions = {}): Profile {
  if (data.length === 0) throw new ProfileError('parsing profile: empty input');
  let protoError: ProfileError;
  try {
    return decodeProfileProto(data, opts);
  } catch (err) {
    if (!(err instanceof ProfileError) || err.message.includes('concatenated profiles')) throw err;
    protoError = err;
  }
  if (!looksLikeText(data)) throw notAProfile(protoError);
  const text = new TextDecoder().decode(data);
  for (const parse of TEXT_PARSERS) {
    try {
      return parse(text);
    } catch (err) {
      if (!(err instanceof UnrecognizedProfileError)) throw err;
    }
  }
  throw notAProfile(protoError);
}

function notAProfile(protoError: ProfileError): ProfileError {
  return new ProfileError(
    `not a pprof profile (neither profile.proto nor a text heap/goroutine profile): ${protoError.message}`,
  );
}

/** Text profiles start with printable ASCII (a header line). */
function looksLikeText(data: Uint8Array): boolean {
  const n = Math.min(data.length, 64);
  for (let i = 0; i < n; i++) {
    const b = data[i];
    if (b !== 0x09 && b !== 0x0a && b !== 0x0d && (b < 0x20 || b > 0x7e)) return false;
  }
  return true;
}
