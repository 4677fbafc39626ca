/** The series rules, in order, and one call that runs them over a capture's samples. */
import type { Sample } from '../../model/series.js';
import { runRules, type ArgsOf, type Input, type RuleResults } from '../engine.js';
import type { Forecast } from '../forecast.js';
import type { WatchCode } from '../../model/codes/watch.js';
import type { PostMortemArgs } from '../postmortem.js';
import { gcRateRule } from './gc-rate.js';
import { goroutinesRule } from './goroutines.js';
import { growthRule } from './growth.js';
import {
  DEFAULT_SERIES_OPTIONS,
  type SeriesInputs,
  type SeriesRuleOptions,
  type SiteGrowth,
} from './inputs.js';
import { memoryHighRule } from './memory-high.js';
import { topSiteRule } from './top-site.js';

export { DEFAULT_SERIES_OPTIONS, type SeriesRuleOptions, type SiteGrowth } from './inputs.js';

export function seriesRules(o: SeriesRuleOptions = DEFAULT_SERIES_OPTIONS) {
  return [growthRule, memoryHighRule(o), gcRateRule(o), topSiteRule(o), goroutinesRule(o)];
}

export function runSeriesRules(
  samples: readonly Sample[],
  forecast: Forecast,
  sites: readonly SiteGrowth[] | undefined,
  o: SeriesRuleOptions = DEFAULT_SERIES_OPTIONS,
): RuleResults<WatchCode> {
  const some = (field: (s: Sample) => unknown, missing: string): Input<readonly Sample[]> => {
    const picked = samples.filter((s) => field(s) !== undefined);
    return picked.length >= 2 ? { value: picked } : { missing };
  };
  const inputs: { [K in keyof SeriesInputs]: Input<SeriesInputs[K]> } = {
    samples: { value: samples },
    events: some((s) => s.cgroup?.events, 'memory.events not found (cgroup v1?)'),
    gc: some((s) => s.go?.numGC, 'no MemStats (is /debug/vars served?)'),
    goroutines: some((s) => s.go?.goroutines, 'no goroutine count (is /metrics served?)'),
    forecast: { value: forecast },
    sites:
      sites && sites.length > 0 ? { value: sites } : { missing: 'fewer than two heap profiles' },
  };
  return runRules<SeriesInputs, WatchArgs>(seriesRules(o), inputs);
}

/** Each watch code's args: the series rules' and the post-mortem's (the messages table's type). */
export type WatchArgs = ArgsOf<ReturnType<typeof seriesRules>[number]> & PostMortemArgs;
