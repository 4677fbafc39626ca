/** Validation after parsing (a capture may be hand-edited or damaged): samples keep only well-typed fields. */
import type { SampleRecord } from './capture.js';

/**
 * Keeps only well-typed fields of a sample (finite numbers, the events object, [end, ns]
 * pause pairs), so a hand-edited or damaged capture cannot feed a string where a number goes.
 */
export function cleanSample(rec: SampleRecord): SampleRecord {
  const group = (v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? numbersOf(v) : undefined;
  const out: Record<string, unknown> = { type: 'sample', t: rec.t };
  const cgroup = group(rec.cgroup);
  if (cgroup) {
    const events = group(rec.cgroup?.events);
    delete cgroup.events;
    if (events) cgroup.events = events;
    if (typeof rec.cgroup?.underOom === 'boolean') cgroup.underOom = rec.cgroup.underOom;
    out.cgroup = cgroup;
  }
  const proc = group(rec.proc);
  if (proc) out.proc = proc;
  const go = group(rec.go);
  if (go) {
    const pauses = rec.go?.pauses;
    delete go.pauses;
    if (Array.isArray(pauses))
      go.pauses = pauses.filter(
        (p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite),
      );
    if (rec.go?.liveSource === 'metric' || rec.go?.liveSource === 'estimate')
      go.liveSource = rec.go.liveSource;
    out.go = go;
  }
  if (typeof rec.late === 'number' && Number.isFinite(rec.late)) out.late = rec.late;
  if (Array.isArray(rec.notes)) out.notes = rec.notes.filter((n) => typeof n === 'string');
  return out as unknown as SampleRecord;
}

function numbersOf(v: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(v).filter(([, x]) => typeof x === 'number' && Number.isFinite(x)),
  );
}
