/**
 * One target's recent samples for the exporter. The Go runtime's endpoint is read every
 * RUNTIME_EVERY ticks (an HTTP request is most of a tick's cost), the cgroup and /proc every
 * tick; so the latest sample carries the Go values of the last tick that read them, and the
 * forecast sees only samples with Go values (its fits must not mix the heap and the working
 * set, analysis/forecast.ts).
 */
import type { Sample } from '../model/series.js';

/** The forecast's window (analysis/forecast.ts): older samples are not kept. */
const WINDOW_MS = 600_000;
/** Ticks between two reads of the Go runtime's endpoint. */
export const RUNTIME_EVERY = 2;

export class SampleWindow {
  private readonly all: Sample[] = [];
  private lastGo: Sample | undefined;

  push(s: Sample): void {
    this.all.push(s);
    if (s.go) this.lastGo = s;
    while (this.all.length > 2 && this.all[0].t < s.t - WINDOW_MS) this.all.shift();
  }

  get length(): number {
    return this.all.length;
  }

  /** The last sample, with the Go values of the last one that had them. */
  latest(): Sample | undefined {
    const last = this.all[this.all.length - 1];
    if (!last || last.go || !this.lastGo) return last;
    return { ...last, go: this.lastGo.go };
  }

  /** The last two samples, for the triggers. */
  lastTwo(): Sample[] {
    return this.forecastInput().slice(-2);
  }

  /** Samples with Go values when there are any, else all (a process without endpoints). */
  forecastInput(): readonly Sample[] {
    return this.lastGo ? this.all.filter((s) => s.go) : this.all;
  }
}
