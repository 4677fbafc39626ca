/**
 * /proc/PID/status (man 5 proc_pid_status): "Key:\tvalue" lines. Sizes are printed in kB
 * (KiB); we return bytes. Kernel threads and zombies have no Vm* lines, so only Name is
 * required.
 */
import type { ProcStatus } from '../model/snapshot.js';
import { ParseError } from '../model/errors.js';

const SIZE_FIELDS = {
  VmRSS: 'vmRss',
  RssAnon: 'rssAnon',
  RssFile: 'rssFile',
  RssShmem: 'rssShmem',
  VmHWM: 'vmHwm',
  VmSwap: 'vmSwap',
} as const;

/** One pass, a string only for each key and the values kept (the exporter reads one a tick). */
export function parseProcStatus(text: string): ProcStatus {
  const out: { -readonly [K in keyof ProcStatus]?: ProcStatus[K] } = {};
  // As lines(): one trailing newline ends the last line, it does not start an empty one.
  const stop = text.endsWith('\n') ? text.length - 1 : text.length;
  for (let start = 0, line = 1; text !== ''; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > stop) end = stop;
    const colon = text.indexOf(':', start);
    if (colon <= start || colon >= end)
      throw new ParseError('expected "Key:\\tvalue"', { line, text: text.slice(start, end) });
    const key = text.slice(start, colon);
    if (key === 'Name') out.name = text.slice(colon + 1, end).trim();
    else if (key === 'Threads') out.threads = count(text, colon + 1, end, line, start);
    else if (Object.hasOwn(SIZE_FIELDS, key))
      out[SIZE_FIELDS[key as keyof typeof SIZE_FIELDS]] = kib(text, colon + 1, end, line, start);
    if (end >= stop) break;
    start = end + 1;
  }
  if (out.name === undefined) throw new ParseError('no Name line');
  return out as ProcStatus;
}

/** The value of the line start..end that begins at `from`, as "<n> kB", in bytes. */
function kib(text: string, from: number, end: number, line: number, start: number): number {
  const m = /^(\d{1,15}) kB$/.exec(text.slice(from, end).trim());
  if (!m) throw new ParseError('expected "<n> kB"', { line, text: text.slice(start, end) });
  return Number(m[1]) * 1024;
}

function count(text: string, from: number, end: number, line: number, start: number): number {
  const value = text.slice(from, end).trim();
  if (!/^\d{1,9}$/.test(value))
    throw new ParseError('expected a number', { line, text: text.slice(start, end) });
  return Number(value);
}
