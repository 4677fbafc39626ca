/**
 * The watch loop: tick -> capture -> forecast -> triggers -> profiles -> findings, until the
 * target exits or the duration ends. Output goes through `onTick`/`onEvent` so the command
 * decides between a live view and one line per tick.
 */
import { forecast, type Forecast } from '../analysis/forecast.js';
import { sampleOf } from '../analysis/sample-of.js';
import { snapshotOf } from '../analysis/snapshot-of.js';
import type { TickReadings } from '../model/series.js';
import type { Target } from '../model/snapshot.js';
import { runSeriesRules, type SiteGrowth } from '../analysis/series-rules/index.js';
import { checkTriggers, type TriggerOptions, type TriggerState } from '../analysis/triggers.js';
import type { ForecastRecord } from '../formats/capture.js';
import type { Finding } from '../model/finding.js';
import type { Sample } from '../model/series.js';
import type { CaptureWriter } from '../sources/capture-writer.js';
import type { Sampler } from '../sources/sampler.js';

export interface SessionOptions {
  readonly target: Target;
  readonly intervalMs: number;
  readonly profileEveryMs: number;
  readonly durationMs?: number;
  readonly triggers: TriggerOptions;
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
const RULES_EVERY = 5;
/** Heap profiles kept for the "growing" test of the top site. */
const RECENT_HEAPS = 4;

export async function runSession(
  sampler: Sampler,
  out: CaptureWriter,
  o: SessionOptions,
  hooks: SessionHooks,
  stop: AbortSignal,
): Promise<SessionResult> {
  const recent: Sample[] = [];
  const state: TriggerState = {};
  const seen = new Set<string>();
  let findings: Finding[] = [];
  const heaps: { time: number; bytes: Uint8Array }[] = [];
  let lastProfileAt = -Infinity;
  let lastForecastAt = -Infinity;
  let lastKind = '';
  let sites: readonly SiteGrowth[] | undefined;
  const started = Date.now();
  let count = 0;
  let prevNumGC: number | undefined;

  // A full diagnose snapshot goes with every profile, so the report can reconcile that moment.
  const takeSnapshot = async (r: TickReadings, reason: string) => {
    const proc = await sampler.processInfo();
    out.append({ type: 'snapshot', t: r.t, reason, snapshot: snapshotOf(r, o.target, proc) });
  };

  const takeProfiles = async (t: number, reason: string, withGoroutines: boolean) => {
    lastProfileAt = t;
    const kinds = withGoroutines ? (['heap', 'goroutine'] as const) : (['heap'] as const);
    for (const kind of kinds) {
      const r = await sampler.fetchProfile(kind, withGoroutines && count > 1);
      if (!r.bytes) {
        hooks.onEvent(`profile ${kind} failed: ${r.error}`);
        continue;
      }
      out.append({
        type: 'profile',
        t: Date.now(),
        kind,
        reason,
        encoding: 'base64',
        data: Buffer.from(r.bytes).toString('base64'),
      });
      if (kind === 'heap') {
        heaps.push({ time: Date.now(), bytes: r.bytes });
        if (heaps.length > RECENT_HEAPS) heaps.shift();
      }
    }
    // "Growing" means growing now: the recent heap profiles, not warm-up since the start.
    if (o.siteGrowth && heaps.length >= 2) {
      sites = await o.siteGrowth(heaps).catch(() => sites);
    }
  };

  for (;;) {
    const tickStart = Date.now();
    const readings = await sampler.tick(tickStart);
    const sample = sampleOf(readings, prevNumGC);
    const { alive, memstats } = readings;
    if (memstats) prevNumGC = memstats.NumGC;
    if (!alive) {
      out.append({ type: 'sample', ...sample });
      return { why: 'target-exited', samples: count };
    }
    count++;
    out.append({ type: 'sample', ...sample });
    recent.push(sample);
    if (recent.length > KEEP) recent.shift();
    const f = forecast(recent);
    if (f.kind !== lastKind || sample.t - lastForecastAt >= 5000) {
      out.append(forecastRecord(f));
      lastForecastAt = sample.t;
      lastKind = f.kind;
    }
    const hits = checkTriggers(recent[recent.length - 2], sample, f, state, o.triggers);
    for (const h of hits) {
      out.append({ type: 'trigger', t: sample.t, name: h.name, detail: h.detail });
      hooks.onEvent(`trigger ${h.name}: ${h.detail}; capturing heap and goroutine profiles`);
      if (memstats)
        out.append({ type: 'memstats', t: sample.t, reason: h.name, memstats: { ...memstats } });
    }
    const reason =
      hits.length > 0
        ? hits.map((h) => h.name).join(',')
        : sample.t - lastProfileAt >= o.profileEveryMs
          ? count === 1
            ? 'first'
            : 'cadence'
          : undefined;
    if (reason) {
      await takeSnapshot(readings, reason);
      await takeProfiles(sample.t, reason, hits.length > 0 || count === 1);
    }
    if (count % RULES_EVERY === 1 || hits.length > 0) {
      findings = [...runSeriesRules(recent, f, sites).findings];
      for (const fd of findings) {
        const key = `${fd.code}:${fd.severity}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.append({ type: 'finding', t: sample.t, finding: fd });
        }
      }
    }
    hooks.onTick(sample, f, findings);
    if (o.durationMs !== undefined && Date.now() - started >= o.durationMs)
      return { why: 'duration', samples: count };
    if (stop.aborted) return { why: 'signal', samples: count };
    await sleep(Math.max(0, o.intervalMs - (Date.now() - tickStart)), stop);
    if (stop.aborted) return { why: 'signal', samples: count };
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
    slopeBytesPerSec: f.heap?.slope,
    effectiveLimit: f.effectiveLimit,
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
