/** `gomemlens k8s gen hpa FILE|-`: HorizontalPodAutoscalers that scale Go workloads on CPU. */
import { hpaFor, SCALABLE_KINDS } from '../analysis/k8s/hpa-gen.js';
import { collectInventory } from '../analysis/k8s/inventory.js';
import { InputError, UsageError } from '../model/errors.js';
import { renderHpaYaml } from '../report/k8s-hpa.js';
import { readManifestObjects } from '../app/manifest-inputs.js';
import { parseFlags, intFlag } from './flags.js';
import { printNote } from './tty.js';
import { DETECT_FLAGS, DETECT_HELP, detectOptions } from './k8s-detect.js';
import { lintOptions, RATIO_FLAGS } from './k8s-options.js';

const HELP = `Usage: gomemlens k8s gen hpa FILE|- [--workload KIND/NAME] [flags]

Prints a HorizontalPodAutoscaler (autoscaling/v2) for each Deployment, StatefulSet and
ReplicaSet of the input (or the one --workload names) that scales on CPU, or on a per-pod
custom metric, never on memory: a Go heap's size follows GOGC and GOMEMLIMIT more than load
(docs/rules/k8s-hpa-memory-go.md). The reasoning, with each Go container's numbers, is a
comment above each HPA.

Flags:
  --workload K/N        only this workload, e.g. Deployment/api
  --cpu-utilization P   CPU target in percent of requests (default 70)
  --metric NAME         scale on this Pods metric instead (custom metrics API), with
  --metric-target Q     its per-pod average target, e.g. 100 or 500m
  --min-replicas N      default: the workload's replicas (2 when unset)
  --max-replicas N      default 10
${DETECT_HELP}`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(
    argv,
    {
      workload: { type: 'string' },
      'cpu-utilization': { type: 'string' },
      metric: { type: 'string' },
      'metric-target': { type: 'string' },
      'min-replicas': { type: 'string' },
      'max-replicas': { type: 'string' },
      ...RATIO_FLAGS,
      ...DETECT_FLAGS,
    },
    HELP,
  );
  if (help) return 0;
  const opts = genOptions(values);
  const detect = await detectOptions(values);
  const { objects } = await readManifestObjects(positionals.slice(1), printNote);
  let workloads = collectInventory(objects, detect).workloads.filter((w) =>
    (SCALABLE_KINDS as readonly string[]).includes(w.kind),
  );
  if (values.workload) {
    const [kind, name] = values.workload.split('/');
    workloads = workloads.filter((w) => w.kind === kind && w.name === name);
  }
  if (workloads.length === 0)
    throw new InputError(
      values.workload
        ? `no scalable workload ${values.workload} in the input (an HPA scales a Deployment, StatefulSet or ReplicaSet)`
        : 'no Deployment, StatefulSet or ReplicaSet in the input',
    );
  const lint = lintOptions(values);
  process.stdout.write(renderHpaYaml(workloads.map((w) => hpaFor(w, lint, opts))));
  return 0;
}

function genOptions(values: Record<string, string | string[] | boolean | undefined>) {
  const str = (k: string) => values[k] as string | undefined;
  const cpu = intFlag('cpu-utilization', str('cpu-utilization')) ?? 70;
  if (cpu < 1) throw new UsageError('--cpu-utilization wants a percent of at least 1');
  const maxReplicas = intFlag('max-replicas', str('max-replicas')) ?? 10;
  const minReplicas = intFlag('min-replicas', str('min-replicas'));
  if (
    maxReplicas < 1 ||
    (minReplicas !== undefined && (minReplicas < 1 || minReplicas > maxReplicas))
  )
    throw new UsageError('want 1 <= --min-replicas <= --max-replicas');
  const name = str('metric');
  const target = str('metric-target');
  if ((name === undefined) !== (target === undefined))
    throw new UsageError('--metric and --metric-target go together');
  if (target !== undefined && !/^[0-9]+(\.[0-9]+)?(m|k|M|G|Ki|Mi|Gi)?$/.test(target))
    throw new UsageError(`--metric-target wants a quantity like 100, 500m or 2k, got "${target}"`);
  return {
    cpuUtilization: cpu,
    maxReplicas,
    minReplicas,
    metric: name !== undefined ? { name, averageValue: target! } : undefined,
  };
}
