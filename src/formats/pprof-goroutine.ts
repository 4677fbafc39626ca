/**
 * The text goroutine (and threadcreate) profile, /debug/pprof/goroutine?debug=1: a header
 * "goroutine profile: total N", then "COUNT @ 0xPC ..." records with `#` frame comments.
 * Read like google/pprof's parseGoCount (profile/legacy_profile.go); frames are named from
 * the comments. The proto form (?debug=0) needs nothing special: samples of goroutine/count.
 */
import type { Profile } from '../model/profile.js';
import { ParseError } from '../model/errors.js';
import {
  buildTextProfile,
  parseFrameComment,
  parseHexAddresses,
  type TextRecord,
} from './pprof-text-builder.js';

const START_RE = /^(\S+) profile: total \d+$/;
const COUNT_RE = /^(\d+) @((?: 0x[0-9a-f]+)+)$/;

export function parseGoroutineText(text: string): Profile {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && isSpaceOrComment(lines[i])) i++;
  const start = START_RE.exec(lines[i] ?? '');
  if (!start) throw new ParseError('not a text count profile', { kind: 'unrecognized' });
  const kind = start[1];
  const records: TextRecord[] = [];
  let current: TextRecord | undefined;
  for (i++; i < lines.length; i++) {
    const line = lines[i];
    if (isSpaceOrComment(line)) {
      const frame = current && parseFrameComment(line);
      if (frame) current!.frames.push(frame);
      continue;
    }
    if (line.startsWith('---')) break;
    const m = COUNT_RE.exec(line);
    if (!m) throw new ParseError('not a "COUNT @ 0x..." record', { line: i + 1, text: line });
    current = { values: [Number(m[1])], addrs: parseHexAddresses(m[2], i + 1), frames: [] };
    records.push(current);
  }
  const type = { type: kind, unit: 'count' };
  return buildTextProfile({
    format: 'goroutine-text',
    sampleTypes: [type],
    periodType: type,
    period: 1,
    records,
  });
}

function isSpaceOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}
