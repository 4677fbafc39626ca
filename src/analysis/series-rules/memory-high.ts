/**
 * memory.events `high` counts the times the group went over memory.high and was pushed into
 * reclaim (Documentation/admin-guide/cgroup-v2.rst). A fast rise means steady throttling.
 */
import { defineRule, reports } from '../engine.js';
import { lastWindow, type SeriesInputs, type SeriesRuleOptions } from './inputs.js';

export const memoryHighRule = (o: SeriesRuleOptions) =>
  defineRule<SeriesInputs>()({
    reports: { 'memory-high-rising': reports<MemoryHighRisingArgs>('warning') },
    applies: { scope: 'any-process', needs: ['events'] },
    evaluate: ({ events }) => {
      const win = lastWindow(events, o.highWindowMs);
      if (win.length < 2) return undefined;
      const first = win[0].cgroup!.events!.high;
      const last = win[win.length - 1].cgroup!.events!.high;
      const delta = last - first;
      if (delta < o.highRise) return undefined;
      const windowSec = (win[win.length - 1].t - win[0].t) / 1000;
      return {
        code: 'memory-high-rising',
        args: { delta, windowSec },
        evidence: [
          { what: 'memory.events high rise', value: delta, unit: 'count', source: 'memory.events' },
        ],
      };
    },
  });

export type MemoryHighRisingArgs = { readonly delta: number; readonly windowSec: number };
