/** Flags shared by `simulate` and `advise`: lists and shares. */
import { parseGoMemLimit } from '../model/gomemlimit.js';
import { UsageError } from '../model/errors.js';

/** "50,100,off" -> [50, 100, 'off']. */
export function gogcList(text: string): (number | 'off')[] {
  return text.split(',').map((t) => {
    if (t === 'off') return 'off';
    if (!/^\d{1,5}$/.test(t) || Number(t) < 1)
      throw new UsageError(`--gogc wants percentages like 50,100,200 or off; got "${t}"`);
    return Number(t);
  });
}

/** "180MiB,off" in Go's GOMEMLIMIT syntax (what the program would be given). */
export function gomemlimitList(text: string): (number | undefined)[] {
  return text.split(',').map((t) => {
    const v = parseGoMemLimit(t);
    if (v.kind === 'off') return undefined;
    if (v.kind === 'bytes' && v.bytes > 0) return v.bytes;
    const hint = v.kind === 'malformed' && v.meant ? ` (Go's syntax: ${v.meant.hint})` : '';
    throw new UsageError(
      `--gomemlimit wants Go's syntax like 180MiB, 1GiB or off; got "${t}"${hint}`,
    );
  });
}

/** "10%" or "0.1", strictly between 0 and 1. */
export function shareFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  const v = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(v > 0 && v < 1))
    throw new UsageError(`--${name} wants a share like 10% or 0.1; got "${text}"`);
  return v;
}
