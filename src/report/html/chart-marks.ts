/**
 * Moments marked on the charts' time axis: each trigger that fired (watch captured profiles
 * there) and the OOM kill, with a short label.
 */
import type { PostMortem } from '../../analysis/postmortem.js';
import type { Capture } from '../../formats/capture.js';

export interface ChartMark {
  /** Seconds since the epoch (the charts' x unit). */
  readonly t: number;
  readonly kind: 'trigger' | 'kill';
  readonly label: string;
}

export function chartMarks(c: Capture, pm: PostMortem | undefined): ChartMark[] {
  const marks: ChartMark[] = c.triggers.map((tr) => ({
    t: tr.t / 1000,
    kind: 'trigger',
    label: tr.name,
  }));
  if (pm?.oomKilled && pm.endedAt !== undefined)
    marks.push({ t: pm.endedAt / 1000, kind: 'kill', label: 'OOM kill' });
  return marks;
}
