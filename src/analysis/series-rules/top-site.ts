/** The top inuse_space site holds more than a set share of the heap and grew between profiles. */
import { defineRule, reports } from '../engine.js';
import type { SeriesInputs, SeriesRuleOptions } from './inputs.js';

export const topSiteRule = (o: SeriesRuleOptions) =>
  defineRule<SeriesInputs>()({
    reports: { 'top-site-growing': reports<TopSiteGrowingArgs>('warning') },
    applies: { scope: 'go', needs: ['sites'] },
    evaluate: ({ sites }) => {
      const top = sites[0];
      // Growth under 5% of the site's size is sampling noise (heap profiles sample every 512 KiB).
      if (!top || top.share <= o.topSiteShare || top.growthBytes <= 0.05 * top.inuseBytes)
        return undefined;
      return {
        code: 'top-site-growing',
        args: {
          func: top.func,
          sharePercent: top.share * 100,
          inuseBytes: top.inuseBytes,
          growthBytes: top.growthBytes,
        },
        evidence: [
          {
            what: `inuse_space of ${top.func}`,
            value: top.inuseBytes,
            unit: 'bytes',
            source: '/debug/pprof/heap',
          },
          {
            what: 'growth between the last two heap profiles',
            value: top.growthBytes,
            unit: 'bytes',
            source: '/debug/pprof/heap',
          },
        ],
      };
    },
  });

export type TopSiteGrowingArgs = {
  readonly func: string;
  readonly sharePercent: number;
  readonly inuseBytes: number;
  readonly growthBytes: number;
};
