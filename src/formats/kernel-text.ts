/**
 * Helpers shared by the parsers of kernel text files (/proc and cgroup files). A parser
 * returns model data or throws a ParseError (model/errors.ts) that names the line and the bad
 * text; the source that read the file turns it into an "unreadable" observation of that file.
 */
import { ParseError } from '../model/errors.js';
import { parseLimit, type Limit } from '../model/units.js';

/**
 * Calls fn with the bounds of each line of a kernel file (start..end, without the newline) and
 * its 1-based number: one trailing newline ends the last line, it does not start an empty
 * one; an empty text has no lines. No string is made per line.
 */
export function eachLine(text: string, fn: (start: number, end: number, line: number) => void) {
  if (text === '') return;
  const stop = text.endsWith('\n') ? text.length - 1 : text.length;
  for (let start = 0, line = 1; ; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > stop) end = stop;
    fn(start, end, line);
    if (end >= stop) return;
    start = end + 1;
  }
}

/** Lines of a kernel file without the trailing empty line. */
export function lines(text: string): string[] {
  const all: string[] = [];
  eachLine(text, (start, end) => all.push(text.slice(start, end)));
  return all;
}

/**
 * "key value" lines (memory.stat, memory.events, oom_control) with every value a decimal count
 * (1-20 digits), as key -> number. Keys are what the kernel prints: a letter, then letters,
 * digits and underscores (never "__proto__"). No string per line but the key: the node
 * exporter parses a memory.stat per container every tick.
 */
export function keyedCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  eachLine(text, (start, end, line) => {
    const space = text.indexOf(' ', start);
    if (space < 0 || space >= end || !isKey(text, start, space))
      throw lineError(text, start, end, line, 'expected "key value"');
    const digits = end - space - 1;
    if (!allDigits(text, space + 1, end) || digits > 20) {
      const value = text.slice(space + 1, end);
      const why =
        value === '' || /\s/.test(value)
          ? 'expected "key value"'
          : `"${text.slice(start, space)}" is not a number`;
      throw lineError(text, start, end, line, why);
    }
    out.set(
      text.slice(start, space),
      digits <= 15 ? decimal(text, space + 1, end) : Number(text.slice(space + 1, end)),
    );
  });
  if (out.size === 0) throw new ParseError('empty file');
  return out;
}

/** A ParseError naming the line start..end of text. */
export function lineError(
  text: string,
  start: number,
  end: number,
  line: number,
  why: string,
): ParseError {
  return new ParseError(why, { line, text: text.slice(start, end) });
}

function isKey(text: string, from: number, to: number): boolean {
  if (to <= from || !isLetter(text.charCodeAt(from))) return false;
  for (let i = from + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!isLetter(c) && !isDigit(c) && c !== 0x5f) return false;
  }
  return true;
}

function allDigits(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** Up to 15 digits: exact in a double, so the same number Number() gives. */
function decimal(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (text.charCodeAt(i) - 0x30);
  return v;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** A file holding one limit: "max" (v2), bytes, or the v1 "unlimited" sentinel. */
export function parseLimitFile(text: string): Limit {
  const limit = parseLimit(text);
  if (limit === undefined || lines(text).length !== 1)
    throw new ParseError('expected "max" or a byte count', { line: 1, text: text });
  return limit;
}

/** A file holding one counter (memory.current, memory.failcnt ...). */
export function parseCountFile(text: string): number {
  const t = text.trim();
  const n = /^\d{1,16}$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || lines(text).length !== 1)
    throw new ParseError('expected a number', { line: 1, text: text });
  return n;
}

/** cgroup.procs: one PID a line (may be empty). */
export function parsePidList(text: string): number[] {
  return lines(text).map((line, i) => {
    if (!/^\d{1,10}$/.test(line))
      throw new ParseError('expected a PID', { line: i + 1, text: line });
    return Number(line);
  });
}
