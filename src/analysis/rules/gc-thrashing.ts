/**
 * The Go heap is at GOMEMLIMIT and the GC runs hard: a GC CPU fraction of 10% or more since
 * start (MemStats.GCCPUFraction), or 10 or more GC cycles per second over the PauseEnd ring.
 * Near the limit the GC runs more and more often; when the live heap itself approaches the
 * limit it would run almost continuously. The GC CPU limiter (Go >= 1.19, runtime/mgclimit.go)
 * caps GC at about 50% of CPU over a 2*GOMAXPROCS CPU-second window, after which memory grows
 * past GOMEMLIMIT and the cgroup OOM-kills the process: the "death spiral". A heap of pointer-
 * free data is cheap to mark, so its GC may cycle hundreds of times a second at a low CPU
 * fraction: hence the rate.
 */
import type { MemStats } from '../../model/snapshot.js';
import { gcRate } from '../gc-pauses.js';
import type { GoMemory } from '../go-memory.js';
import { reports } from '../engine.js';
import { bytesEvidence, diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const NEAR_LIMIT_SHARE = 0.9;
export const HIGH_GC_CPU = 0.1;
/** GC cycles per second that count as running almost constantly. */
export const HIGH_GC_RATE = 10;

const round1 = (x: number) => Math.round(x * 10) / 10;

export const gcThrashing = diagnoseRule({
  // An error when the live heap itself is near the limit (a death spiral).
  reports: { 'gc-thrashing': reports<GcThrashingArgs>('warning') },
  applies: { scope: 'go', needs: ['settings', 'goMemory', 'memstats'] },
  evaluate({ settings, goMemory, memstats }) {
    const limit = settings.gomemlimit.bytes;
    const ms = memstats.value;
    const rate = gcRate(ms.PauseEnd, ms.NumGC);
    const busy =
      ms.GCCPUFraction >= HIGH_GC_CPU || (rate !== undefined && rate.perSecond >= HIGH_GC_RATE);
    if (limit === null || goMemory.mapped < limit * NEAR_LIMIT_SHARE || !busy) return undefined;
    const live = goMemory.liveHeap;
    const spiral = live.bytes >= limit * NEAR_LIMIT_SHARE;
    return finding(
      'gc-thrashing',
      {
        gomemlimit: limit,
        goMapped: goMemory.mapped,
        liveHeap: live.bytes,
        gcCpuFraction: ms.GCCPUFraction,
        gcPerSecond: rate ? round1(rate.perSecond) : undefined,
        gcRateCycles: rate?.cycles,
        liveHeapNearLimit: spiral,
      },
      evidenceOf(limit, settings.gomemlimit.source, goMemory, ms, memstats.source, rate),
      spiral ? 'error' : undefined,
    );
  },
});

function evidenceOf(
  limit: number,
  limitSource: string,
  go: GoMemory,
  ms: MemStats,
  msSource: string,
  rate: ReturnType<typeof gcRate>,
) {
  return [
    bytesEvidence('GOMEMLIMIT in force', limit, limitSource),
    bytesEvidence(
      'Go memory counted by the limit (Sys - HeapReleased)',
      go.mapped,
      `${go.sourceOf('Sys')} - ${go.sourceOf('HeapReleased')}`,
    ),
    bytesEvidence('live heap', go.liveHeap.bytes, go.liveHeap.source),
    evidence(
      'GC CPU fraction since start',
      ms.GCCPUFraction,
      `${msSource} memstats.GCCPUFraction`,
      'ratio',
    ),
    rate
      ? evidence(
          `GC cycles per second over the last ${rate.cycles}`,
          round1(rate.perSecond),
          `${msSource} memstats.PauseEnd`,
        )
      : undefined,
  ];
}

export type GcThrashingArgs = {
  readonly gomemlimit: number;
  readonly goMapped: number;
  readonly liveHeap: number;
  readonly gcCpuFraction: number;
  readonly gcPerSecond?: number;
  readonly gcRateCycles?: number;
  readonly liveHeapNearLimit: boolean;
};
