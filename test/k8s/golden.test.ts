// CLI snapshots: the command, its exit code and its output, recorded under
// testdata/k8s/golden. UPDATE_GOLDEN=1 rewrites them (then review the diff); a missing one fails.
import { test } from 'node:test';
import { join } from 'node:path';
import { assertGolden } from '../support/golden.js';
import { cli } from './helpers.js';

const GOLDEN = 'testdata/k8s/golden';

const CASES: Record<string, string[]> = {
  'lint-findings.txt': ['k8s', 'lint', 'testdata/k8s/findings'],
  'lint-clean.txt': ['k8s', 'lint', '--fail-on', 'info', 'testdata/k8s/clean'],
  'fix-downward-api.txt': ['k8s', 'fix', 'testdata/k8s/findings/downward-api.yaml'],
  'gen-vpa-list.txt': ['k8s', 'gen', 'vpa', 'testdata/k8s/findings/list.yaml'],
  'gen-hpa.txt': ['k8s', 'gen', 'hpa', 'testdata/k8s/findings/hpa.yaml'],
  'lint-autoscalers.txt': [
    'k8s',
    'lint',
    '--fail-on',
    'info',
    'testdata/k8s/findings/hpa.yaml',
    'testdata/k8s/findings/vpa-feedback.yaml',
    'testdata/k8s/findings/runtime-vars.yaml',
    'testdata/k8s/findings/images.yaml',
  ],
  'lint-invalid.txt': ['k8s', 'lint', 'testdata/k8s/invalid/duplicate-key.yaml'],
};

for (const [name, args] of Object.entries(CASES)) {
  test(`golden ${name}: gomemlens ${args.join(' ')}`, () => {
    const r = cli(args);
    const actual = `$ gomemlens ${args.join(' ')}\n# exit ${r.status}\n# stdout\n${r.stdout}# stderr\n${r.stderr}`;
    assertGolden(join(GOLDEN, name), actual);
  });
}
