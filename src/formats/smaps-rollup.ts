/**
 * /proc/PID/smaps_rollup (Linux >= 4.14; Documentation/filesystems/proc.rst): a header line
 * "<start>-<end> ---p 00000000 00:00 0  [rollup]" then smaps fields summed over all
 * mappings, "Rss:  1234 kB". LazyFree counts pages freed with MADV_FREE not yet reclaimed.
 */
import type { SmapsRollup } from '../model/snapshot.js';
import { ParseError } from '../model/errors.js';
import { lines } from './kernel-text.js';

const HEADER = /^[0-9a-f]+-[0-9a-f]+ \S+ [0-9a-f]+ [0-9a-f]+:[0-9a-f]+ \d+\s+\[rollup\]$/;
const FIELD = /^([A-Za-z_][A-Za-z0-9_]*):\s+(\d{1,15}) kB$/;

export function parseSmapsRollup(text: string): SmapsRollup {
  const all = lines(text);
  if (all.length === 0 || !HEADER.test(all[0]))
    throw new ParseError('expected the "[rollup]" header', { line: 1, text: all[0] ?? '' });
  const raw: Record<string, number> = {};
  all.slice(1).forEach((line, i) => {
    const m = FIELD.exec(line);
    if (!m) throw new ParseError('expected "Field: <n> kB"', { line: i + 2, text: line });
    raw[m[1]] = Number(m[2]) * 1024;
  });
  if (raw.Rss === undefined) throw new ParseError('no Rss line');
  return {
    rss: raw.Rss,
    pss: raw.Pss,
    anonymous: raw.Anonymous,
    lazyFree: raw.LazyFree,
    anonHugePages: raw.AnonHugePages,
    swap: raw.Swap,
    raw,
  };
}
