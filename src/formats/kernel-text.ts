/**
 * Helpers shared by the parsers of kernel text files (/proc and cgroup files). A parser
 * returns model data or throws a ParseError (model/errors.ts) that names the line and the bad
 * text; the source that read the file turns it into an "unreadable" observation of that file.
 */
import { ParseError } from '../model/errors.js';
import { parseLimit, type Limit } from '../model/units.js';

/** Lines of a kernel file without the trailing empty line. */
export function lines(text: string): string[] {
  const all = text.split('\n');
  if (all.length > 0 && all[all.length - 1] === '') all.pop();
  return all;
}

/** Keys the kernel prints: letters, digits, underscores (never "__proto__"). */
const KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

/** "key value" lines (memory.stat, memory.events, oom_control) as key -> value text. */
function keyedLines(text: string, value = /^\S+$/, what = 'a value'): Map<string, string> {
  const out = new Map<string, string>();
  lines(text).forEach((line, i) => {
    const m = /^(\S+) (\S+)$/.exec(line);
    if (!m || !KEY.test(m[1]))
      throw new ParseError('expected "key value"', { line: i + 1, text: line });
    if (!value.test(m[2]))
      throw new ParseError(`"${m[1]}" is not ${what}`, { line: i + 1, text: line });
    out.set(m[1], m[2]);
  });
  if (out.size === 0) throw new ParseError('empty file');
  return out;
}

/** Like keyedLines, with every value a non-negative decimal number. */
export function keyedCounts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of keyedLines(text, /^\d{1,20}$/, 'a number'))
    out.set(key, Number(value));
  return out;
}

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
