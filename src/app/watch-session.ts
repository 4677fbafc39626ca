/**
 * The watch loop: tick -> capture -> forecast -> triggers -> profiles -> findings, until the
 * target exits or the duration ends. Output goes through `onTick`/`onEvent` so the command
 * decides between a live view and one line per tick.
 */
import { forecast, type Forecast } from '../analysis/forecast.js';
import { memstatsOf, sampleOf } from '../analysis/sample-of.js';
import { runSeriesRules, type SeriesRuleOptions } from '../analysis/series-rules/index.js';
import {
  checkTriggers,
  type TriggerHit,
  type TriggerOptions,
  type TriggerState,
} from '../analysis/triggers.js';
import type { ForecastRecord } from '../formats/capture.js';
import type { Finding } from '../model/finding.js';
import type { Sample } from '../model/series.js';
import type { CaptureWriter } from '../sources/capture-writer.js';
import type { GcTraceFile } from '../sources/gctrace-file.js';
import type { TargetReader, TickRead } from '../sources/target.js';
import { ProfileJobs } from './watch-profiles.js';
import { lateTolerance, sleep, tickTimeoutMs } from './watch-schedule.js';

export interface SessionOptions {
  readonly intervalMs: number;
  readonly profileEveryMs: number;
  /** A hard deadline, counted from `startedAt`. */
  readonly durationMs?: number;
  /** When the command started (default: now): --duration counts from there. */
  readonly startedAt?: number;
  readonly triggers: TriggerOptions;
  readonly rules?: SeriesRuleOptions;
  /** The target's stderr with GODEBUG=gctrace=1 lines (`--gctrace FILE`), read every tick. */
  readonly gctrace?: GcTraceFile;
  /** Seconds of execution trace (/debug/pprof/trace) taken on each trigger; 0 or none: off. */
  readonly traceSeconds?: number;
}

export interface SessionHooks {
  onTick(sample: Sample, f: Forecast, findings: readonly Finding[]): void;
  onEvent(line: string): void;
  /** Called once the session runs, with what a caller may ask of it (`serve`'s profile button). */
  onStart?(control: SessionControl): void;
}

export interface SessionControl {
  /** Takes a full snapshot and a heap profile now (after the one in flight), for `reason`. */
  captureNow(reason: string): void;
}

export interface SessionResult {
  readonly why: 'target-exited' | 'duration' | 'signal';
  readonly samples: number;
  /** Ticks that started late (after their slot), recorded with `late`. */
  readonly late: number;
  /** What was still being fetched when watching stopped. */
  readonly inFlight: readonly string[];
}

/** Samples kept in memory: enough for the 10-minute forecast window at 1 s. */
const KEEP = 900;
/** The series rules run every this many ticks (and on every trigger). */
const RULES_EVERY = 5;
/** A forecast record is written when the kind changes, or at least this often. */
const FORECAST_EVERY_MS = 5000;

/**
 * Ticks on a fixed schedule (slot k at start + k x interval) until the target exits, the
 * deadline passes or `stop` fires. A tick that starts after its slot (the previous one ran
 * over, or the event loop was held) runs at once and is recorded with `late`; the schedule
 * then counts on from it. Profiles run off the tick (watch-profiles.ts).
 */
export async function runSession(
  reader: TargetReader,
  out: CaptureWriter,
  o: SessionOptions,
  hooks: SessionHooks,
  stop: AbortSignal,
): Promise<SessionResult> {
  const session = new WatchSession(reader, out, o, hooks);
  hooks.onStart?.({
    captureNow: (reason) =>
      session.jobs.request({ t: Date.now(), reason, urgent: false, goroutines: false }),
  });
  const deadline =
    o.durationMs === undefined ? Infinity : (o.startedAt ?? Date.now()) + o.durationMs;
  let slot = Date.now();
  let why: SessionResult['why'];
  for (;;) {
    const now = Date.now();
    const late = now - slot > lateTolerance(o.intervalMs) ? now - slot : undefined;
    if (!(await session.step(now, late, stop))) {
      why = 'target-exited';
      break;
    }
    slot = (late === undefined ? slot : now) + o.intervalMs;
    if (!stop.aborted) await sleep(Math.min(slot, deadline) - Date.now(), stop);
    if (stop.aborted) why = 'signal';
    else if (Date.now() >= deadline) why = 'duration';
    else continue;
    break;
  }
  const inFlight = await session.jobs.stop();
  return { why, samples: session.count, late: session.late, inFlight };
}

class WatchSession {
  count = 0;
  late = 0;
  readonly jobs: ProfileJobs;
  private readonly recent: Sample[] = [];
  private readonly triggerState: TriggerState = {};
  private readonly seen = new Set<string>();
  private findings: Finding[] = [];
  private prevNumGC: number | undefined;
  private lastProfileAt = -Infinity;
  private lastForecastAt = -Infinity;
  private lastKind = '';

  constructor(
    private readonly reader: TargetReader,
    private readonly out: CaptureWriter,
    private readonly o: SessionOptions,
    private readonly hooks: SessionHooks,
  ) {
    this.jobs = new ProfileJobs(reader, out, {
      onEvent: (line) => hooks.onEvent(line),
      traceSeconds: o.traceSeconds,
    });
  }

  /** One tick; false once the target is gone (its last cgroup read is still recorded). */
  async step(now: number, late: number | undefined, signal: AbortSignal): Promise<boolean> {
    const timeoutMs = tickTimeoutMs(this.o.intervalMs);
    const read = await this.reader.tick(now, { timeoutMs, signal });
    const sample = sampleOf(read.snapshot, this.prevNumGC);
    this.prevNumGC = memstatsOf(read.snapshot)?.NumGC ?? this.prevNumGC;
    if (late !== undefined) this.late++;
    this.out.append({ type: 'sample', ...sample, ...(late === undefined ? {} : { late }) });
    const lines = this.o.gctrace?.read();
    if (lines?.length) this.out.append({ type: 'gctrace', t: read.t, lines });
    if (!read.alive) return false;
    this.count++;
    this.recent.push(sample);
    if (this.recent.length > KEEP) this.recent.shift();
    const f = forecast(this.recent);
    this.recordForecast(f);
    const hits = this.fireTriggers(read, f);
    this.captureIfDue(read, hits);
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

  private fireTriggers(r: TickRead, f: Forecast): TriggerHit[] {
    const [prev, cur] = this.recent.slice(-2);
    const hits = cur ? checkTriggers(prev, cur, f, this.triggerState, this.o.triggers) : [];
    for (const h of hits) {
      this.out.append({ type: 'trigger', t: r.t, name: h.name, detail: h.detail });
      const trace = this.o.traceSeconds ? ` and a ${this.o.traceSeconds} s execution trace` : '';
      this.hooks.onEvent(
        `trigger ${h.name}: ${h.detail}; capturing heap and goroutine profiles${trace}`,
      );
      const memstats = memstatsOf(r.snapshot);
      if (memstats)
        this.out.append({ type: 'memstats', t: r.t, reason: h.name, memstats: { ...memstats } });
    }
    return hits;
  }

  /** Profiles and a full snapshot: on triggers, at the first tick, then at the cadence. */
  private captureIfDue(r: TickRead, hits: readonly TriggerHit[]): void {
    const due = r.t - this.lastProfileAt >= this.o.profileEveryMs;
    if (hits.length === 0 && !due) return;
    const reason =
      hits.length > 0 ? hits.map((h) => h.name).join(',') : this.count === 1 ? 'first' : 'cadence';
    this.lastProfileAt = r.t;
    const urgent = hits.length > 0;
    this.jobs.request({ t: r.t, reason, urgent, goroutines: urgent || this.count === 1 });
  }

  /** Runs the series rules; a finding is recorded the first time its code and severity appear. */
  private evaluateRules(t: number, f: Forecast): void {
    const sites = this.jobs.sites;
    this.findings = [...runSeriesRules(this.recent, f, sites, this.o.rules).findings];
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
