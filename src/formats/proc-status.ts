/**
 * /proc/PID/status (man 5 proc_pid_status): "Key:\tvalue" lines. Sizes are printed in kB
 * (KiB); we return bytes. Kernel threads and zombies have no Vm* lines, so only Name is
 * required.
 */
import type { ProcStatus } from '../model/snapshot.js';
import { ParseError } from '../model/errors.js';
import { eachLine, lineError } from './kernel-text.js';

const SIZE_FIELDS = {
  VmRSS: 'vmRss',
  RssAnon: 'rssAnon',
  RssFile: 'rssFile',
  RssShmem: 'rssShmem',
  VmHWM: 'vmHwm',
  VmSwap: 'vmSwap',
} as const;

/** A string only for each key and the values kept (the exporter reads one a tick). */
export function parseProcStatus(text: string): ProcStatus {
  const out: { -readonly [K in keyof ProcStatus]?: ProcStatus[K] } = {};
  eachLine(text, (start, end, line) => {
    const colon = text.indexOf(':', start);
    if (colon <= start || colon >= end)
      throw lineError(text, start, end, line, 'expected "Key:\\tvalue"');
    const key = text.slice(start, colon);
    if (key !== 'Name' && key !== 'Threads' && !Object.hasOwn(SIZE_FIELDS, key)) return;
    const value = text.slice(colon + 1, end).trim();
    const bad = (why: string) => lineError(text, start, end, line, why);
    if (key === 'Name') out.name = value;
    else if (key === 'Threads') out.threads = count(value, bad);
    else out[SIZE_FIELDS[key as keyof typeof SIZE_FIELDS]] = kib(value, bad);
  });
  if (out.name === undefined) throw new ParseError('no Name line');
  return out as ProcStatus;
}

function kib(value: string, bad: (why: string) => ParseError): number {
  const m = /^(\d{1,15}) kB$/.exec(value);
  if (!m) throw bad('expected "<n> kB"');
  return Number(m[1]) * 1024;
}

function count(value: string, bad: (why: string) => ParseError): number {
  if (!/^\d{1,9}$/.test(value)) throw bad('expected a number');
  return Number(value);
}
