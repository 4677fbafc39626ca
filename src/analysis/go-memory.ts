/**
 * The Go runtime's memory numbers from whichever endpoint answered: expvar /debug/vars (or the
 * `# runtime.MemStats` trailer of /debug/pprof/heap?debug=1), else client_golang's
 * go_memstats_* series. Every field keeps the citation of where it came from.
 */
import { parseAgentStatus } from '../formats/agent-status.js';
import { AGENT_PATH, type AgentStatus } from '../model/agent.js';
import { ParseError } from '../model/errors.js';
import { valueOf } from '../model/observation.js';
import type { MemStats, PromMemstatName, RuntimeInfo, Snapshot } from '../model/snapshot.js';
import { agentMemory } from './go-memory-agent.js';

const GO_MEM_FIELDS = [
  'Sys',
  'HeapAlloc',
  'HeapInuse',
  'HeapIdle',
  'HeapReleased',
  'StackSys',
  'GCSys',
  'MSpanSys',
  'MCacheSys',
  'OtherSys',
  'BuckHashSys',
  'NextGC',
] as const;

export type GoMemField = (typeof GO_MEM_FIELDS)[number];

const PROM_NAME: Record<GoMemField, PromMemstatName> = {
  Sys: 'sys_bytes',
  HeapAlloc: 'heap_alloc_bytes',
  HeapInuse: 'heap_inuse_bytes',
  HeapIdle: 'heap_idle_bytes',
  HeapReleased: 'heap_released_bytes',
  StackSys: 'stack_sys_bytes',
  GCSys: 'gc_sys_bytes',
  MSpanSys: 'mspan_sys_bytes',
  MCacheSys: 'mcache_sys_bytes',
  OtherSys: 'other_sys_bytes',
  BuckHashSys: 'buck_hash_sys_bytes',
  NextGC: 'next_gc_bytes',
};

export interface GoMemory {
  readonly values: Readonly<Record<GoMemField, number>>;
  /** "http://127.0.0.1:6060/debug/vars memstats.HeapInuse" or "go_memstats_heap_inuse_bytes". */
  readonly sourceOf: (field: GoMemField) => string;
  /** The full MemStats when an expvar-like source gave it (PauseNs, GCCPUFraction, NumGC). */
  readonly memstats?: MemStats;
  readonly memstatsSource?: string;
  /** go_gc_heap_live_bytes (opt-in), else HeapAlloc. */
  readonly liveHeap: { readonly bytes: number; readonly source: string };
  /** Memory the GOMEMLIMIT counts: Sys - HeapReleased (runtime/metrics total - released). */
  readonly mapped: number;
}

export type GoMemoryResult = { readonly value: GoMemory } | { readonly missing: string };

export function goMemoryOf(snapshot: Snapshot): GoMemoryResult {
  const rt = snapshot.runtime;
  if (!rt) return { missing: 'no Go runtime endpoint (no --url and none discovered)' };
  const prom = valueOf(rt.prometheus);
  const live = prom?.heapLiveBytes;
  const agent = fromAgent(rt);
  if (agent) {
    // The agent reads runtime/metrics without stopping the world: prefer it, and keep expvar's
    // MemStats (when present) for what only it has: the pause ring and GCCPUFraction.
    const ms = valueOf(rt.memstats);
    const liveBytes = agent.liveHeap ?? {
      bytes: agent.values.HeapAlloc,
      source: agent.sourceOf('HeapAlloc'),
    };
    return {
      value: {
        values: agent.values,
        sourceOf: agent.sourceOf,
        liveHeap: liveBytes,
        mapped: agent.values.Sys - agent.values.HeapReleased,
        ...(ms ? { memstats: ms, memstatsSource: rt.memstats.source } : {}),
      },
    };
  }
  if (rt.memstats.status === 'ok') {
    const ms = rt.memstats.value;
    const src = rt.memstats.source;
    const values = Object.fromEntries(GO_MEM_FIELDS.map((f) => [f, ms[f]])) as Record<
      GoMemField,
      number
    >;
    return { value: build(values, (f) => `${src} memstats.${f}`, live, ms, src) };
  }
  if (prom) {
    const lacking = GO_MEM_FIELDS.filter((f) => prom.memstats[PROM_NAME[f]] === undefined);
    if (lacking.length === 0) {
      const values = Object.fromEntries(
        GO_MEM_FIELDS.map((f) => [f, prom.memstats[PROM_NAME[f]]!]),
      );
      return {
        value: build(
          values as Record<GoMemField, number>,
          (f) => `go_memstats_${PROM_NAME[f]}`,
          live,
        ),
      };
    }
    return {
      missing: `/metrics lacks ${lacking.map((f) => `go_memstats_${PROM_NAME[f]}`).join(', ')}`,
    };
  }
  return { missing: `Go runtime memory not available (${describe(rt.memstats)})` };
}

function build(
  values: Record<GoMemField, number>,
  sourceOf: (f: GoMemField) => string,
  liveBytes: number | undefined,
  memstats?: MemStats,
  memstatsSource?: string,
): GoMemory {
  const liveHeap =
    liveBytes !== undefined
      ? { bytes: liveBytes, source: 'go_gc_heap_live_bytes' }
      : { bytes: values.HeapAlloc, source: sourceOf('HeapAlloc') };
  return {
    values,
    sourceOf,
    liveHeap,
    mapped: values.Sys - values.HeapReleased,
    ...(memstats ? { memstats, memstatsSource } : {}),
  };
}

function describe(obs: { status: string; source: string; reason?: string }): string {
  return obs.status === 'unreadable' ? `${obs.source}: ${obs.reason}` : `${obs.source} not found`;
}

function fromAgent(rt: RuntimeInfo) {
  const doc = agentDocument(rt);
  return doc.status && agentMemory(doc.status, `${rt.baseUrl}${AGENT_PATH}`);
}

/**
 * The in-process agent's document when the runtime served one; a document that does not read
 * is left out with the reason, which diagnose lists with the missing observations.
 */
export function agentDocument(rt: RuntimeInfo | undefined): {
  readonly status?: AgentStatus;
  readonly problem?: string;
} {
  if (!rt?.agentJson) return {};
  try {
    return { status: parseAgentStatus(rt.agentJson) };
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    return { problem: `${err.message}; the agent's numbers are not used` };
  }
}
