/**
 * /proc/PID/status (man 5 proc_pid_status): "Key:\tvalue" lines. Sizes are printed in kB
 * (KiB); we return bytes. Kernel threads and zombies have no Vm* lines, so only Name is
 * required.
 */
import type { ProcStatus } from '../model/snapshot.js';
import { ParseError } from '../model/errors.js';
import { lines } from './kernel-text.js';

const SIZE_FIELDS = {
  VmRSS: 'vmRss',
  RssAnon: 'rssAnon',
  RssFile: 'rssFile',
  RssShmem: 'rssShmem',
  VmHWM: 'vmHwm',
  VmSwap: 'vmSwap',
} as const;

export function parseProcStatus(text: string): ProcStatus {
  const out: { -readonly [K in keyof ProcStatus]?: ProcStatus[K] } = {};
  lines(text).forEach((line, i) => {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new ParseError('expected "Key:\\tvalue"', { line: i + 1, text: line });
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    if (key === 'Name') out.name = value;
    else if (key === 'Threads') out.threads = count(value, i + 1, line);
    else if (Object.hasOwn(SIZE_FIELDS, key))
      out[SIZE_FIELDS[key as keyof typeof SIZE_FIELDS]] = kib(value, i + 1, line);
  });
  if (out.name === undefined) throw new ParseError('no Name line');
  return out as ProcStatus;
}

function kib(value: string, lineNo: number, line: string): number {
  const m = /^(\d{1,15}) kB$/.exec(value);
  if (!m) throw new ParseError('expected "<n> kB"', { line: lineNo, text: line });
  return Number(m[1]) * 1024;
}

function count(value: string, lineNo: number, line: string): number {
  if (!/^\d{1,9}$/.test(value))
    throw new ParseError('expected a number', { line: lineNo, text: line });
  return Number(value);
}
