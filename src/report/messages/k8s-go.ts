/**
 * Wording of the k8s findings about autoscalers, GOTRACEBACK and the Go version of the image.
 * Numbers come from the finding's args; see docs/rules/<code>.md.
 */
import type { K8sRuleArgs } from '../../analysis/k8s/rules.js';
import type { K8sCode } from '../../model/codes/index.js';
import { formatBytes } from '../../model/units.js';
import type { Args, MessagesFor } from './types.js';

type Code = Extract<
  K8sCode,
  | 'k8s-gotraceback-oom'
  | 'k8s-gomemlimit-vpa-feedback'
  | 'k8s-hpa-memory-go'
  | 'k8s-gomemlimit-go-too-old'
  | 'k8s-godebug-madvdontneed'
  | 'k8s-gomaxprocs-not-container-aware'
  | 'k8s-goexperiment-at-runtime'
>;

const where = (a: Args<{ workload: string; container: string }>) =>
  `${a.workload} container "${a.container}"`;
const gogc = (a: Args<{ gogc: string | number }>) =>
  a.gogc === 'off' ? 'GOGC=off' : `GOGC=${a.gogc}`;

export const k8sGoMessages: MessagesFor<Code, K8sRuleArgs> = {
  'k8s-gotraceback-oom': {
    title: 'GOTRACEBACK=crash will not fire on an OOM kill',
    summary: (a) =>
      `${where(a)}: GOTRACEBACK=crash dumps core on a Go fatal error or an unrecovered panic, but an OOM kill at the ${a.limit} limit is SIGKILL, which cannot be caught: no traceback, no core, exit code 137.`,
    fix: () =>
      'Capture a heap profile before the kill: watch memory from outside (gomemlens watch) or inside the process and dump when it nears the limit; keep GOTRACEBACK=crash only for crashes.',
  },
  'k8s-gomemlimit-vpa-feedback': {
    title: 'GOMEMLIMIT from requests.memory under a VPA that sets requests',
    summary: (a) =>
      `${where(a)}: GOMEMLIMIT comes from resourceFieldRef ${a.resource} while VerticalPodAutoscaler ${a.vpa} (updateMode ${a.updateMode}) sets that request: the heap may grow to the request, the VPA reads the usage and raises the request, which raises GOMEMLIMIT, and so on.`,
    fix: () =>
      'Derive GOMEMLIMIT from limits.memory at a ratio (or from the cgroup limit at start-up), give the VPA a maxAllowed for memory, or leave memory out of its controlledResources.',
  },
  'k8s-hpa-memory-go': {
    title: 'HPA scales a Go container on memory that the GC fills by design',
    summary: (a) =>
      `${where(a)}: HorizontalPodAutoscaler ${a.hpa} scales on memory ${a.targetPercent !== undefined ? `at ${a.targetPercent}% of requests` : `at ${formatBytes(Number(a.targetBytes))} per pod`}, but with ${gogc(a)} the heap grows to GOMEMLIMIT (${formatBytes(Number(a.gomemlimitBytes))}${a.expectedPercent !== undefined ? `, ${a.expectedPercent}% of requests` : ''}) whatever the load: it scales out to ${a.maxReplicas ?? 'maxReplicas'} and never back in.`,
    fix: (a) =>
      `Scale on CPU or a load metric (\`gomemlens k8s gen hpa\` writes one), or use the default GOGC and a memory target above ${a.targetPercent !== undefined ? `${a.expectedPercent}%` : formatBytes(Number(a.gomemlimitBytes))}.`,
  },
  'k8s-gomemlimit-go-too-old': {
    title: 'GOMEMLIMIT on a Go too old to read it',
    summary: (a) =>
      `${where(a)}: GOMEMLIMIT (${a.value}) is set, but the binary is ${a.goVersion}: GOMEMLIMIT arrived in Go 1.19, so this runtime ignores it and has no soft memory limit.`,
    fix: () =>
      'Rebuild with a supported Go (>= 1.19; 1.25 or later is current), or size the heap with GOGC alone and remove the variable.',
  },
  'k8s-godebug-madvdontneed': {
    title: 'GODEBUG madvdontneed for this Go version',
    summary: (a) =>
      a.effect === 'advise'
        ? `${where(a)}: the binary is ${a.goVersion}, which returns memory with MADV_FREE by default (Go 1.12-1.15): RSS stays high after the heap shrinks, until the node is short of memory.`
        : a.effect === 'no-effect'
          ? `${where(a)}: GODEBUG madvdontneed=1 changes nothing on ${a.goVersion}: ${a.newer ? 'Go >= 1.16 returns memory with MADV_DONTNEED already' : 'Go <= 1.11 only knows MADV_DONTNEED'}.`
          : `${where(a)}: GODEBUG madvdontneed=0 makes ${a.goVersion} return memory with MADV_FREE: RSS and cgroup usage stay high after the heap shrinks, until memory pressure.`,
    fix: (a) =>
      a.effect === 'advise'
        ? 'Set GODEBUG=madvdontneed=1 (or rebuild with Go >= 1.16).'
        : a.effect === 'no-effect'
          ? 'Remove madvdontneed=1 from GODEBUG.'
          : 'Remove madvdontneed=0 from GODEBUG.',
  },
  'k8s-gomaxprocs-not-container-aware': {
    title: 'GOMAXPROCS follows the node, not the CPU limit',
    summary: (a) =>
      `${where(a)}: the binary is ${a.goVersion}, which sets GOMAXPROCS to the node's CPU count, not to the ${a.cpuLimit} CPU limit (container-aware GOMAXPROCS came with Go 1.25): CFS throttling and longer GC pauses.`,
    fix: (a) =>
      `Set GOMAXPROCS=${a.suggested} (or from valueFrom.resourceFieldRef limits.cpu, which rounds up), or rebuild with Go >= 1.25.`,
  },
  'k8s-goexperiment-at-runtime': {
    title: 'GOEXPERIMENT in the environment does nothing',
    summary: (a) =>
      `${where(a)}: GOEXPERIMENT=${a.value} is read by the Go toolchain when it builds, never by the compiled program${a.collector ? `: this ${a.goVersion} binary runs the ${a.collector === 'greentea' ? 'Green Tea' : 'classic'} GC${a.buildGoexperiment ? ` (built with GOEXPERIMENT=${a.buildGoexperiment})` : ''} whatever the variable says` : ''}.`,
    fix: () =>
      'Set GOEXPERIMENT when building the image (go build), and remove it from the container environment.',
  },
};
