/**
 * Stop-the-world GC pauses far above the usual: more than 10x the median of the valid entries
 * of the PauseNs ring, and at least 1 ms. Go's pauses are normally well under a millisecond;
 * long ones point at GODEBUG=gcstoptheworld, huge numbers of goroutines, or CPU starvation
 * (CPU throttling by the cgroup delays the pause's end).
 */
import { SEVERE_PAUSE_NS, summarizePauses } from '../gc-pauses.js';
import { reports } from '../engine.js';
import { diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const gcPauseOutlier = diagnoseRule({
  // A warning when the worst pause is severe (SEVERE_PAUSE_NS).
  reports: { 'gc-pause-outlier': reports<GcPauseOutlierArgs>('info') },
  applies: { scope: 'go', needs: ['pauses'] },
  evaluate({ pauses }) {
    const s = summarizePauses(pauses.pauseNs, pauses.numGC);
    if (s.outliers.length === 0) return undefined;
    const worst = s.outliers.reduce((a, b) => (b.ns > a.ns ? b : a));
    return finding(
      'gc-pause-outlier',
      {
        pausesConsidered: s.count,
        outliers: s.outliers.length,
        medianNs: s.medianNs,
        maxNs: s.maxNs,
        thresholdNs: s.thresholdNs,
        worstCyclesAgo: worst.cyclesAgo,
        numGC: pauses.numGC,
      },
      [
        evidence('longest pause', worst.ns, pauses.source, 'ns'),
        evidence('median pause', s.medianNs, pauses.source, 'ns'),
        evidence(
          'valid ring entries: min(NumGC, 256)',
          s.count,
          pauses.source.replace(/PauseNs$/, 'NumGC'),
          'count',
        ),
      ],
      worst.ns >= SEVERE_PAUSE_NS ? 'warning' : undefined,
    );
  },
});

export type GcPauseOutlierArgs = {
  readonly pausesConsidered: number;
  readonly outliers: number;
  readonly medianNs: number;
  readonly maxNs: number;
  readonly thresholdNs: number;
  readonly worstCyclesAgo: number;
  readonly numGC: number;
};
