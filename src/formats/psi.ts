/**
 * Pressure stall information (Documentation/accounting/psi.rst): memory.pressure and
 * /proc/pressure/memory hold
 *   some avg10=0.00 avg60=0.00 avg300=0.00 total=0
 *   full avg10=0.00 avg60=0.00 avg300=0.00 total=0
 * avgN are percentages of time stalled; total is cumulative microseconds.
 */
import type { Pressure, PressureLine } from '../model/snapshot.js';
import { ParseError } from '../model/errors.js';
import { lines } from './kernel-text.js';

const LINE = /^(some|full) avg10=(\d+\.\d+) avg60=(\d+\.\d+) avg300=(\d+\.\d+) total=(\d{1,20})$/;

export function parsePressure(text: string): Pressure {
  let some: PressureLine | undefined;
  let full: PressureLine | undefined;
  lines(text).forEach((line, i) => {
    const m = LINE.exec(line);
    if (!m)
      throw new ParseError('expected "some|full avg10=.. avg60=.. avg300=.. total=.."', {
        line: i + 1,
        text: line,
      });
    const value = {
      avg10: Number(m[2]),
      avg60: Number(m[3]),
      avg300: Number(m[4]),
      total: Number(m[5]),
    };
    if (m[1] === 'some') some = value;
    else full = value;
  });
  if (!some) throw new ParseError('no "some" line');
  return full ? { some, full } : { some };
}
