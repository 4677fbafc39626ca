/** A goroutine count that keeps growing is a goroutine leak (each holds at least a 2 KiB+ stack). */
import { defineRule, reports } from '../engine.js';
import { theilSen } from '../trend.js';
import type { SeriesInputs, SeriesRuleOptions } from './inputs.js';

export const goroutinesRule = (o: SeriesRuleOptions) =>
  defineRule<SeriesInputs>()({
    reports: { 'goroutines-growing': reports<GoroutinesGrowingArgs>('warning') },
    applies: { scope: 'go', needs: ['goroutines'] },
    evaluate: ({ goroutines }) => {
      const xs = goroutines.map((s) => s.t);
      const ys = goroutines.map((s) => s.go!.goroutines!);
      const f = theilSen(xs, ys);
      if (!f || f.slopeLow <= 0) return undefined;
      const first = ys[0];
      const last = ys[ys.length - 1];
      if (last - first < o.goroutineMinGrowth || last < first * 1.2) return undefined;
      return {
        code: 'goroutines-growing',
        args: { first, last, perMin: f.slope * 60 },
        evidence: [
          { what: 'goroutines', value: last, unit: 'count', source: 'go_goroutines (/metrics)' },
        ],
      };
    },
  });

/** Goroutines at the first and last sample, and the trend per minute. */
export type GoroutinesGrowingArgs = {
  readonly first: number;
  readonly last: number;
  readonly perMin: number;
};
