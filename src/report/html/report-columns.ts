/** Chart columns other than memory: GC pauses and rate, memory.events counters, the forecast ETA. */
import type { ForecastRecord } from '../../formats/capture.js';
import type { Sample } from '../../model/series.js';
import { downsample, type Columns } from './downsample.js';

/** Every GC pause (ms) at the time it ended, and the GC rate per second between samples. */
export function gcColumns(s: readonly Sample[], buckets: number): Columns {
  const times: number[] = [];
  const pauseMs: (number | undefined)[] = [];
  const rate: (number | undefined)[] = [];
  for (let i = 0; i < s.length; i++) {
    const g = s[i].go;
    const prev = s[i - 1]?.go;
    const dt = i > 0 ? (s[i].t - s[i - 1].t) / 1000 : 0;
    const r =
      g?.numGC !== undefined && prev?.numGC !== undefined && dt > 0
        ? (g.numGC - prev.numGC) / dt
        : undefined;
    const pauses = g?.pauses ?? [];
    const longest = pauses.reduce((m, [, ns]) => Math.max(m, ns), 0);
    times.push(s[i].t);
    pauseMs.push(pauses.length ? longest / 1e6 : undefined);
    rate.push(r);
  }
  return downsample(times, { pauseMs, gcPerSec: rate }, buckets);
}

export function eventColumns(s: readonly Sample[], buckets: number): Columns {
  const col = (f: (x: Sample) => number | undefined) => s.map(f);
  return downsample(
    s.map((x) => x.t),
    {
      high: col((x) => x.cgroup?.events?.high),
      max: col((x) => x.cgroup?.events?.max),
      oomKill: col((x) => x.cgroup?.events?.oomKill ?? x.cgroup?.oomKill),
      failcnt: col((x) => x.cgroup?.failcnt),
    },
    buckets,
  );
}

export function forecastColumns(f: readonly ForecastRecord[], buckets: number): Columns {
  const num = (v: number | undefined | null) =>
    typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  return downsample(
    f.map((x) => x.t),
    {
      etaSec: f.map((x) => num(x.etaSec)),
      etaLowSec: f.map((x) => num(x.etaLowSec)),
      etaHighSec: f.map((x) => num(x.etaHighSec)),
      thrashEtaSec: f.map((x) => num(x.thrashEtaSec)),
    },
    buckets,
  );
}
