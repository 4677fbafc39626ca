/**
 * The Go runtime's memory numbers from the gomemlens agent's /debug/gomemlens, which reads
 * runtime/metrics (no stop-the-world, unlike runtime.ReadMemStats behind expvar). The MemStats
 * fields are derived from the memory classes exactly as the runtime does it (runtime/mstats.go
 * readmemstats_m and the runtime/metrics docs): HeapInuse = objects + unused, HeapIdle = free +
 * released, StackSys = heap stacks + OS stacks, MSpanSys/MCacheSys = inuse + free.
 */
import type { AgentStatus } from '../model/agent.js';
import type { GoMemField } from './go-memory.js';

const C = '/memory/classes';

const DERIVATION: Record<GoMemField, readonly string[]> = {
  Sys: [`${C}/total:bytes`],
  HeapAlloc: [`${C}/heap/objects:bytes`],
  HeapInuse: [`${C}/heap/objects:bytes`, `${C}/heap/unused:bytes`],
  HeapIdle: [`${C}/heap/free:bytes`, `${C}/heap/released:bytes`],
  HeapReleased: [`${C}/heap/released:bytes`],
  StackSys: [`${C}/heap/stacks:bytes`, `${C}/os-stacks:bytes`],
  GCSys: [`${C}/metadata/other:bytes`],
  MSpanSys: [`${C}/metadata/mspan/inuse:bytes`, `${C}/metadata/mspan/free:bytes`],
  MCacheSys: [`${C}/metadata/mcache/inuse:bytes`, `${C}/metadata/mcache/free:bytes`],
  OtherSys: [`${C}/other:bytes`],
  BuckHashSys: [`${C}/profiling/buckets:bytes`],
  NextGC: ['/gc/heap/goal:bytes'],
};

export interface AgentMemory {
  readonly values: Record<GoMemField, number>;
  readonly sourceOf: (field: GoMemField) => string;
  readonly liveHeap?: { readonly bytes: number; readonly source: string };
}

/** undefined when the agent's document lacks one of the memory classes (Go < 1.17). */
export function agentMemory(status: AgentStatus, endpoint: string): AgentMemory | undefined {
  const metric = (name: string) => {
    const v = status.metrics[name];
    return typeof v === 'number' ? v : undefined;
  };
  const values = {} as Record<GoMemField, number>;
  for (const [field, names] of Object.entries(DERIVATION) as [GoMemField, readonly string[]][]) {
    const parts = names.map(metric);
    if (parts.some((p) => p === undefined)) return undefined;
    values[field] = (parts as number[]).reduce((a, b) => a + b, 0);
  }
  const live = metric('/gc/heap/live:bytes');
  return {
    values,
    sourceOf: (field) => `${endpoint} ${DERIVATION[field].join(' + ')}`,
    ...(live !== undefined
      ? { liveHeap: { bytes: live, source: `${endpoint} /gc/heap/live:bytes` } }
      : {}),
  };
}
