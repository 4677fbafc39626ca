/**
 * What the madvise calls mean for RSS, tied to the binary's Go version and GODEBUG:
 * - MADV_DONTNEED on private anonymous memory drops RSS and the cgroup's usage at once;
 * - MADV_FREE (Linux 4.5) leaves the pages resident, counted as LazyFree in
 *   /proc/PID/smaps_rollup (Linux 4.12), until memory pressure reclaims them (madvise(2)).
 * Go >= 1.16 returns memory with MADV_DONTNEED on Linux (golang/go#42330), GODEBUG
 * madvdontneed=0 opts into MADV_FREE; Go 1.12-1.15 used MADV_FREE by default; Go <= 1.11 only
 * MADV_DONTNEED. runtime/mem_linux.go sysUnusedOS falls back to MADV_DONTNEED when the kernel
 * refuses MADV_FREE. Go 1.21.4+ no longer marks the heap MADV_HUGEPAGE / MADV_COLLAPSE
 * (runtime/mgcscavenge.go scavengeIndex.alloc: collapsing "caused performance issues in
 * production"); GODEBUG disablethp=1 marks new heap memory MADV_NOHUGEPAGE (mem_linux.go
 * sysMapOS).
 */
import { MADV_DONTNEED, MADV_FREE } from '../model/madvise.js';
import type { SmapsRollup } from '../model/snapshot.js';
import { atLeast, parseGoVersion, type GoVersion } from './go-versions.js';
import type { MadviseTotals } from './madvise-tally.js';
import { madvFreeInEffect } from './rules/madv-free-rss.js';
import type { Sourced } from './settings.js';

export interface MadviseContext {
  readonly goVersion?: Sourced<string>;
  readonly godebug: Readonly<Record<string, Sourced<string>>>;
  /** /proc/PID/smaps_rollup when the trace started and when it ended. */
  readonly before?: SmapsRollup;
  readonly after?: SmapsRollup;
  readonly smapsSource: string;
}

export type ExpectedCause =
  'go-1.16-default' | 'madvdontneed-0' | 'go-1.12-default' | 'madvdontneed-1' | 'go-before-1.12';

export interface ExpectedAdvice {
  readonly advice: number;
  readonly cause: ExpectedCause;
  readonly goVersion?: string;
  readonly madvdontneed?: Sourced<string>;
}

export type VerdictNote =
  | { readonly kind: 'rss-dropped'; readonly bytes: number }
  | { readonly kind: 'lazy-free'; readonly bytes: number; readonly lazyFreeNow?: number }
  | {
      readonly kind: 'nothing-returned';
      /** Go >= 1.21: the background scavenger leaves chunks that were dense in this or the
       *  last GC cycle alone (mgcscavenge.go shouldScavenge), so freed memory waits for GCs. */
      readonly denseChunksWait: boolean;
    }
  | {
      readonly kind: 'unexpected-advice';
      readonly expected: number;
      readonly seen: number;
      readonly bytes: number;
    }
  | { readonly kind: 'failed'; readonly advice: number; readonly calls: number }
  | {
      readonly kind: 'hugepages';
      readonly advice: number;
      readonly calls: number;
      readonly heapMarked: boolean;
      readonly disablethp?: string;
    };

export interface MadviseVerdict {
  readonly expected?: ExpectedAdvice;
  /** Bytes returned by calls that did not fail. */
  readonly dontneedBytes: number;
  readonly freeBytes: number;
  readonly rss?: { readonly before: number; readonly after: number };
  readonly lazyFree?: { readonly before: number; readonly after: number };
  readonly smapsSource: string;
  readonly notes: readonly VerdictNote[];
}

const HUGEPAGE_ADVICE = new Set([14, 15, 25]);

/** The GODEBUG settings that change which madvise calls the runtime makes (mem_linux.go). */
export const MADVISE_GODEBUG = ['madvdontneed', 'disablethp'] as const;

export function madviseVerdict(t: MadviseTotals, ctx: MadviseContext): MadviseVerdict {
  const returned = (advice: number) => {
    const row = t.byAdvice.find((a) => a.advice === advice);
    return row ? row.bytes - row.failedBytes : 0;
  };
  const dontneedBytes = returned(MADV_DONTNEED);
  const freeBytes = returned(MADV_FREE);
  const expected = expectedAdvice(ctx);
  const notes: VerdictNote[] = [];
  if (dontneedBytes > 0) notes.push({ kind: 'rss-dropped', bytes: dontneedBytes });
  if (freeBytes > 0)
    notes.push({ kind: 'lazy-free', bytes: freeBytes, lazyFreeNow: ctx.after?.lazyFree });
  if (dontneedBytes === 0 && freeBytes === 0) {
    const v = ctx.goVersion ? parseGoVersion(ctx.goVersion.value) : undefined;
    notes.push({ kind: 'nothing-returned', denseChunksWait: v !== undefined && atLeast(v, 1, 21) });
  }
  if (expected) {
    const other = expected.advice === MADV_FREE ? MADV_DONTNEED : MADV_FREE;
    const bytes = other === MADV_FREE ? freeBytes : dontneedBytes;
    if (bytes > 0)
      notes.push({ kind: 'unexpected-advice', expected: expected.advice, seen: other, bytes });
  }
  for (const a of t.byAdvice)
    if (a.failed > 0) notes.push({ kind: 'failed', advice: a.advice, calls: a.failed });
  notes.push(...hugepageNotes(t, ctx));
  return {
    ...(expected ? { expected } : {}),
    dontneedBytes,
    freeBytes,
    ...pair('rss', ctx.before?.rss, ctx.after?.rss),
    ...pair('lazyFree', ctx.before?.lazyFree, ctx.after?.lazyFree),
    smapsSource: ctx.smapsSource,
    notes,
  };
}

/** Which advice this binary returns memory with, and why; undefined when that is not known. */
export function expectedAdvice(
  ctx: Pick<MadviseContext, 'goVersion' | 'godebug'>,
): ExpectedAdvice | undefined {
  const v = ctx.goVersion ? parseGoVersion(ctx.goVersion.value) : undefined;
  const flag = ctx.godebug.madvdontneed;
  const base = { ...(v ? { goVersion: v.text } : {}), ...(flag ? { madvdontneed: flag } : {}) };
  const free = madvFreeInEffect(ctx, v);
  if (free === 'godebug-madvdontneed-0')
    return { advice: MADV_FREE, cause: 'madvdontneed-0', ...base };
  if (free === 'go-version-default')
    return { advice: MADV_FREE, cause: 'go-1.12-default', ...base };
  if (!v) return undefined;
  const cause: ExpectedCause = !atLeast(v, 1, 12)
    ? 'go-before-1.12'
    : atLeast(v, 1, 16)
      ? 'go-1.16-default'
      : 'madvdontneed-1';
  return { advice: MADV_DONTNEED, cause, ...base };
}

function hugepageNotes(t: MadviseTotals, ctx: MadviseContext): VerdictNote[] {
  const v = ctx.goVersion ? parseGoVersion(ctx.goVersion.value) : undefined;
  const disablethp = ctx.godebug.disablethp?.value;
  return t.byAdvice
    .filter((a) => HUGEPAGE_ADVICE.has(a.advice))
    .map((a) => ({
      kind: 'hugepages' as const,
      advice: a.advice,
      calls: a.calls,
      heapMarked: v !== undefined && marksHeapHugePages(v),
      ...(disablethp !== undefined ? { disablethp } : {}),
    }));
}

/** Go 1.21.0-1.21.3 marked the heap MADV_HUGEPAGE and collapsed it; 1.21.4 stopped. */
export function marksHeapHugePages(v: GoVersion): boolean {
  return v.major === 1 && v.minor === 21 && v.patch < 4;
}

function pair<K extends string>(key: K, before?: number, after?: number) {
  return before !== undefined && after !== undefined
    ? ({ [key]: { before, after } } as Record<K, { before: number; after: number }>)
    : {};
}
