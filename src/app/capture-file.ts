/**
 * Reads a capture written by `gomemlens watch`, for `report`, `diagnose --capture` and the
 * post-mortem of `watch`. The file is streamed line by line (never held whole) through the
 * capture reader, which validates every record.
 */
import { CaptureReader, type Capture, type ProfileRecord } from '../formats/capture.js';
import { decodeBase64 } from '../formats/base64.js';
import { MAX_CAPTURE_PROFILE_BYTES } from '../formats/capture-check.js';
import type { TimedProfile } from '../analysis/site-growth.js';
import { formatBytes } from '../model/units.js';
import { InputError } from '../model/errors.js';
import { inputName } from '../sources/input-file.js';
import { inputLines } from '../sources/input-lines.js';
import { checkInflatedSize } from '../sources/profile-fetch.js';

/** About 4 days at 1 s: larger captures are refused rather than read. */
export const MAX_CAPTURE_BYTES = 400 << 20;
/** A profile record holds at most the profile cap in base64, plus its JSON. */
const MAX_LINE_BYTES = Math.ceil((MAX_CAPTURE_PROFILE_BYTES * 4) / 3) + (1 << 20);
/** The header line is small; garbage without a newline is refused after this much. */
const MAX_HEADER_BYTES = 64 << 10;

export async function readCaptureFile(spec: string): Promise<Capture> {
  const name = inputName(spec);
  const reader = new CaptureReader(name);
  let first = true;
  const lines = inputLines(spec, {
    maxBytes: MAX_CAPTURE_BYTES,
    maxLineBytes: MAX_LINE_BYTES,
    maxFirstLineBytes: MAX_HEADER_BYTES,
    what: 'capture (about 4 days at 1 s; watch with a --duration per file)',
  });
  for await (const line of lines) {
    if ('tooLong' in line) {
      if (first) break;
      reader.skipLine(`longer than ${formatBytes(MAX_LINE_BYTES)}, skipped`);
    } else if (!reader.line(line.text, line.isLast)) break;
    first = false;
  }
  const parsed = reader.result();
  if (parsed.kind !== 'capture')
    throw new InputError(`${name}: not a gomemlens capture (no header line)`);
  return parsed.capture;
}

/** The heap profiles of a capture as bytes with their times. */
export function captureHeaps(
  profiles: readonly { kind: string; t: number; data: string }[],
): TimedProfile[] {
  return profiles
    .filter((p) => p.kind === 'heap')
    .map((p) => ({ time: p.t, bytes: decodeBase64(p.data) }));
}

/** Inflated bytes of all the profiles one report or post-mortem parses together. */
const PROFILE_BUDGET = 256 << 20;

/**
 * The capture without the profiles that `pick` would use but that are gzip bombs, broken
 * gzip or beyond the budget, each dropped with a note. Checked by inflating and counting
 * (sources/profile-fetch.ts), so a capture of bombs costs time, not memory. Only picked
 * profiles are checked: a day's capture holds thousands.
 */
export async function withUsableProfiles(
  c: Capture,
  pick: (all: readonly ProfileRecord[]) => readonly { data: string }[],
): Promise<Capture> {
  const good = new Set<string>();
  const bad = new Set<string>();
  const notes: string[] = [];
  let budget = PROFILE_BUDGET;
  for (;;) {
    const profiles = c.profiles.filter((p) => !bad.has(p.data));
    const todo = pick(profiles).filter((p) => !good.has(p.data));
    if (todo.length === 0) return { ...c, profiles, notes: [...c.notes, ...notes] };
    for (const p of todo) {
      const cap = Math.min(MAX_CAPTURE_PROFILE_BYTES, budget);
      const r = await checkInflatedSize(decodeBase64(p.data), cap);
      if ('size' in r) {
        good.add(p.data);
        budget -= r.size;
      } else {
        bad.add(p.data);
        const rec = c.profiles.find((x) => x.data === p.data);
        const when = rec ? ` at ${new Date(rec.t).toISOString()}` : '';
        const spent = cap < MAX_CAPTURE_PROFILE_BYTES ? ' (the profile budget is spent)' : '';
        notes.push(`${rec?.kind ?? 'a'} profile${when} left out: ${r.error}${spent}`);
      }
    }
  }
}
