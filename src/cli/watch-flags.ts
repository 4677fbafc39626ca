/** `watch`'s threshold flags: --rule NAME=VALUE and the trigger flags. */
import { DEFAULT_SERIES_OPTIONS, type SeriesRuleOptions } from '../analysis/series-rules/index.js';
import { DEFAULT_TRIGGERS, type TriggerOptions } from '../analysis/triggers.js';
import { UsageError } from '../model/errors.js';
import { durationFlag } from './flags.js';

export function ruleOptions(pairs: readonly string[]): SeriesRuleOptions {
  const out: Record<string, number> = { ...DEFAULT_SERIES_OPTIONS };
  for (const pair of pairs) {
    const m = /^(\w+)=(\d+(?:\.\d+)?)$/.exec(pair);
    if (!m || !(m[1] in out)) {
      throw new UsageError(
        `--rule wants NAME=NUMBER with NAME one of ${Object.keys(out).join(', ')}; got "${pair}"`,
      );
    }
    out[m[1]] = Number(m[2]);
  }
  return out as unknown as SeriesRuleOptions;
}

export function triggerOptions(values: {
  'trigger-working-set'?: string;
  'trigger-eta'?: string;
  'no-trigger-events'?: boolean;
}): TriggerOptions {
  const share = values['trigger-working-set'];
  if (share !== undefined && !/^\d+(\.\d+)?$/.test(share))
    throw new UsageError(`--trigger-working-set wants a percentage, got "${share}"`);
  return {
    ...DEFAULT_TRIGGERS,
    workingSetShare: share === undefined ? DEFAULT_TRIGGERS.workingSetShare : Number(share) / 100,
    etaSec:
      (durationFlag('trigger-eta', values['trigger-eta']) ?? DEFAULT_TRIGGERS.etaSec * 1000) / 1000,
    eventsJump: !values['no-trigger-events'],
  };
}
