/** Wording of the k8s findings. Numbers come from the finding's args; see docs/rules/<code>.md. */
import type { K8sRuleArgs } from '../../analysis/k8s/rules.js';
import type { K8sCode } from '../../model/codes/index.js';
import type { ArgValue } from '../../model/finding.js';
import { formatBytes } from '../../model/units.js';
import { hintNotes } from './gomemlimit-hint.js';
import { k8sGoMessages } from './k8s-go.js';
import type { Args, MessagesFor } from './types.js';

const where = (a: Args<{ workload: string; container: string }>) =>
  `${a.workload} container "${a.container}"`;
const bytes = (v: ArgValue | undefined) => (typeof v === 'number' ? formatBytes(v) : String(v));
const pct = (v: ArgValue | undefined) => `${Math.round(Number(v) * 100)}%`;
const from = (a: Args<{ from?: string }>) => (a.from ? ` (from ${a.from})` : '');

export const k8sMessages: MessagesFor<K8sCode, K8sRuleArgs> = {
  'k8s-quantity-invalid': {
    title: 'Resource quantity the API server refuses',
    summary: (a) =>
      `${where(a)}: ${a.field} "${a.text}" is not a Kubernetes quantity: ${a.reason}.`,
    fix: () =>
      'Write a quantity like 512Mi, 1Gi or 500M for memory and 500m or 2 for CPU (suffixes are case-sensitive).',
  },
  'k8s-memory-limit-missing': {
    title: 'Go container without a memory limit',
    summary: (a) =>
      `${where(a)} (Go: ${a.go}) has no resources.limits.memory: only the node bounds it, and GOMEMLIMIT has nothing to be sized from.`,
    fix: () =>
      'Set resources.limits.memory, then GOMEMLIMIT at about 90% of it (`gomemlens k8s fix`).',
  },
  'k8s-request-above-limit': {
    title: 'Request above limit',
    summary: (a) =>
      `${where(a)}: requests.${a.resource} ${a.request} is above limits.${a.resource} ${a.limit}; the API server rejects this pod.`,
    fix: (a) => `Lower requests.${a.resource} to at most ${a.limit}, or raise the limit.`,
  },
  'k8s-gomemlimit-missing': {
    title: 'GOMEMLIMIT missing under a memory limit',
    summary: (a) =>
      `${where(a)} has a ${a.limit} (${bytes(a.limitBytes)}) memory limit but ${a.off ? `GOMEMLIMIT=${a.value === '' ? '"" (empty: no limit)' : a.value}` : 'no GOMEMLIMIT'}: Go does not read the cgroup limit, so the GC paces on GOGC alone and the heap can grow into the limit and be OOM-killed.`,
    fix: (a) =>
      a.unsupported
        ? `The binary is ${a.goVersion}, which has no GOMEMLIMIT (Go >= 1.19): rebuild with a supported Go, then set GOMEMLIMIT=${a.suggested} (${pct(a.ratio)} of the limit).`
        : `Set GOMEMLIMIT=${a.suggested} (${pct(a.ratio)} of the limit, in Go's syntax).`,
  },
  'k8s-gomemlimit-malformed': {
    title: 'GOMEMLIMIT that Go refuses',
    summary: (a) =>
      `${where(a)}: GOMEMLIMIT "${a.value}"${from(a)} is not Go syntax (digits with B, KiB, MiB, GiB or TiB); the program exits at start-up with "malformed GOMEMLIMIT".`,
    fix: (a) =>
      a.hint
        ? `Write ${a.hint}${hintNotes(a, a.hintCapped ? `lowered to ${pct(a.ratio)} of the ${a.limit} limit` : undefined)}.`
        : `Use Go's syntax, e.g. 460MiB or 1GiB${a.reason ? ` (Go refuses ${a.reason})` : ''}.`,
  },
  'k8s-gomemlimit-above-limit': {
    title: 'GOMEMLIMIT at or above the memory limit',
    summary: (a) =>
      `${where(a)}: GOMEMLIMIT ${a.gomemlimit}${from(a)} (${bytes(a.gomemlimitBytes)}) is ${pct(a.ratio)} of the ${a.limit} limit: the cgroup OOM-kills the process before the GC reacts, and memory outside the Go heap counts too.`,
    fix: (a) => `Set GOMEMLIMIT=${a.suggested}, leaving headroom below the limit.`,
  },
  'k8s-gomemlimit-ratio': {
    title: 'GOMEMLIMIT outside the ratio band',
    summary: (a) =>
      `${where(a)}: GOMEMLIMIT ${a.gomemlimit}${from(a)} is ${pct(a.ratio)} of the ${a.limit} limit, outside ${pct(a.minRatio)}-${pct(a.maxRatio)}: ${Number(a.ratio) < Number(a.minRatio) ? 'the GC runs far more often than the limit requires' : 'too little headroom for memory outside the Go heap'}.`,
    fix: (a) => `Set GOMEMLIMIT=${a.suggested}.`,
  },
  'k8s-gomemlimit-downward-api': {
    title: 'GOMEMLIMIT from the downward API: 100% of the limit',
    summary: (a) =>
      `${where(a)}: GOMEMLIMIT comes from resourceFieldRef ${a.resource}, which is exactly the limit: no headroom, so the cgroup OOM-kills the process before the GC reacts.`,
    fix: (a) =>
      a.suggested
        ? `Set GOMEMLIMIT=${a.suggested} (${pct(a.ratio)} of the limit), or let the process set it at a ratio at start-up.`
        : 'Set a memory limit and GOMEMLIMIT at about 90% of it.',
  },
  'k8s-gomemlimit-divisor': {
    title: 'Downward API divisor makes GOMEMLIMIT a byte count',
    summary: (a) =>
      `${where(a)}: resourceFieldRef ${a.resource} with divisor ${a.divisor} gives ${a.goSees ? `"${a.goSees}"` : 'a bare number'}, which Go reads as ${a.goSees ? `${a.goSees} BYTES` : 'bytes'}: the GC runs almost continuously.`,
    fix: () =>
      'Remove the divisor and the downward API, and set GOMEMLIMIT in Go syntax (e.g. 460MiB), about 90% of the limit.',
  },
  'k8s-gomemlimit-vpa-frozen': {
    title: 'Literal GOMEMLIMIT under a VerticalPodAutoscaler',
    summary: (a) =>
      a.vpa
        ? `${where(a)}: GOMEMLIMIT ${a.value} is fixed while VerticalPodAutoscaler ${a.vpa} moves the memory limit: a smaller limit OOM-kills, a larger one is never used by the heap.`
        : `${where(a)}: the memory limit moved from ${bytes(a.limitBefore)} to ${bytes(a.limitBytes)} in the window but GOMEMLIMIT stayed ${a.value}: a smaller limit OOM-kills, a larger one is never used by the heap.`,
    fix: () =>
      'Remove the literal and let the process derive GOMEMLIMIT from its cgroup limit (the gomemlens agent re-reads it after a resize; a GOMEMLIMIT in env would win over it), or exclude memory from the VPA.',
  },
  'k8s-gogc-off-without-gomemlimit': {
    title: 'GOGC=off without GOMEMLIMIT',
    summary: (a) =>
      `${where(a)}: GOGC=${a.value} disables the GC and no GOMEMLIMIT brings it back: the heap only grows until the container is OOM-killed.`,
    fix: () => 'Set GOMEMLIMIT (about 90% of the memory limit) or remove GOGC=off.',
  },
  'k8s-gcstoptheworld': {
    title: 'GODEBUG gcstoptheworld in a workload',
    summary: (a) =>
      `${where(a)}: GODEBUG="${a.value}" makes every GC stop the world (level ${a.level}); a debugging aid that is harmful in production.`,
    fix: () => 'Remove gcstoptheworld from GODEBUG.',
  },
  'k8s-gomaxprocs-above-cpu': {
    title: 'GOMAXPROCS above the CPU limit',
    summary: (a) =>
      `${where(a)}: GOMAXPROCS=${a.gomaxprocs} with a CPU limit of ${a.cpuLimit}: more running threads than CPU quota means throttling and longer GC pauses.`,
    fix: (a) =>
      a.containerAware === false
        ? `Set GOMAXPROCS=${a.suggested} (${a.goVersion} does not read the CPU limit: without GOMAXPROCS it would use the node's CPU count).`
        : `Remove GOMAXPROCS (Go >= 1.25 picks ${a.suggested} from the CPU limit) or set it to ${a.suggested}.`,
  },
  'k8s-env-value-not-string': {
    title: 'Go setting that Kubernetes does not read as a string',
    summary: (a) =>
      `${where(a)}: ${a.variable}: ${a.value} is unquoted, and Kubernetes YAML (1.1, sigs.k8s.io/yaml) reads it as ${a.readAs === 'bool' ? 'a boolean' : a.readAs === 'null' ? 'null' : 'a number'}: env values must be strings, so the API server refuses the object.`,
    fix: (a) => `Quote it: value: "${a.value}".`,
  },
  'k8s-env-unresolved': {
    title: 'Go setting from a source not in the input',
    summary: (a) =>
      `${where(a)}: ${a.variable === 'envFrom' ? 'envFrom' : a.variable} reads ${a.from}, which is not in the input, so its value was not checked.`,
    fix: () => 'Lint the ConfigMap together with the workload (same input) to check the value.',
  },
  ...k8sGoMessages,
};
