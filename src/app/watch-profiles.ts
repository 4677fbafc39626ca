/**
 * Profiles taken off the tick: a capture (full snapshot, heap profile, goroutine profile on
 * triggers) runs in the background with its own deadline, so a slow or hanging /debug/pprof
 * never delays a sample. One capture runs at a time; a request while one is in flight waits
 * as the next one (reasons merged). `stop()` aborts what is in flight and says what it was.
 */
import type { SiteGrowth } from '../analysis/series-rules/index.js';
import { formatDuration } from '../model/units.js';
import type { CaptureWriter } from '../sources/capture-writer.js';
import type { TargetReader } from '../sources/target.js';
import type { ServiceProfile } from '../sources/target-profiles.js';
import { siteGrowth } from './capture.js';

export interface CaptureRequest {
  /** The tick that asked for it. */
  readonly t: number;
  readonly reason: string;
  /** On a trigger: fresh heap (?gc=1) and a goroutine profile. */
  readonly urgent: boolean;
  readonly goroutines: boolean;
}

export interface ProfileJobsOptions {
  readonly onEvent: (line: string) => void;
  /** Seconds of execution trace taken on a trigger, after the profiles (0: none). */
  readonly traceSeconds?: number;
}

/** Heap profiles kept for the "growing" test of the top site. */
const RECENT_HEAPS = 4;

export class ProfileJobs {
  /** Top sites with growth over the recent heap profiles, once two are in. */
  sites: readonly SiteGrowth[] | undefined;
  private running: Promise<void> | undefined;
  private next: CaptureRequest | undefined;
  private current: { what: string; since: number } | undefined;
  private readonly halt = new AbortController();
  private readonly heaps: { time: number; bytes: Uint8Array }[] = [];

  constructor(
    private readonly reader: TargetReader,
    private readonly out: CaptureWriter,
    private readonly o: ProfileJobsOptions,
  ) {}

  /** Starts a capture now, or queues it after the one in flight; never waits. */
  request(req: CaptureRequest): void {
    if (this.halt.signal.aborted) return;
    if (!this.running) {
      this.running = this.run(req)
        .catch((err: Error) => this.o.onEvent(`capture failed: ${err.message}`))
        .finally(() => this.afterRun());
      return;
    }
    const prev = this.next;
    this.next = prev
      ? {
          t: req.t,
          reason: prev.reason === req.reason ? req.reason : `${prev.reason},${req.reason}`,
          urgent: prev.urgent || req.urgent,
          goroutines: prev.goroutines || req.goroutines,
        }
      : req;
  }

  /** Aborts what is in flight; returns what that was ("/debug/pprof/heap?gc=1 for 3.2s"). */
  async stop(): Promise<string[]> {
    const inFlight = this.current
      ? [`${this.current.what} for ${formatDuration(Date.now() - this.current.since)}`]
      : [];
    this.next = undefined;
    this.halt.abort();
    await this.running;
    return inFlight;
  }

  private afterRun(): void {
    this.running = undefined;
    const next = this.next;
    this.next = undefined;
    if (next) this.request(next);
  }

  private async run(req: CaptureRequest): Promise<void> {
    const { t, reason } = req;
    this.current = { what: 'the full snapshot', since: Date.now() };
    // A full diagnose snapshot goes with every profile, so the report can reconcile that moment.
    const snapshot = await this.reader.snapshot(Date.now(), { signal: this.halt.signal });
    if (this.halt.signal.aborted) return;
    this.out.append({ type: 'snapshot', t, reason, snapshot });
    await this.take('heap', reason, req.urgent);
    if (req.goroutines) await this.take('goroutine', reason, req.urgent);
    // What the GC does in the seconds that follow a trigger: often the last before a kill.
    if (req.urgent && (this.o.traceSeconds ?? 0) > 0) await this.take('trace', reason, false);
    this.current = undefined;
    // "Growing" means growing now: the recent heap profiles, not warm-up since the start.
    if (this.heaps.length < 2 || this.halt.signal.aborted) return;
    const growth = await siteGrowth(this.heaps);
    if (growth.notes.length === 0) this.sites = growth.sites;
    growth.notes.forEach((n) => this.o.onEvent(n));
  }

  private async take(kind: ServiceProfile, reason: string, fresh: boolean): Promise<void> {
    if (this.halt.signal.aborted) return;
    const seconds = this.o.traceSeconds;
    this.current = { what: this.reader.profilePath(kind, fresh, seconds), since: Date.now() };
    const r = await this.reader.fetchProfile(kind, fresh, this.halt.signal, seconds);
    if (this.halt.signal.aborted) return;
    if (!r.bytes) return this.o.onEvent(`profile ${kind} failed: ${r.error}`);
    if (r.error) this.o.onEvent(`profile ${kind}: ${r.error}; kept what came`);
    const t = Date.now();
    const data = Buffer.from(r.bytes).toString('base64');
    this.out.append({ type: 'profile', t, kind, reason, encoding: 'base64', data });
    if (kind !== 'heap') return;
    this.heaps.push({ time: t, bytes: r.bytes });
    if (this.heaps.length > RECENT_HEAPS) this.heaps.shift();
  }
}
