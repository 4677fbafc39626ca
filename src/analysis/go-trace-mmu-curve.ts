/**
 * The MMU curve of a mutator utilization function: for a window w, the lowest mean
 * utilization of any w-long window. A port of $GOROOT/src/internal/trace/gc.go (MMUCurve:
 * newMMUSeries, mmu, mkBandUtil, bandMMU, integrator; the band heap as container/heap
 * orders it), for one series and without percentiles, and of the plot's window choice in
 * internal/trace/traceviewer/mmu.go (HandlePlot), so the numbers are `go tool trace`'s.
 */
import type { UtilSeries } from './go-trace-mmu.js';

interface Band {
  readonly minUtil: number;
  readonly cumUtil: number;
  readonly pos: number;
}

interface BandUtil {
  readonly i: number;
  readonly utilBound: number;
}

const BANDS = 1000;

class Integrator {
  constructor(
    private readonly c: MmuCurve,
    public pos: number,
  ) {}

  /** The integral of the utilization from the start to time (monotonic calls). */
  advance(time: number): number {
    const { times, utils } = this.c.util;
    let pos = this.pos;
    if (pos + 8 < times.length && times[pos + 8] > time) {
      while (pos + 1 < times.length && times[pos + 1] <= time) pos++;
    } else {
      let l = pos;
      let r = times.length;
      while (l < r) {
        const h = (l + r) >>> 1;
        if (times[h] <= time) l = h + 1;
        else r = h;
      }
      pos = l - 1;
    }
    this.pos = pos;
    const partial = time !== times[pos] ? utils[pos] * (time - times[pos]) : 0;
    return this.c.sums[pos] + partial;
  }

  /** The first change of utilization after time. */
  next(time: number): number {
    const times = this.c.util.times;
    for (let i = this.pos; i < times.length; i++) if (times[i] > time) return times[i];
    return Infinity;
  }
}

export class MmuCurve {
  readonly sums: number[];
  private readonly bands: Band[];
  private readonly bandDur: number;

  constructor(readonly util: UtilSeries) {
    const { times, utils } = util;
    this.sums = new Array<number>(times.length);
    let prevT = 0;
    let prevU = 0;
    let sum = 0;
    for (let j = 0; j < times.length; j++) {
      sum += prevU * (times[j] - prevT);
      this.sums[j] = sum;
      prevT = times[j];
      prevU = utils[j];
    }
    const numBands = Math.min(BANDS, times.length);
    const dur = times[times.length - 1] - times[0];
    this.bandDur = Math.max(1, Math.trunc((dur + numBands - 1) / numBands));
    this.bands = [];
    const left = new Integrator(this, 0);
    for (let i = 0; i <= numBands; i++) {
      const [start, end] = this.bandTime(i);
      const cumUtil = left.advance(start);
      let minUtil = 1;
      for (let j = left.pos; j < times.length && times[j] < end; j++)
        minUtil = Math.min(minUtil, utils[j]);
      this.bands.push({ minUtil, cumUtil, pos: left.pos });
    }
  }

  /** The trace's span covered by the function (first to last change), in ns. */
  get duration(): number {
    const t = this.util.times;
    return t[t.length - 1] - t[0];
  }

  /** MMUCurve.MMU: the minimum mutator utilization over windows of `window` ns. */
  mmu(window: number): number {
    if (window <= 0) return 0;
    const w = Math.min(window, this.duration);
    const heap = this.bandUtils(w);
    heapInit(heap);
    const acc = { mmu: 1, bound: 1 };
    while (heap.length > 0 && heap[0].utilBound < acc.bound) {
      this.bandMmu(heap[0].i, w, acc);
      heapPop(heap);
    }
    return acc.mmu;
  }

  private bandTime(i: number): [number, number] {
    const start = i * this.bandDur + this.util.times[0];
    return [start, start + this.bandDur];
  }

  /** mkBandUtil: a lower bound of the utilization of windows starting in each band. */
  private bandUtils(window: number): BandUtil[] {
    const d = this.bandDur;
    const minBands = Math.trunc((window + d - 1) / d);
    const maxBands = Math.trunc((window + 2 * (d - 1)) / d);
    const tailDur = window % d;
    const n = Math.max(0, this.bands.length - maxBands + 1);
    const out: BandUtil[] = [];
    for (let i = 0; i < n; i++) {
      const l = this.bands[i].minUtil;
      const r1 = this.bands[i + minBands - 1].minUtil;
      const r2 = this.bands[i + maxBands - 1].minUtil;
      const minBand = Math.min(l, Math.min(r1, r2));
      let util = 0;
      if (minBands === 1) util += minBand * window;
      else {
        util += minBand * d;
        let mid = 0;
        if (minBand === l) mid = Math.min(r1, r2);
        else if (minBand === r1) mid = Math.min(l, r2);
        else if (minBand === r2) mid = Math.min(l, r1);
        util += mid * tailDur;
      }
      if (minBands > 2) util += this.bands[i + minBands - 1].cumUtil - this.bands[i + 1].cumUtil;
      out.push({ i, utilBound: util / window });
    }
    return out;
  }

  /** bandMMU: the exact minimum for windows whose left edge lies in band i. */
  private bandMmu(i: number, window: number, acc: { mmu: number; bound: number }): void {
    const times = this.util.times;
    const left = new Integrator(this, this.bands[i].pos);
    const right = new Integrator(this, this.bands[i].pos);
    let [time, endTime] = this.bandTime(i);
    endTime = Math.min(endTime, times[times.length - 1] - window);
    for (;;) {
      const mu = (right.advance(time + window) - left.advance(time)) / window;
      if (mu < acc.mmu) acc.mmu = mu;
      acc.bound = acc.mmu;
      if (mu === 0 || time === endTime) return;
      const minTime = time + Math.trunc((mu - acc.bound) * window);
      time = Math.min(left.next(time), right.next(time + window) - window);
      if (time < minTime) time = minTime;
      if (time >= endTime) time = endTime;
    }
  }
}

/** container/heap's Init, Pop and down over utilBound. */
function down(h: BandUtil[], i0: number, n: number): void {
  let i = i0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n) return;
    let j = j1;
    if (j1 + 1 < n && h[j1 + 1].utilBound < h[j1].utilBound) j = j1 + 1;
    if (!(h[j].utilBound < h[i].utilBound)) return;
    [h[i], h[j]] = [h[j], h[i]];
    i = j;
  }
}

function heapInit(h: BandUtil[]): void {
  for (let i = (h.length >> 1) - 1; i >= 0; i--) down(h, i, h.length);
}

function heapPop(h: BandUtil[]): void {
  const n = h.length - 1;
  [h[0], h[n]] = [h[n], h[0]];
  down(h, 0, n);
  h.pop();
}

/** One point of the MMU curve: window (ns) and the minimum utilization (0..1). */
export interface MmuPoint {
  readonly windowNs: number;
  readonly mmu: number;
}

/** The 100 windows `go tool trace` plots (HandlePlot): six decades from where MMU leaves 0. */
export function mmuPlot(c: MmuCurve, samples = 100): MmuPoint[] {
  if (c.duration <= 0) return [];
  let xMin = 1e9;
  while (xMin > 1) {
    if (c.mmu(xMin) < 0.0001) break;
    xMin = Math.trunc(xMin / 1000);
  }
  const xMax = Math.min(xMin * 1e6, c.duration);
  const logMin = Math.log(xMin);
  const logMax = Math.log(xMax);
  const out: MmuPoint[] = [];
  for (let i = 0; i < samples; i++) {
    const windowNs = Math.trunc(Math.exp((i / (samples - 1)) * (logMax - logMin) + logMin));
    out.push({ windowNs, mmu: c.mmu(windowNs) });
  }
  return out;
}
