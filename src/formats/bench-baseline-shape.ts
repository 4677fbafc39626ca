/**
 * A linear pre-check of a baseline's JSON before JSON.parse builds it: JSON.parse makes an
 * object per `{}` or `[]` (about 20 bytes of heap per byte of `{},{},...`), and a deeply nested
 * or container-packed file under the input cap would take gigabytes. A real baseline is 5
 * levels deep (document, results, result, values, [value, unit]) and has about 10 arrays and
 * objects per result, so these bounds refuse only what `bench save` never writes.
 */

import { ParseError } from '../model/errors.js';

const MAX_DEPTH = 5;

/** Arrays and objects in one baseline: 100,000 results of 3 metrics and 4 config keys. */
export const MAX_BASELINE_CONTAINERS = 1_000_000;

export function checkBaselineShape(text: string, file: string): void {
  let depth = 0;
  let containers = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) i = stringEnd(text, i);
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_DEPTH)
        throw new ParseError(`nested deeper than a baseline (${MAX_DEPTH} levels)`, { file });
      if (++containers > MAX_BASELINE_CONTAINERS)
        throw new ParseError(
          `more than ${MAX_BASELINE_CONTAINERS.toLocaleString('en-US')} arrays and objects; refused (bounded memory)`,
          { file, kind: 'too-large' },
        );
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
}

/** The index of the closing quote of the string opening at `start` (or the text's end). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 34) return i;
  }
  return text.length;
}
