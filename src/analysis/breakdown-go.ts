/**
 * The Go runtime's part of the breakdown. MemStats adds up exactly:
 * Sys = HeapInuse + HeapIdle + StackSys + MSpanSys + MCacheSys + BuckHashSys + GCSys + OtherSys,
 * and HeapIdle = (HeapIdle - HeapReleased) + HeapReleased (runtime/mstats.go). The node shows
 * Sys - HeapReleased: what GOMEMLIMIT counts (runtime/debug.SetMemoryLimit docs).
 */
import { line, type BreakdownLine } from './breakdown-line.js';
import type { GoMemory } from './go-memory.js';

export function goLine(go: GoMemory): BreakdownLine {
  const v = go.values;
  const src = go.sourceOf;
  const heapInuse = line(
    'go.heap-inuse',
    'heap in use (HeapInuse)',
    v.HeapInuse,
    src('HeapInuse'),
    {
      children: [
        line(
          'go.live-heap',
          go.liveHeap.source === 'go_gc_heap_live_bytes'
            ? 'live heap (marked at the last GC)'
            : 'heap objects allocated (HeapAlloc, includes not yet swept garbage)',
          go.liveHeap.bytes,
          go.liveHeap.source,
        ),
      ],
    },
  );
  return line(
    'go',
    'Go runtime: mapped and not released (Sys - HeapReleased; what GOMEMLIMIT counts)',
    go.mapped,
    `${src('Sys')} - ${src('HeapReleased')}`,
    {
      children: [
        heapInuse,
        line(
          'go.heap-idle-unreleased',
          'heap idle, not yet returned to the OS (HeapIdle - HeapReleased)',
          v.HeapIdle - v.HeapReleased,
          `${src('HeapIdle')} - ${src('HeapReleased')}`,
        ),
        line('go.stacks', 'goroutine stacks (StackSys)', v.StackSys, src('StackSys')),
        line(
          'go.gc-metadata',
          'GC metadata (GCSys + MSpanSys + MCacheSys)',
          v.GCSys + v.MSpanSys + v.MCacheSys,
          `${src('GCSys')} + ${src('MSpanSys')} + ${src('MCacheSys')}`,
        ),
        line(
          'go.other',
          'other runtime memory (OtherSys + BuckHashSys)',
          v.OtherSys + v.BuckHashSys,
          `${src('OtherSys')} + ${src('BuckHashSys')}`,
        ),
        line(
          'go.heap-goal',
          'heap goal: the next GC starts by this heap size (NextGC)',
          v.NextGC,
          src('NextGC'),
          { relation: 'reference' },
        ),
        line(
          'go.released',
          'released to the OS (HeapReleased): not resident unless MADV_FREE left it as LazyFree',
          v.HeapReleased,
          src('HeapReleased'),
          { relation: 'reference' },
        ),
        line('go.sys', 'all memory Go obtained from the OS (Sys)', v.Sys, src('Sys'), {
          relation: 'reference',
        }),
      ],
    },
  );
}
