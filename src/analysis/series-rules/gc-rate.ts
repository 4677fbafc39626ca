/**
 * GC rate and pause length from MemStats. NumGC differences count cycles; the pauses come from
 * the PauseNs/PauseEnd ring, extracted by the sampler for GCs (prev NumGC, NumGC] only, so a
 * GC seen by two samples is counted once (model/series.ts newPauses).
 */
import { defineRule, reports, type Draft } from '../engine.js';
import { lastWindow, type SeriesInputs, type SeriesRuleOptions } from './inputs.js';

export const gcRateRule = (o: SeriesRuleOptions) =>
  defineRule<SeriesInputs>()({
    reports: {
      'gc-rate-high': reports<GcRateArgs['gc-rate-high']>('warning'),
      'gc-pause-long': reports<GcRateArgs['gc-pause-long']>('warning'),
    },
    applies: { scope: 'go', needs: ['gc'] },
    evaluate: ({ gc }) => {
      const out: Draft<GcRateArgs>[] = [];
      const win = lastWindow(gc, o.gcWindowMs);
      const first = win[0];
      const last = win[win.length - 1];
      const windowSec = last && first ? (last.t - first.t) / 1000 : 0;
      if (windowSec >= 1) {
        const gcs = last.go!.numGC! - first.go!.numGC!;
        const perSec = gcs / windowSec;
        if (perSec >= o.gcRatePerSec) {
          out.push({
            code: 'gc-rate-high',
            args: { gcs, windowSec, perSec },
            evidence: [
              {
                what: 'GC cycles',
                value: gcs,
                unit: 'count',
                source: '/debug/vars memstats.NumGC',
              },
            ],
          });
        }
      }
      const longest = longestPause(win.slice(1));
      if (longest && longest.ns / 1e6 > o.pauseMs) {
        out.push({
          code: 'gc-pause-long',
          args: { pauseMs: longest.ns / 1e6, gc: longest.gc },
          evidence: [
            {
              what: 'GC pause',
              value: longest.ns,
              unit: 'ns',
              source: '/debug/vars memstats.PauseNs',
            },
          ],
        });
      }
      return out;
    },
  });

function longestPause(samples: readonly import('../../model/series.js').Sample[]) {
  let best: { ns: number; gc: number } | undefined;
  for (const s of samples) {
    const pauses = s.go?.pauses ?? [];
    pauses.forEach(([, ns], i) => {
      if (!best || ns > best.ns) best = { ns, gc: (s.go!.numGC ?? 0) - pauses.length + 1 + i };
    });
  }
  return best;
}

export type GcRateArgs = {
  'gc-rate-high': { readonly gcs: number; readonly windowSec: number; readonly perSec: number };
  /** The longest pause in the window, and the number of its GC cycle. */
  'gc-pause-long': { readonly pauseMs: number; readonly gc: number };
};
