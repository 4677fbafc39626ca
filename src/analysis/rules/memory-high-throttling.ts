/**
 * cgroup v2 memory.high: above it the kernel throttles the group's allocations and forces
 * reclaim (Documentation/admin-guide/cgroup-v2.rst, memory.high); memory.events "high" counts
 * those events. We flag it when throttling happened and usage is within 10% of memory.high now.
 */
import { reports } from '../engine.js';
import { bytesEvidence, diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const NEAR_HIGH_SHARE = 0.9;

export const memoryHighThrottling = diagnoseRule({
  reports: { 'memory-high-throttling': reports<MemoryHighThrottlingArgs>('warning') },
  applies: { scope: 'any-process', needs: ['high'] },
  evaluate({ high }) {
    if (high.events === 0 || high.usage.bytes < high.high * NEAR_HIGH_SHARE) return undefined;
    return finding(
      'memory-high-throttling',
      {
        highEvents: high.events,
        high: high.high,
        usage: high.usage.bytes,
        usagePercentOfHigh:
          high.high > 0 ? Math.round((1000 * high.usage.bytes) / high.high) / 10 : undefined,
      },
      [
        bytesEvidence('memory.high', high.high, high.highSource),
        bytesEvidence('usage', high.usage.bytes, high.usage.source),
        evidence('high events', high.events, high.eventsSource, 'count'),
      ],
    );
  },
});

export type MemoryHighThrottlingArgs = {
  readonly highEvents: number;
  readonly high: number;
  readonly usage: number;
  readonly usagePercentOfHigh?: number;
};
