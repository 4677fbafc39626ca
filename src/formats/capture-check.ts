/**
 * Validation of capture records as they are read (a capture may be damaged, hand-edited or
 * written by a hostile tool): every timestamp must be a time a Date can hold, every field
 * the report or diagnose uses must have its type, a profile must fit the profile cap. A bad
 * record is dropped with a note naming its line; it never reaches a renderer.
 */
import { RUNTIME_CODES, WATCH_CODES } from '../model/codes/index.js';
import { ParseError } from '../model/errors.js';
import { redactUrl } from '../model/url.js';
import { cleanSample } from './capture-clean.js';
import type { CaptureHeader, CaptureRecord, SampleRecord } from './capture.js';
import { MAX_GCTRACE_LINE } from './gctrace.js';
import { FORECAST_KINDS } from '../model/series.js';
import { arr, type Check, num, obj, oneOf, optional, record, str } from './shape.js';
import { checkSnapshot, memstats } from './snapshot-check.js';

/** Largest time a JavaScript Date holds (ECMA-262 21.4.1.1: 8.64e15 ms from the epoch). */
const MAX_TIME_MS = 8.64e15;

/**
 * Largest profile kept in a capture, decompressed (watch refuses bigger ones when it takes
 * them; readers drop them). A heap profile of a big service is a few MiB.
 */
export const MAX_CAPTURE_PROFILE_BYTES = 32 << 20;
/** Base64 of a gzipped profile can be at most this long (gzip does not shrink below ~0.1%). */
const MAX_PROFILE_BASE64 = Math.ceil((MAX_CAPTURE_PROFILE_BYTES * 4) / 3) + 4;

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_TIME_MS;
}

const time: Check<number> = (v, at) => {
  if (isTime(v)) return v;
  throw new ParseError('not a time (milliseconds since 1970 a date can hold)', { field: at });
};

const scalar: Check<string | number | boolean> = (v, at) =>
  typeof v === 'string' || typeof v === 'boolean' ? v : num(v, at);

const finding = obj({
  code: oneOf<string>(...RUNTIME_CODES, ...WATCH_CODES),
  severity: oneOf('error', 'warning', 'info'),
  args: record(scalar),
  evidence: arr(obj({ what: str, value: scalar, unit: optional(str), source: str })),
});

/** RFC 4648 base64 as atob reads it (Buffer and btoa write it): padding optional, no line breaks. */
function isBase64(s: string): boolean {
  const body = s.replace(/={1,2}$/, '');
  if (body.length !== s.length && s.length % 4 !== 0) return false;
  return body.length % 4 !== 1 && /^[A-Za-z0-9+/]*$/.test(body);
}

const profileData: Check<string> = (v, at) => {
  const s = str(v, at);
  if (s.length > MAX_PROFILE_BASE64)
    throw new ParseError('profile larger than the cap', { field: at });
  if (!isBase64(s)) throw new ParseError('not base64', { field: at });
  return s;
};

/** gctrace lines are about 200 characters (formats/gctrace.ts); a longer one is not the runtime's. */
const gctraceLine: Check<string> = (v, at) => {
  const s = str(v, at);
  if (s.length > MAX_GCTRACE_LINE) throw new ParseError('gctrace line too long', { field: at });
  return s;
};

const CHECKS: Record<string, Check<unknown>> = {
  profile: obj({
    t: time,
    kind: oneOf('heap', 'goroutine', 'trace'),
    reason: str,
    encoding: oneOf('base64'),
    data: profileData,
  }),
  trigger: obj({ t: time, name: str, detail: str }),
  memstats: obj({ t: time, reason: str, memstats }),
  forecast: obj({
    t: time,
    kind: oneOf(...FORECAST_KINDS),
    etaSec: optional(num),
    etaLowSec: optional(num),
    etaHighSec: optional(num),
    slopeBytesPerSec: optional(num),
    effectiveLimit: optional(num),
    thrashEtaSec: optional(num),
  }),
  finding: obj({ t: time, finding }),
  gctrace: obj({ t: time, lines: arr(gctraceLine) }),
  snapshot: obj({ t: time, reason: str, snapshot: (v, at) => checkSnapshot(v, at) }),
  end: obj({
    t: time,
    why: str,
    exitCode: optional(num),
    signal: optional(str),
    inFlight: optional(arr(str)),
  }),
  sample: (v, at) => cleanSample(obj<SampleRecord>({ t: time, late: optional(num) })(v, at)),
};

/** The record checked (and cleaned), or why it was dropped. */
export function checkRecord(rec: unknown): CaptureRecord | { readonly dropped: string } {
  const type = (rec as { type?: unknown }).type;
  const check = typeof type === 'string' ? CHECKS[type] : undefined;
  if (!check) return { dropped: `unknown record type "${String(type).slice(0, 40)}" skipped` };
  try {
    return check(rec, type as string) as CaptureRecord;
  } catch (err) {
    if (err instanceof ParseError) return { dropped: `${err.message}; record skipped` };
    throw err;
  }
}

export const checkHeader: Check<CaptureHeader> = obj<CaptureHeader>({
  startedAt: time,
  target: obj({
    pid: optional(num),
    url: optional((v, at) => redactUrl(str(v, at))),
    cgroupDir: optional(str),
  }),
  intervalMs: num,
  profileEveryMs: num,
  config: optional(record(scalar)),
});
