/**
 * MADV_FREE in effect and LazyFree pages inflating RSS. Go 1.12-1.15 returned memory with
 * MADV_FREE by default; Go >= 1.16 uses MADV_DONTNEED again (golang/go#42330), so only
 * GODEBUG=madvdontneed=0 opts back in (madvdontneed=1 changes nothing there). MADV_FREE'd pages
 * stay in RSS and cgroup usage until memory pressure; since Linux 4.12 they show as LazyFree in
 * smaps_rollup and sit on the inactive file LRU, so the working set leaves them out.
 */
import { MiB } from '../../model/units.js';
import type { GoSettings } from '../settings.js';
import { atLeast, hasFeature, type GoVersion } from '../go-versions.js';
import { reports } from '../engine.js';
import { bytesEvidence, diagnoseRule, evidence, finding } from '../rule-helpers.js';

/** LazyFree below this is noise (a few pages from a C library). */
export const LAZYFREE_THRESHOLD = MiB;

type Why = 'godebug-madvdontneed-0' | 'go-version-default';

/** Whether the Go runtime frees with MADV_FREE, and why; undefined when it does not. */
export function madvFreeInEffect(
  settings: Pick<GoSettings, 'godebug'>,
  v: GoVersion | undefined,
): Why | undefined {
  const flag = settings.godebug.madvdontneed?.value;
  if (v && !atLeast(v, 1, 12)) return undefined; // Go <= 1.11 only knew MADV_DONTNEED
  if (flag === '0') return 'godebug-madvdontneed-0';
  if (v && hasFeature(v, 'madvFreeDefault') && flag !== '1') return 'go-version-default';
  return undefined;
}

export const madvFreeRss = diagnoseRule({
  reports: { 'madv-free-rss': reports<MadvFreeRssArgs>('warning') },
  applies: { scope: 'go', needs: ['settings', 'lazyFree', 'optional'] },
  evaluate({ settings, lazyFree, optional }) {
    const v = optional.goVersion;
    const why = madvFreeInEffect(settings, v);
    if (!why || lazyFree.bytes < LAZYFREE_THRESHOLD) return undefined;
    const flag = settings.godebug.madvdontneed;
    return finding(
      'madv-free-rss',
      {
        lazyFree: lazyFree.bytes,
        rss: optional.rss?.bytes,
        cause: why,
        goVersion: v?.text,
        madvdontneed: flag?.value,
      },
      [
        bytesEvidence("LazyFree (MADV_FREE'd, still resident)", lazyFree.bytes, lazyFree.source),
        optional.rss
          ? bytesEvidence('process RSS', optional.rss.bytes, optional.rss.source)
          : undefined,
        flag ? evidence('GODEBUG madvdontneed', flag.value, flag.source) : undefined,
        v ? evidence('Go version', v.text, v.source) : undefined,
      ],
    );
  },
});

export type MadvFreeRssArgs = {
  readonly lazyFree: number;
  readonly rss?: number;
  readonly cause: Why;
  readonly goVersion?: string;
  readonly madvdontneed?: string;
};
