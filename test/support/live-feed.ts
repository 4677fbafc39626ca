/**
 * Capture records for a live page without waiting for them: the real OOM capture's records
 * (testdata/watch/leaky-oom.ndjson) replayed at 1 s spacing for as long as asked, its samples
 * cycled, a full snapshot and a heap profile every 30 s, a forecast every 5 s.
 */
import { readFileSync } from 'node:fs';
import {
  parseCapture,
  type Capture,
  type CaptureHeader,
  type CaptureRecord,
} from '../../src/formats/capture.js';

let real: Capture | undefined;

function capture(): Capture {
  if (!real) {
    const r = parseCapture(readFileSync('testdata/watch/leaky-oom.ndjson'));
    if (r.kind !== 'capture') throw new Error('testdata/watch/leaky-oom.ndjson is not a capture');
    real = r.capture;
  }
  return real;
}

export function feedHeader(pid: number, startedAt: number): CaptureHeader {
  return { ...capture().header, startedAt, target: { pid } };
}

/** The records of second `i` (0-based) of a run that started at `start`. */
export function recordsAt(i: number, start: number): CaptureRecord[] {
  const c = capture();
  const t = start + i * 1000;
  // The leak's first 40 s, over and over: values keep their shape, times are the feed's.
  const s = c.samples[i % 40];
  const out: CaptureRecord[] = [{ ...s, t }];
  if (i % 5 === 0) {
    const f = c.forecasts[i % c.forecasts.length];
    out.push({ ...f, t });
  }
  if (i % 30 === 0) {
    const snap = c.snapshots[(i / 30) % c.snapshots.length];
    const heaps = c.profiles.filter((p) => p.kind === 'heap');
    const heap = heaps[(i / 30) % heaps.length];
    out.push({ ...snap, t, reason: 'cadence' }, { ...heap, t, reason: 'cadence' });
  }
  return out;
}
