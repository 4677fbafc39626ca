/**
 * `gomemlens k8s gen vpa|hpa FILE|- [--workload KIND/NAME]`: VPAs with Go-aware bounds, HPAs
 * that do not scale Go on memory (k8s-gen-hpa.ts).
 */
import { collectInventory } from '../analysis/k8s/inventory.js';
import { vpaFor } from '../analysis/k8s/vpa-gen.js';
import { renderVpaYaml } from '../report/k8s-vpa.js';
import { InputError, UsageError } from '../model/errors.js';
import { parseFlags } from './flags.js';
import { printNote } from './tty.js';
import { readManifestObjects } from '../app/manifest-inputs.js';
import { run as runHpa } from './k8s-gen-hpa.js';
import { lintOptions, RATIO_FLAGS, RATIO_HELP } from './k8s-options.js';
import { DETECT_FLAGS, DETECT_HELP, detectOptions } from './k8s-detect.js';

const HELP = `Usage: gomemlens k8s gen vpa FILE|- [--workload KIND/NAME] [--update-mode MODE]
       gomemlens k8s gen hpa FILE|- [--workload KIND/NAME] (see gen hpa --help)

Prints a VerticalPodAutoscaler (autoscaling.k8s.io/v1) for each workload of the input (or the
one --workload names). For Go containers with a literal GOMEMLIMIT, minAllowed memory keeps
the limit the VPA sets above GOMEMLIMIT / --max-ratio.

Flags:
  --workload K/N     only this workload, e.g. Deployment/api
  --update-mode M    Auto (default), Recreate, Initial, InPlaceOrRecreate or Off
${DETECT_HELP}
${RATIO_HELP}`;

const MODES = ['Auto', 'Recreate', 'Initial', 'InPlaceOrRecreate', 'Off'];

export async function run(argv: string[]): Promise<number> {
  if (argv[0] === 'hpa') return runHpa(argv);
  const { values, positionals, help } = parseFlags(
    argv,
    {
      workload: { type: 'string' },
      'update-mode': { type: 'string' },
      ...RATIO_FLAGS,
      ...DETECT_FLAGS,
    },
    HELP,
  );
  if (help) return 0;
  const [what, ...inputs] = positionals;
  if (what !== 'vpa')
    throw new UsageError('gen knows two kinds: vpa and hpa (gomemlens k8s gen vpa|hpa FILE|-)');
  const mode = values['update-mode'] ?? 'Auto';
  if (!MODES.includes(mode)) throw new UsageError(`--update-mode wants one of ${MODES.join(', ')}`);
  const { objects } = await readManifestObjects(inputs, printNote);
  let workloads = collectInventory(objects, await detectOptions(values)).workloads;
  if (values.workload) {
    const [kind, name] = values.workload.split('/');
    workloads = workloads.filter((w) => w.kind === kind && w.name === name);
  }
  if (workloads.length === 0)
    throw new InputError(
      values.workload ? `no workload ${values.workload} in the input` : 'no workload in the input',
    );
  process.stdout.write(renderVpaYaml(workloads.map((w) => vpaFor(w, lintOptions(values), mode))));
  return 0;
}
