/**
 * What `gomemlens fleet` reports per Go workload: the measurements over the window (with the
 * series each came from), the forecast verdict, the findings, and the joint recommendation
 * beside what KRR and the VPA recommender would set. Bytes are exact numbers; the report
 * formats them.
 */
import type { Finding } from './finding.js';
import type { ForecastKind } from './series.js';

/** Where a workload's numbers came from. */
export type FleetSource = 'cadvisor' | 'kube-state-metrics' | 'client_golang' | 'gomemlens';

export interface WorkloadId {
  /** The source's name (NAME=URL) and/or the series' cluster label, joined by "/". */
  readonly cluster?: string;
  readonly namespace: string;
  /** Deployment, StatefulSet, DaemonSet, Job, Pod... */
  readonly kind: string;
  readonly name: string;
  readonly container: string;
}

/** A number with the series it came from ("go_gc_heap_live_bytes", "estimate: ..."). */
export interface Sourced {
  readonly value: number;
  readonly source: string;
}

export interface WorkloadMeasures {
  readonly goVersion?: string;
  /** Current memory limit (of the newest pod); undefined when none is set. */
  readonly limit?: Sourced;
  /** The limit before a resize seen in the window. */
  readonly previousLimit?: number;
  readonly request?: Sourced;
  /** GOMEMLIMIT in force: a number, "off", or undefined when no series tells it. */
  readonly gomemlimit?: Sourced | { readonly value: 'off'; readonly source: string };
  /** A GOMEMLIMIT Go refuses, from a manifest (the program exits at start-up). */
  readonly gomemlimitMalformed?: { readonly text: string; readonly source: string };
  /** True when GOMEMLIMIT stayed the same over the window. */
  readonly gomemlimitConstant?: boolean;
  readonly gogc?: Sourced;
  /**
   * The GOGC the GC ran at: lower than GOGC when GOMEMLIMIT held the heap goal down, from the
   * peak heap goal over the peak live heap (next_gc / live - 1).
   */
  readonly effectiveGogc?: number;
  readonly workingSet: { readonly p50?: number; readonly p99?: number; readonly max?: number };
  readonly peakLiveHeap?: Sourced;
  readonly nonGo?: Sourced;
  /** Go runtime memory besides the heap (stacks, GC metadata): Sys - HeapSys at its peak. */
  readonly runtimeOverhead?: Sourced;
  /** Bytes allocated per second per replica, averaged over the window. */
  readonly allocRate?: Sourced;
  /** GC CPU: share of the process's CPU (client_golang) or of GOMAXPROCS capacity (gomemlens). */
  readonly gcCpu?: Sourced & { readonly of: 'process' | 'capacity' };
  readonly oomKills: Sourced;
  readonly restarts?: number;
  /** Distinct pods seen in the window (replicas and their replacements). */
  readonly pods: number;
  /** Containers in the pod (VPA spreads its 250 MiB minimum over them). */
  readonly containersPerPod: number;
  readonly hpa?: { readonly name: string; readonly targetType: string; readonly target: number };
}

export interface FleetVerdict {
  readonly kind: ForecastKind;
  readonly etaSec?: number;
  /** The pod the verdict is about (the worst replica). */
  readonly pod?: string;
  /** Less room is left than one step of growth: the kill comes with the next (no ETA). */
  readonly atLimit?: boolean;
  /** The pace the ETA comes from: the live heap's via the GC thrash point, else the charge's. */
  readonly slopeBytesPerSec?: number;
}

/** One step of the recommendation's reasoning, as data: the report words it. */
export interface ReasonStep {
  readonly step: string;
  readonly args: Readonly<Record<string, number | string | boolean>>;
}

export interface FleetRecommendation {
  readonly limitBytes: number;
  readonly requestBytes: number;
  /** GOMEMLIMIT in Go's syntax ("460MiB"). */
  readonly gomemlimit: string;
  readonly gomemlimitBytes: number;
  readonly gogc: number;
  /** "model" from the Go measurements, or "working-set" when no Go runtime series exist. */
  readonly basis: 'model' | 'working-set' | 'none';
  readonly steps: readonly ReasonStep[];
}

export interface ReferenceRecommendation {
  readonly requestBytes?: number;
  readonly limitBytes?: number;
  /** Why there is no value ("HPA on memory", "no working set"). */
  readonly undefinedReason?: string;
  readonly notes: readonly string[];
}

export interface FleetWorkload {
  readonly id: WorkloadId;
  /** How the owner was found: kube_pod_owner, or guessed from the pod name. */
  readonly ownerSource: 'kube_pod_owner' | 'pod name';
  readonly sources: readonly FleetSource[];
  readonly measures: WorkloadMeasures;
  readonly verdict: FleetVerdict;
  readonly findings: readonly Finding[];
  readonly recommendation: FleetRecommendation;
  readonly krr: ReferenceRecommendation;
  readonly vpa: ReferenceRecommendation;
  /** Why ours differs from KRR's and the VPA's, as reasons with numbers. */
  readonly differences: readonly ReasonStep[];
}

export interface FleetSourceReport {
  readonly name?: string;
  /** Without credentials. */
  readonly url: string;
  readonly calls: number;
  readonly bytes: number;
  readonly ms: number;
  readonly failures: number;
}

export interface FleetReport {
  /** Evaluation time (ms since the epoch). */
  readonly at: number;
  readonly windowMs: number;
  readonly stepMs: number;
  readonly sources: readonly FleetSourceReport[];
  /** What could not be read: a partial result says so here. */
  readonly missing: readonly string[];
  /** Families of series a source does not have (no kube-state-metrics, no exporter). */
  readonly absent: readonly string[];
  readonly workloads: readonly FleetWorkload[];
  /** Containers seen that are not Go (no go_info or gomemlens_go_info), left out. */
  readonly nonGoContainers: number;
  readonly elapsedMs: number;
}
