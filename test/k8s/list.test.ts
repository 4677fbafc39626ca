// A big `kind: List` is read one item at a time: it lints and fixes exactly like the same
// items as separate documents (positions, findings, byte-exact edits), and the cases an item
// read alone could get wrong (aliases across items, a root `items:` that is no List, YAML 1.1
// directives) read like the whole document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixFile } from '../../src/analysis/k8s/fix-apply.js';
import { DEFAULT_LINT_OPTIONS } from '../../src/analysis/k8s/facts.js';
import { lintObjects } from '../../src/analysis/k8s/lint.js';
import { parseManifests } from '../../src/formats/k8s-manifest.js';
import { ParseError } from '../../src/model/errors.js';
import { asDocuments, asList, deployments, documentsOf, kubectlList } from './list-gen.js';

const N = 3000;

function lint(text: string) {
  const { objects } = parseManifests(text, 'm.yaml');
  return { objects, findings: lintObjects(objects, DEFAULT_LINT_OPTIONS).findings };
}

test(`a List of ${N} Deployments lints like its items as separate documents`, () => {
  const items = deployments(N);
  const list = asList(items);
  const docs = asDocuments(items);
  assert.ok(list.length > 2 ** 20, 'over a MiB');
  const l = lint(list);
  const d = lint(docs);
  assert.equal(l.objects.length, N);
  assert.deepEqual(
    l.objects.map((o) => [o.doc, ...o.base]),
    items.map((_, i) => [0, 'items', i]),
  );
  assert.ok(l.findings.length > N / 2);
  assert.deepEqual(
    l.findings.map((f) => f.code),
    d.findings.map((f) => f.code),
  );
  // Item i starts 2 + (the lines of the items before it) lines down in the List, indented by
  // 2; in the stream, after i separator lines. Every finding must land on the same spot.
  const listLines = list.split('\n');
  const docLines = docs.split('\n');
  let compared = 0;
  l.findings.forEach((f, n) => {
    const g = d.findings[n].location!;
    const at = f.location!;
    assert.equal(at.column, g.column! + 2, `finding ${n}: column`);
    assert.equal(
      listLines[at.line! - 1].slice(at.column! - 1),
      docLines[g.line! - 1].slice(g.column! - 1),
      `finding ${n}: ${at.line}:${at.column} vs ${g.line}:${g.column}`,
    );
    compared++;
  });
  assert.equal(compared, d.findings.length);
  // The last item, counted by hand: 2999 is variant 3 (the downward API), found at the
  // resourceFieldRef key.
  const last = N - 1;
  const start = 3 + items.slice(0, last).reduce((n, item) => n + item.split('\n').length - 1, 0);
  const lines = items[last].split('\n');
  const at = lines.findIndex((l) => l.includes('resourceFieldRef'));
  const f = l.findings.filter((x) => x.code === 'k8s-gomemlimit-downward-api').at(-1)!;
  assert.deepEqual(
    [f.location!.line, f.location!.column],
    [start + at, 2 + lines[at].indexOf('resourceFieldRef') + 1],
  );
});

test('k8s fix on a List makes the edits it makes on the separate documents, byte for byte', () => {
  const items = deployments(400);
  const list = asList(items);
  const docs = asDocuments(items);
  const l = fixFile(list, 'm.yaml', parseManifests(list, 'm.yaml'), DEFAULT_LINT_OPTIONS);
  const d = fixFile(docs, 'm.yaml', parseManifests(docs, 'm.yaml'), DEFAULT_LINT_OPTIONS);
  assert.ok(l.plan.fixes.length > 200);
  assert.equal(l.plan.fixes.length, d.plan.fixes.length);
  assert.deepEqual(l.plan.skipped, d.plan.skipped);
  assert.equal(l.text, asList(documentsOf(d.text)));
  // Fixed: the List lints without the GOMEMLIMIT findings fix addresses.
  const after = lint(l.text).findings.map((f) => f.code);
  assert.ok(!after.includes('k8s-gomemlimit-malformed'));
  assert.ok(!after.includes('k8s-gomemlimit-missing'));
});

const POD = (name: string, env: string) =>
  `kind: Pod\n  metadata: {name: ${name}}\n  spec:\n    containers:\n    - name: c\n      resources: {limits: {memory: 1Gi}}\n      env: ${env}\n`;

test('an alias across List items: the List is read whole, as before', () => {
  const text = `apiVersion: v1\nitems:\n- ${POD('a', '&env [{name: GOMEMLIMIT, value: 512Mi}]')}- ${POD('b', '*env')}kind: List\n`;
  const { objects, findings } = lint(text);
  assert.equal(objects.length, 2);
  assert.deepEqual(
    findings.map((f) => [f.code, f.location!.line]),
    [
      ['k8s-gomemlimit-malformed', 9],
      ['k8s-gomemlimit-malformed', 9],
    ],
  );
});

test('an alias across the items of a List over the document budget: refused, saying why', () => {
  const items = deployments(2100);
  items[0] = items[0].replace('  replicas: 3', '  replicas: &r 3');
  items[2099] = items[2099].replace('  replicas: 3', '  replicas: *r');
  const text = asList(items);
  assert.throws(
    () => parseManifests(text, 'big.yaml'),
    (err: unknown) =>
      err instanceof ParseError &&
      err.kind === 'too-large' &&
      err.where.line === 1 &&
      /^a YAML document over 500,000 tokens; refused \(the alias \*r at \d+:\d+ refers to an anchor outside its List item, so the List is read whole\)$/.test(
        err.what,
      ),
  );
  // The same List without the alias reads item by item.
  items[2099] = items[2099].replace('*r', '3');
  assert.equal(parseManifests(asList(items), 'big.yaml').objects.length, 2100);
});

test('a root items: list in a document that is no List is read whole', () => {
  const text = 'kind: ConfigMap\nitems:\n- kind: Pod\n- b\ndata: {a: "1"}\n';
  const { objects } = parseManifests(text, 'm.yaml');
  assert.equal(objects.length, 1);
  assert.deepEqual(objects[0].value, {
    kind: 'ConfigMap',
    items: [{ kind: 'Pod' }, 'b'],
    data: { a: '1' },
  });
  assert.equal(parseManifests('items:\n- kind: Pod\n', 'm.yaml').objects.length, 0);
  // Over the document budget, the reason is given.
  const big = asList(deployments(2100)).replace('kind: List', 'kind: Template');
  assert.throws(
    () => parseManifests(big, 'big.yaml'),
    (err: unknown) =>
      err instanceof ParseError &&
      err.kind === 'too-large' &&
      err.what ===
        'a YAML document over 500,000 tokens; refused (the document at 1:1 has items: but kind Template is no List, so it is read whole)',
  );
});

test('List shapes: indented items, a quoted key, comments, flow items, YAML 1.1, more documents', () => {
  const text = [
    'kind: ConfigMap',
    'metadata: {name: before}',
    '---',
    '"items":',
    '  # a comment before the first item',
    '  - {kind: ConfigMap, metadata: {name: flow}, data: {a: yes}}',
    '',
    '  - not an object',
    '  -   kind: Pod # an item with extra spaces',
    '      metadata: {name: p}',
    '# a comment at column 0 inside the list',
    '      spec: {containers: [{name: c, env: [{name: GOMEMLIMIT, value: 1Gi}]}]}',
    'kind: PodList',
    '...',
    '%YAML 1.1',
    '---',
    'apiVersion: v1',
    'items:',
    '- kind: ConfigMap',
    '  data: {a: yes}',
    'kind: List',
    '',
  ].join('\n');
  const { objects } = parseManifests(text, 'm.yaml');
  assert.deepEqual(
    objects.map((o) => [o.doc, ...o.base, o.value.kind]),
    [
      [0, 'ConfigMap'],
      [1, 'items', 0, 'ConfigMap'],
      [1, 'items', 2, 'Pod'],
      [2, 'items', 0, 'ConfigMap'],
    ],
  );
  assert.deepEqual(objects[1].value.data, { a: 'yes' }, 'YAML 1.2: yes is a string');
  assert.deepEqual(objects[3].value.data, { a: true }, '%YAML 1.1 applies to the items');
  assert.deepEqual(objects[2].locate(['spec', 'containers', 0, 'env', 0, 'value']), {
    line: 12,
    column: 69,
  });
  assert.deepEqual(objects[2].locate([]), { line: 9, column: 7 });
});

test('a List item over the per-document budget is refused at the item', () => {
  const keys = Array.from({ length: 200_000 }, (_, i) => `    k${i}: v\n`).join('');
  const text = `apiVersion: v1\nitems:\n- kind: Pod\n- kind: ConfigMap\n  data:\n${keys}kind: List\n`;
  assert.throws(
    () => parseManifests(text, 'm.yaml'),
    (err: unknown) =>
      err instanceof ParseError &&
      err.kind === 'too-large' &&
      err.where.file === 'm.yaml' &&
      err.where.line === 4 &&
      err.where.column === 1 &&
      err.what === 'a List item over 500,000 tokens; refused',
  );
  assert.equal(parseManifests(kubectlList(10), 'm.yaml').objects.length, 10);
});
