/**
 * The text goroutine (and threadcreate) profile, /debug/pprof/goroutine?debug=1: a header
 * "goroutine profile: total N", then "COUNT @ 0xPC ..." records with `#` frame comments.
 * Read like google/pprof's parseGoCount (profile/legacy_profile.go); frames are named from
 * the comments. The proto form (?debug=0) needs nothing special: samples of goroutine/count.
 */
import type { Profile } from '../model/profile.js';
import { ParseError } from '../model/errors.js';
import { buildTextProfile, parseHexAddresses } from './pprof-text-builder.js';
import { LineCursor, TextRecords } from './pprof-text-records.js';

const START_RE = /^(\S+) profile: total \d+$/;
const COUNT_RE = /^(\d+) @((?: 0x[0-9a-f]+)+)$/;

export function parseGoroutineText(text: string): Profile {
  const cursor = new LineCursor(text);
  while (cursor.next() && isSpaceOrComment(cursor.firstChar()));
  const start = START_RE.exec(cursor.line());
  if (!start) throw new ParseError('not a text count profile', { kind: 'unrecognized' });
  const kind = start[1];
  const records = new TextRecords();
  while (cursor.next()) {
    if (isSpaceOrComment(cursor.firstChar())) {
      records.comment(cursor);
      continue;
    }
    const line = cursor.line();
    if (line.startsWith('---')) break;
    const m = COUNT_RE.exec(line);
    if (!m)
      throw new ParseError('not a "COUNT @ 0x..." record', { line: cursor.number, text: line });
    records.add([Number(m[1])], parseHexAddresses(m[2], cursor.number));
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

/** A blank or comment line, by its first character that is not blank (LineCursor.firstChar). */
function isSpaceOrComment(first: number): boolean {
  return first === 0 || first === 0x23;
}
