/** `gomemlens k8s lint FILES|DIRS|-`: Go-aware checks of workload manifests. */
import { lintObjects } from '../analysis/k8s/lint.js';
import { K8S_CODES } from '../model/codes/k8s.js';
import { reaches, type Finding } from '../model/finding.js';
import { renderK8sJson, renderK8sText, type K8sReport } from '../report/k8s-text.js';
import { renderSarif } from '../report/sarif.js';
import { UsageError } from '../model/errors.js';
import { parseFlags, severityFlag } from './flags.js';
import { listInputs, parseInput, readInput } from '../app/manifest-inputs.js';
import { lintOptions, RATIO_FLAGS, RATIO_HELP } from './k8s-options.js';

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
    },
    HELP,
  );
  if (help) return 0;
  const format = values.json ? 'json' : (values.format ?? 'text');
  if (!['text', 'json', 'sarif'].includes(format))
    throw new UsageError(`--format wants text, json or sarif, got "${format}"`);
  const failOn = severityFlag('fail-on', values['fail-on']) ?? 'error';
  const options = lintOptions(values);
  const { files, notes } = await listInputs(positionals);
  for (const note of notes) console.error(`note: ${note}`);
  const objects = [];
  for (const name of files)
    for (const object of parseInput(await readInput(name)).objects) objects.push(object);
  const result = lintObjects(objects, options);
  const report: K8sReport = { ...result, files: files.length };
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
