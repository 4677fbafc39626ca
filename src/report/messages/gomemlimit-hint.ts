/**
 * Why a suggested GOMEMLIMIT differs from what was written. Go has only binary units
 * (runtime/string.go parseByteCount), so "480M" is converted: 480000000 B = 457.8 MiB, written
 * "457MiB" (rounded down); "512Mi" is only relabelled "512MiB" and needs no note.
 */
import { MiB } from '../../model/units.js';
import type { Args } from './types.js';

/** The args both malformed-GOMEMLIMIT rules (diagnose and k8s) give about what was meant. */
type Meant = { value: string; meantBytes?: number; converted?: boolean };

export function hintNotes(a: Args<Meant>, cappedBecause: string | undefined): string {
  const notes: string[] = [];
  if (a.converted === true && typeof a.meantBytes === 'number') {
    const mib = a.meantBytes >= MiB ? ` = ${(a.meantBytes / MiB).toFixed(1)} MiB` : '';
    notes.push(
      `${a.value} means ${a.meantBytes} bytes${mib}; Go has only binary units, so the value is converted, rounded down`,
    );
  }
  if (cappedBecause) notes.push(cappedBecause);
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}
