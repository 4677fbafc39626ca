/** Reading a row's stats: a value under "family.stat", and a number with where it came from. */
import type { Sourced } from '../../model/fleet.js';
import type { PodRow } from './rows.js';

export const stat = (r: PodRow, key: string) => r.stats.get(key);

export function sourced(value: number | undefined, source: string): Sourced | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : { value, source };
}
