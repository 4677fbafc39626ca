// Every k8s parser and editor stays linear in its input: time and retained memory at most
// triple when the input doubles (a quadratic step quadruples them). Inputs are the shapes that
// were quadratic before: many keys in one map (the yaml library's duplicate-key check), many
// documents, many fixes in one file (splicing, the check, the diff), many containers in one pod;
// and the items of one List, read one at a time.
import { test } from 'node:test';
import { stringify } from 'yaml';
import { fixFile } from '../../src/analysis/k8s/fix-apply.js';
import { DEFAULT_LINT_OPTIONS } from '../../src/analysis/k8s/facts.js';
import { lintObjects } from '../../src/analysis/k8s/lint.js';
import { parseManifests } from '../../src/formats/k8s-manifest.js';
import { editDiff } from '../../src/report/k8s-diff.js';
import { assertLinear } from '../support/scaling.js';
import { kubectlList } from './list-gen.js';
import { goWorkload } from './workloads-gen.js';

function manyKeys(n: number): string {
  const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  labels:'];
  for (let i = 0; i < n; i++) lines.push(`    key-${i}: "v"`);
  return lines.join('\n') + '\nspec: {containers: [{name: c, env: [{name: GOGC, value: "1"}]}]}\n';
}

function manyDocuments(n: number): string {
  return Array.from({ length: n }, (_, i) => stringify(goWorkload(i))).join('---\n');
}

function manyContainers(n: number): string {
  const containers = Array.from({ length: n }, (_, i) => ({
    name: `c${i}`,
    env: [{ name: 'GOMEMLIMIT', value: '512Mi' }],
    resources: { limits: { memory: '1Gi' } },
  }));
  return stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers },
  });
}

/** Returns the parsed objects too, so the memory they keep is measured. */
const lint = (text: string) => {
  const parsed = parseManifests(text, 'm.yaml');
  return { parsed, findings: lintObjects(parsed.objects).findings };
};

const fix = (text: string) => {
  const result = fixFile(text, 'm.yaml', parseManifests(text, 'm.yaml'), DEFAULT_LINT_OPTIONS);
  return editDiff(text, result.splices, 'a/m.yaml', 'b/m.yaml');
};

// Sizes where the linear work is 30-300 ms, so that a quadratic term would show.
for (const [name, make, sizes] of [
  ['keys in one map', manyKeys, [4000, 8000, 16000, 32000]],
  ['documents', manyDocuments, [150, 300, 600, 1200]],
  ['containers in one pod', manyContainers, [250, 500, 1000, 2000]],
  ['items of one List', kubectlList, [150, 300, 600, 1200]],
] as const) {
  test(`parse + lint: linear in ${name}`, () => {
    assertLinear(name, sizes, make, lint);
  });
  // The diff is a string that may share the input's memory: only its time is compared.
  test(`fix + diff: linear in ${name}`, () => {
    assertLinear(name, sizes, make, fix, { memory: false });
  });
}
