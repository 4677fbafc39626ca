/**
 * The Go heap is at GOMEMLIMIT and the GC is using a lot of CPU. Near the limit the GC runs
 * more and more often; when the live heap itself approaches the limit it would run almost
 * continuously. The GC CPU limiter (Go >= 1.19, runtime/mgclimit.go) caps GC at about 50% of
 * CPU over a 2*GOMAXPROCS CPU-second window, after which memory grows past GOMEMLIMIT and the
 * cgroup OOM-kills the process: the "death spiral". GCCPUFraction is an average since start.
 */
import { bytesEvidence, diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const NEAR_LIMIT_SHARE = 0.9;
export const HIGH_GC_CPU = 0.1;

export const gcThrashing = diagnoseRule({
  code: 'gc-thrashing',
  needs: ['settings', 'goMemory', 'memstats'],
  evaluate({ settings, goMemory, memstats }) {
    const limit = settings.gomemlimit.bytes;
    const cpu = memstats.value.GCCPUFraction;
    if (limit === null || goMemory.mapped < limit * NEAR_LIMIT_SHARE || cpu < HIGH_GC_CPU)
      return undefined;
    const live = goMemory.liveHeap;
    const spiral = live.bytes >= limit * NEAR_LIMIT_SHARE;
    return finding(
      'gc-thrashing',
      spiral ? 'error' : 'warning',
      {
        gomemlimit: limit,
        goMapped: goMemory.mapped,
        liveHeap: live.bytes,
        gcCpuFraction: cpu,
        liveHeapNearLimit: spiral,
      },
      [
        bytesEvidence('GOMEMLIMIT in force', limit, settings.gomemlimit.source),
        bytesEvidence(
          'Go memory counted by the limit (Sys - HeapReleased)',
          goMemory.mapped,
          `${goMemory.sourceOf('Sys')} - ${goMemory.sourceOf('HeapReleased')}`,
        ),
        bytesEvidence('live heap', live.bytes, live.source),
        evidence(
          'GC CPU fraction since start',
          cpu,
          `${memstats.source} memstats.GCCPUFraction`,
          'ratio',
        ),
      ],
    );
  },
});
