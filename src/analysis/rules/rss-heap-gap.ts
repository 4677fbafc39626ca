/**
 * RSS much larger than the heap in use, with its most likely cause among: heap idle not yet
 * returned to the OS (HeapIdle - HeapReleased; the background scavenger returns it over time),
 * LazyFree (released with MADV_FREE but still resident), goroutine stacks, runtime metadata,
 * and memory outside the Go runtime (cgo, syscall.Mmap, binary text).
 */
import { MiB } from '../../model/units.js';
import { reports } from '../engine.js';
import { bytesEvidence, diagnoseRule, finding } from '../rule-helpers.js';

export const GAP_MIN_BYTES = 32 * MiB;
export const GAP_MIN_SHARE = 0.5;

export const rssHeapGap = diagnoseRule({
  reports: { 'rss-heap-gap': reports<RssHeapGapArgs>('info') },
  applies: { scope: 'go', needs: ['rss', 'goMemory', 'optional'] },
  evaluate({ rss, goMemory, optional }) {
    const v = goMemory.values;
    const gap = rss.bytes - v.HeapInuse;
    if (gap < GAP_MIN_BYTES || gap < rss.bytes * GAP_MIN_SHARE) return undefined;
    const lazyFree = optional.lazyFree?.bytes ?? 0;
    const causes = {
      'idle-not-released': v.HeapIdle - v.HeapReleased,
      lazyfree: lazyFree,
      stacks: v.StackSys,
      'runtime-metadata': v.GCSys + v.MSpanSys + v.MCacheSys + v.OtherSys + v.BuckHashSys,
      'non-go': Math.max(0, rss.bytes - goMemory.mapped - lazyFree),
    };
    const [cause, causeBytes] = Object.entries(causes).reduce((a, b) => (b[1] > a[1] ? b : a));
    return finding(
      'rss-heap-gap',
      {
        rss: rss.bytes,
        heapInuse: v.HeapInuse,
        gapBytes: gap,
        cause,
        causeBytes,
        idleNotReleasedBytes: causes['idle-not-released'],
        lazyFreeBytes: lazyFree,
        stacksBytes: causes.stacks,
        runtimeMetadataBytes: causes['runtime-metadata'],
        nonGoBytes: causes['non-go'],
        lazyFreeMeasured: optional.lazyFree !== undefined,
      },
      [
        bytesEvidence('process RSS', rss.bytes, rss.source),
        bytesEvidence('heap in use', v.HeapInuse, goMemory.sourceOf('HeapInuse')),
        bytesEvidence(
          'heap idle not yet released',
          causes['idle-not-released'],
          `${goMemory.sourceOf('HeapIdle')} - ${goMemory.sourceOf('HeapReleased')}`,
        ),
        optional.lazyFree
          ? bytesEvidence('LazyFree', lazyFree, optional.lazyFree.source)
          : undefined,
        bytesEvidence('stacks', v.StackSys, goMemory.sourceOf('StackSys')),
      ],
    );
  },
});

export type RssHeapGapArgs = {
  readonly rss: number;
  readonly heapInuse: number;
  readonly gapBytes: number;
  /** The largest of the causes below: idle-not-released, lazyfree, stacks, runtime-metadata, non-go. */
  readonly cause: string;
  readonly causeBytes: number;
  readonly idleNotReleasedBytes: number;
  readonly lazyFreeBytes: number;
  readonly stacksBytes: number;
  readonly runtimeMetadataBytes: number;
  readonly nonGoBytes: number;
  readonly lazyFreeMeasured: boolean;
};
