/** Every diagnose rule, in the order they run. One rule per file. */
import type { ArgsOf } from '../engine.js';
import { gcPauseOutlier } from './gc-pause-outlier.js';
import { gcStopTheWorld } from './gcstoptheworld.js';
import { gcThrashing } from './gc-thrashing.js';
import { gogcOffWithoutLimit } from './gogc-off-without-limit.js';
import { gomemlimitAboveLimit } from './gomemlimit-above-limit.js';
import { gomemlimitMalformed } from './gomemlimit-malformed.js';
import { gomemlimitTiny } from './gomemlimit-tiny.js';
import { gomemlimitTooClose } from './gomemlimit-too-close.js';
import { gomemlimitUnset } from './gomemlimit-unset.js';
import { gotracebackOom } from './gotraceback-oom.js';
import { madvFreeRss } from './madv-free-rss.js';
import { memoryHighThrottling } from './memory-high-throttling.js';
import { noMemoryLimit } from './no-memory-limit.js';
import { notAGoBinary } from './not-a-go-binary.js';
import { oomKilled } from './oom-killed.js';
import { rssHeapGap } from './rss-heap-gap.js';

export const DIAGNOSE_RULES = [
  oomKilled,
  gomemlimitMalformed,
  gomemlimitTiny,
  gomemlimitAboveLimit,
  gomemlimitTooClose,
  gomemlimitUnset,
  gogcOffWithoutLimit,
  gcThrashing,
  memoryHighThrottling,
  gcStopTheWorld,
  madvFreeRss,
  gcPauseOutlier,
  rssHeapGap,
  gotracebackOom,
  noMemoryLimit,
  notAGoBinary,
] as const;

/** Each diagnose code's args, as its rule declares them (the messages table is typed by it). */
export type RuntimeArgs = ArgsOf<(typeof DIAGNOSE_RULES)[number]>;
