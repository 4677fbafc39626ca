/** The top inuse_space site holds more than a set share of the heap and grew between profiles. */
import { defineRule } from '../engine.js';
import type { SeriesInputs, SeriesRuleOptions } from './inputs.js';

export const topSiteRule = (o: SeriesRuleOptions) =>
  defineRule<SeriesInputs>()({
    code: 'top-site-growing',
    needs: ['sites'],
    evaluate: ({ sites }) => {
      const top = sites[0];
      // Growth under 5% of the site's size is sampling noise (heap profiles sample every 512 KiB).
      if (!top || top.share <= o.topSiteShare || top.growthBytes <= 0.05 * top.inuseBytes)
        return undefined;
      return {
        code: 'top-site-growing',
        severity: 'warning',
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
