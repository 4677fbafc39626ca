/** `gomemlens k8s lint FILES|DIRS|-`: Go-aware checks of workload manifests. */
import { lintObjects } from '../analysis/k8s/lint.js';
import { K8S_CODES } from '../model/codes/k8s.js';
import { reaches, type Finding } from '../model/finding.js';
import { renderK8sJson, renderK8sText, type K8sReport } from '../report/k8s-text.js';
import { renderSarif } from '../report/sarif.js';
import { UsageError } from '../model/errors.js';
import { parseFlags, severityFlag } from './flags.js';
import { printNote } from './tty.js';
import { readManifestObjects } from '../app/manifest-inputs.js';
import { lintOptions, RATIO_FLAGS, RATIO_HELP } from './k8s-options.js';
import { DETECT_FLAGS, DETECT_HELP, detectOptions } from './k8s-detect.js';
import { IMAGE_FLAGS, IMAGE_HELP, withInspections } from './k8s-images.js';
import { collectInventory } from '../analysis/k8s/inventory.js';

const HELP = `Usage: gomemlens k8s lint FILES|DIRS|- [flags]

Checks the memory settings of Go containers in Pods, Deployments, StatefulSets, DaemonSets,
ReplicaSets, Jobs and CronJobs (multi-document YAML, JSON, kind: List; helm template,
kustomize build or kubectl get -A -o yaml output on stdin with -). Directories are walked for
*.yaml, *.yml and *.json; FIFOs, devices, broken links and unreadable entries in them are
skipped with a note. An input is at most 64 MiB and 6,000,000 YAML tokens, a document (or an
item of a List, read one at a time) 500,000 (docs/k8s.md, "Limits").

Flags:
  --format F         text (default), json or sarif
  --json             same as --format json
  --fail-on S        exit 1 when a finding is at or above S: error (default), warning, info
${DETECT_HELP}
${IMAGE_HELP}
${RATIO_HELP}

Exit codes: 0 no finding at --fail-on, 1 findings, 2 usage error or unreadable input (file:line:column).`;

const VERSION = '0.1.0';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(
    argv,
    {
      format: { type: 'string' },
      json: { type: 'boolean' },
      'fail-on': { type: 'string' },
      ...RATIO_FLAGS,
      ...DETECT_FLAGS,
      ...IMAGE_FLAGS,
    },
    HELP,
  );
  if (help) return 0;
  const format = values.json ? 'json' : (values.format ?? 'text');
  if (!['text', 'json', 'sarif'].includes(format))
    throw new UsageError(`--format wants text, json or sarif, got "${format}"`);
  const failOn = severityFlag('fail-on', values['fail-on']) ?? 'error';
  const options = lintOptions(values);
  const detect = await detectOptions(values);
  const { files, objects } = await readManifestObjects(positionals, printNote);
  const inventory = collectInventory(objects, detect);
  const { detect: full, images } = await withInspections(inventory, detect, values);
  const result = lintObjects(objects, options, full);
  const report: K8sReport = { ...result, files: files.length, images };
  process.stdout.write(render(format, report));
  return result.findings.some((f) => reaches(f.severity, failOn)) ? 1 : 0;
}

function render(format: string, report: K8sReport): string {
  if (format === 'json') return renderK8sJson(report);
  if (format === 'sarif') return renderSarif(report.findings as Finding[], K8S_CODES, sarifTool());
  return renderK8sText(report);
}

export function sarifTool() {
  return {
    name: 'gomemlens',
    version: VERSION,
    docsPath: (code: string) => `docs/rules/${code}.md`,
  };
}
