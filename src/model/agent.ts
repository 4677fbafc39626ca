/**
 * What the in-process gomemlens agent (Go module gomemlens.dev/agent) serves at
 * GET /debug/gomemlens, schema version 1 (docs/agent.md). Byte counts are plain numbers;
 * the runtime's "no memory limit" (math.MaxInt64, above 2^53) is mapped to UNLIMITED.
 */
import type { Limit } from './units.js';

export const AGENT_PATH = '/debug/gomemlens';
export const AGENT_SCHEMA_VERSION = 1;

/** A runtime/metrics histogram summarised by the agent: bucket upper bounds, in seconds. */
export interface AgentHistogram {
  readonly count: number;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** A runtime/metrics value: a counter or gauge, a histogram summary, or null (unsupported kind). */
export type AgentMetricValue = number | AgentHistogram | null;

export type AgentLimitSource = 'cgroup' | 'env' | 'external' | 'none';

/** The agent's memory-limit decision. null means "none" or "not known". */
export interface AgentLimitDecision {
  /** Who decided the limit in force: the agent from the cgroup, GOMEMLIMIT, other code, or nobody. */
  readonly source: AgentLimitSource;
  readonly cgroupVersion: 1 | 2 | null;
  /** The file that set the effective cgroup limit, e.g. /sys/fs/cgroup/memory.max. */
  readonly cgroupFile: string | null;
  readonly cgroupLimitBytes: number | null;
  readonly ratio: number;
  readonly reserveBytes: number;
  /** ratio x (cgroup limit - reserve): what the agent would set. */
  readonly targetBytes: number | null;
  /** The limit in force (debug.SetMemoryLimit(-1)); null when there is none. */
  readonly inForceBytes: number | null;
  readonly liveHeapBytes: number | null;
  /** Why the target was not applied (death-spiral guard: below the live heap). */
  readonly refused: string | null;
  /** The limit in force no longer fits the container. */
  readonly stale: boolean;
  readonly staleReason: string | null;
  /** The last cgroup read error. */
  readonly error: string | null;
  /** ISO 8601 times. */
  readonly decidedAt: string | null;
  readonly checkedAt: string | null;
  readonly refreshIntervalSeconds: number | null;
}

export type AgentGogcAction = 'hold' | 'raise' | 'lower';

/** The adaptive GOGC controller's state. */
export interface AgentGogcState {
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  readonly gogc: number;
  readonly initialGogc: number;
  readonly min: number;
  readonly max: number;
  /** Target GC share of the available CPU (0..1). */
  readonly budget: number;
  readonly windowSeconds: number;
  /** GC share of the available CPU over the last window (0..1); null before one was measured. */
  readonly lastShare: number | null;
  readonly lastAction: AgentGogcAction;
  readonly lastReason: string | null;
  /** Highest GOGC whose heap goal fits under the memory limit. */
  readonly cap: number;
  readonly steps: number;
  readonly changes: number;
  readonly changedAt: string | null;
}

export interface AgentStatus {
  readonly schemaVersion: typeof AGENT_SCHEMA_VERSION;
  readonly goVersion: string;
  readonly pid: number;
  /** ISO 8601 time of the reading. */
  readonly time: string;
  /** runtime/metrics name -> value, only names the running Go version has. */
  readonly metrics: Readonly<Record<string, AgentMetricValue>>;
  /** /gc/gomemlimit:bytes as a limit (math.MaxInt64 -> UNLIMITED); absent on Go < 1.21. */
  readonly goMemLimit?: Limit;
  /** Absent when the document was served without an agent (handler alone). */
  readonly limit?: AgentLimitDecision;
  readonly gogc?: AgentGogcState;
}

const GC_CPU = '/cpu/classes/gc/total:cpu-seconds';
const TOTAL_CPU = '/cpu/classes/total:cpu-seconds';

/**
 * The GC's share of the available CPU (GOMAXPROCS x wall time) between two readings of the
 * same process, from the runtime/metrics CPU classes (Go >= 1.20); the same quantity the
 * adaptive GOGC controller keeps under its budget. undefined when a metric is missing, the
 * readings are from different processes, or no GC cycle ran in between (the runtime updates
 * the CPU classes at GC). The classes are estimates from GC workers' wall time: on a CPU
 * starved host they overstate the share.
 */
export function agentGcCpuShare(prev: AgentStatus, next: AgentStatus): number | undefined {
  if (prev.pid !== next.pid) return undefined;
  const delta = (name: string) => {
    const a = prev.metrics[name];
    const b = next.metrics[name];
    return typeof a === 'number' && typeof b === 'number' ? b - a : undefined;
  };
  const gc = delta(GC_CPU);
  const total = delta(TOTAL_CPU);
  if (gc === undefined || total === undefined || total <= 0 || gc < 0) return undefined;
  return gc / total;
}
