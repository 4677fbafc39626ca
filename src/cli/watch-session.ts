/**
 * The watch loop: tick -> capture -> forecast -> triggers -> profiles -> findings, until the
 * target exits or the duration ends. Output goes through `onTick`/`onEvent` so the command
 * decides between a live view and one line per tick.
 */
import { forecast, type Forecast } from '../analysis/forecast.js';
import { sampleOf } from '../analysis/sample-of.js';
import {
  runSeriesRules,
  type SeriesRuleOptions,
  type SiteGrowth,
} from '../analysis/series-rules/index.js';
import { snapshotOf } from '../analysis/snapshot-of.js';
import {
  checkTriggers,
  type TriggerHit,
  type TriggerOptions,
  type TriggerState,
} from '../analysis/triggers.js';
import type { ForecastRecord } from '../formats/capture.js';
import type { Finding } from '../model/finding.js';
import type { Sample, TickReadings } from '../model/series.js';
import type { Target } from '../model/snapshot.js';
import type { CaptureWriter } from '../sources/capture-writer.js';
import type { Sampler } from '../sources/sampler.js';

export interface SessionOptions {
  readonly target: Target;
  readonly intervalMs: number;
  readonly profileEveryMs: number;
  readonly durationMs?: number;
  readonly triggers: TriggerOptions;
  readonly rules?: SeriesRuleOptions;
  /** Heap profiles -> top sites with growth (the pprof engine); undefined when unavailable. */
  readonly siteGrowth?: (
    heaps: readonly { time: number; bytes: Uint8Array }[],
  ) => Promise<readonly SiteGrowth[]>;
}

export interface SessionHooks {
  onTick(sample: Sample, f: Forecast, findings: readonly Finding[]): void;
  onEvent(line: string): void;
}

export interface SessionResult {
  readonly why: 'target-exited' | 'duration' | 'signal';
  readonly samples: number;
}

/** Samples kept in memory: enough for the 10-minute forecast window at 1 s. */
const KEEP = 900;
/** The series rules run every this many ticks (and on every trigger). */
const RULES_EVERY = 5;
/** Heap profiles kept for the "growing" test of the top site. */
const RECENT_HEAPS = 4;
/** A forecast record is written when the kind changes, or at least this often. */
const FORECAST_EVERY_MS = 5000;

export async function runSession(
  sampler: Sampler,
  out: CaptureWriter,
  o: SessionOptions,
  hooks: SessionHooks,
  stop: AbortSignal,
): Promise<SessionResult> {
  const session = new WatchSession(sampler, out, o, hooks);
  const started = Date.now();
  for (;;) {
    const tickStart = Date.now();
    if (!(await session.step(tickStart))) return { why: 'target-exited', samples: session.count };
    if (o.durationMs !== undefined && Date.now() - started >= o.durationMs)
      return { why: 'duration', samples: session.count };
    if (!stop.aborted) await sleep(Math.max(0, o.intervalMs - (Date.now() - tickStart)), stop);
    if (stop.aborted) return { why: 'signal', samples: session.count };
  }
}

class WatchSession {
  count = 0;
  private readonly recent: Sample[] = [];
  private readonly triggerState: TriggerState = {};
  private readonly seen = new Set<string>();
  private readonly heaps: { time: number; bytes: Uint8Array }[] = [];
  private findings: Finding[] = [];
  private sites: readonly SiteGrowth[] | undefined;
  private prevNumGC: number | undefined;
  private lastProfileAt = -Infinity;
  private lastForecastAt = -Infinity;
  private lastKind = '';

  constructor(
    private readonly sampler: Sampler,
    private readonly out: CaptureWriter,
    private readonly o: SessionOptions,
    private readonly hooks: SessionHooks,
  ) {}

  /** One tick; false once the target is gone (its last cgroup read is still recorded). */
  async step(now: number): Promise<boolean> {
    const readings = await this.sampler.tick(now);
    const sample = sampleOf(readings, this.prevNumGC);
    if (readings.memstats) this.prevNumGC = readings.memstats.NumGC;
    this.out.append({ type: 'sample', ...sample });
    if (!readings.alive) return false;
    this.count++;
    this.recent.push(sample);
    if (this.recent.length > KEEP) this.recent.shift();
    const f = forecast(this.recent);
    this.recordForecast(f);
    const hits = this.fireTriggers(readings, f);
    await this.captureIfDue(readings, hits);
    if (this.count % RULES_EVERY === 1 || hits.length > 0) this.evaluateRules(sample.t, f);
    this.hooks.onTick(sample, f, this.findings);
    return true;
  }

  private recordForecast(f: Forecast): void {
    if (f.kind === this.lastKind && f.at - this.lastForecastAt < FORECAST_EVERY_MS) return;
    this.out.append(forecastRecord(f));
    this.lastForecastAt = f.at;
    this.lastKind = f.kind;
  }

  private fireTriggers(r: TickReadings, f: Forecast): TriggerHit[] {
    const [prev, cur] = this.recent.slice(-2);
    const hits = cur ? checkTriggers(prev, cur, f, this.triggerState, this.o.triggers) : [];
    for (const h of hits) {
      this.out.append({ type: 'trigger', t: r.t, name: h.name, detail: h.detail });
      this.hooks.onEvent(`trigger ${h.name}: ${h.detail}; capturing heap and goroutine profiles`);
      if (r.memstats)
        this.out.append({ type: 'memstats', t: r.t, reason: h.name, memstats: { ...r.memstats } });
    }
    return hits;
  }

  /** Profiles and a full snapshot: on triggers, at the first tick, then at the cadence. */
  private async captureIfDue(r: TickReadings, hits: readonly TriggerHit[]): Promise<void> {
    const due = r.t - this.lastProfileAt >= this.o.profileEveryMs;
    if (hits.length === 0 && !due) return;
    const reason =
      hits.length > 0 ? hits.map((h) => h.name).join(',') : this.count === 1 ? 'first' : 'cadence';
    this.lastProfileAt = r.t;
    // A full diagnose snapshot goes with every profile, so the report can reconcile that moment.
    const proc = await this.sampler.processInfo();
    this.out.append({
      type: 'snapshot',
      t: r.t,
      reason,
      snapshot: snapshotOf(r, this.o.target, proc),
    });
    const urgent = hits.length > 0;
    await this.takeProfile('heap', reason, urgent);
    if (urgent || this.count === 1) await this.takeProfile('goroutine', reason, urgent);
    // "Growing" means growing now: the recent heap profiles, not warm-up since the start.
    if (this.o.siteGrowth && this.heaps.length >= 2) {
      this.sites = await this.o.siteGrowth(this.heaps).catch(() => this.sites);
    }
  }

  private async takeProfile(
    kind: 'heap' | 'goroutine',
    reason: string,
    fresh: boolean,
  ): Promise<void> {
    const r = await this.sampler.fetchProfile(kind, fresh);
    if (!r.bytes) return this.hooks.onEvent(`profile ${kind} failed: ${r.error}`);
    const t = Date.now();
    const data = Buffer.from(r.bytes).toString('base64');
    this.out.append({ type: 'profile', t, kind, reason, encoding: 'base64', data });
    if (kind !== 'heap') return;
    this.heaps.push({ time: t, bytes: r.bytes });
    if (this.heaps.length > RECENT_HEAPS) this.heaps.shift();
  }

  /** Runs the series rules; a finding is recorded the first time its code and severity appear. */
  private evaluateRules(t: number, f: Forecast): void {
    this.findings = [...runSeriesRules(this.recent, f, this.sites, this.o.rules).findings];
    for (const finding of this.findings) {
      const key = `${finding.code}:${finding.severity}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.out.append({ type: 'finding', t, finding });
    }
  }
}

function forecastRecord(f: Forecast): ForecastRecord {
  return {
    type: 'forecast',
    t: f.at,
    kind: f.kind,
    etaSec: f.etaSec,
    etaLowSec: f.etaLowSec,
    etaHighSec: f.etaHighSec,
    slopeBytesPerSec: f.charged?.slope,
    effectiveLimit: f.limit,
    thrashEtaSec: f.thrashEtaSec,
  };
}

function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((res) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      res();
    }
    stop.addEventListener('abort', done);
  });
}
