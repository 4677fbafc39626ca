/**
 * One entry point for every profile form, in google/pprof's order (profile/profile.go Parse):
 * gzip magic -> inflate (capped); empty -> error; profile.proto; if that fails, the text
 * forms (legacy heap, then goroutine/threadcreate counts). "Not my format" lets the next
 * parser try; a parser that recognizes its format but finds it broken stops the search.
 */
import type { Profile } from '../model/profile.js';
import { DEFAULT_MAX_DECOMPRESSED, gunzip, isGzip } from './gzip.js';
import { ParseError } from '../model/errors.js';
import { parseGoroutineText } from './pprof-goroutine.js';
import { parseLegacyHeap } from './pprof-legacy.js';
import { decodeProfileProto, type ProtoOptions } from './pprof-proto.js';

/** Inflates gzip data, failing with a ParseError of kind "too-large" past maxBytes. */
export type Inflate = (gzipped: Uint8Array, maxBytes: number) => Promise<Uint8Array>;

export interface ParseProfileOptions {
  /** Cap on the inflated size of gzipped input (default 512 MiB). */
  readonly maxDecompressedBytes?: number;
  /** Keep sample labels (default true); top, diff and leak suspects do not need them. */
  readonly labels?: boolean;
  /** An inflater to use instead of DecompressionStream (the CLI passes node:zlib's, faster). */
  readonly inflate?: Inflate;
  /** The input's name (a path, a URL), for errors. */
  readonly file?: string;
}

/** Parses a profile from raw file/HTTP bytes (gzipped or not). Throws a ParseError. */
export async function parseProfile(
  bytes: Uint8Array,
  opts: ParseProfileOptions = {},
): Promise<Profile> {
  const max = opts.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED;
  try {
    const data = isGzip(bytes) ? await (opts.inflate ?? gunzip)(bytes, max) : bytes;
    return parseUncompressedProfile(data, { labels: opts.labels ?? true });
  } catch (err) {
    throw err instanceof ParseError ? err.within({ file: opts.file }) : err;
  }
}

const TEXT_PARSERS = [parseLegacyHeap, parseGoroutineText];

/** Parses an uncompressed profile: profile.proto first, then the text forms. */
export function parseUncompressedProfile(data: Uint8Array, opts: ProtoOptions = {}): Profile {
  if (data.length === 0) throw new ParseError('parsing profile: empty input');
  let protoError: ParseError;
  try {
    return decodeProfileProto(data, opts);
  } catch (err) {
    if (!isUnrecognized(err)) throw err;
    protoError = err;
  }
  if (!looksLikeText(data)) throw notAProfile(protoError);
  const text = new TextDecoder().decode(data);
  for (const parse of TEXT_PARSERS) {
    try {
      return parse(text);
    } catch (err) {
      if (!isUnrecognized(err)) throw err;
    }
  }
  throw notAProfile(protoError);
}

function isUnrecognized(err: unknown): err is ParseError {
  return err instanceof ParseError && err.kind === 'unrecognized';
}

function notAProfile(protoError: ParseError): ParseError {
  return new ParseError(
    `not a pprof profile (neither profile.proto nor a text heap/goroutine profile): ${protoError.message}`,
    { kind: 'unrecognized' },
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
