/** A goroutine count that keeps growing is a goroutine leak (each holds at least a 2 KiB+ stack). */
import { defineRule } from '../engine.js';
import { theilSen } from '../trend.js';
import type { SeriesInputs, SeriesRuleOptions } from './inputs.js';

export const goroutinesRule = (o: SeriesRuleOptions) =>
  defineRule<SeriesInputs>()({
    code: 'goroutines-growing',
    needs: ['goroutines'],
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
        severity: 'warning',
        args: { first, last, perMin: f.slope * 60 },
        evidence: [
          { what: 'goroutines', value: last, unit: 'count', source: 'go_goroutines (/metrics)' },
        ],
      };
    },
  });
