// Reading the items of a List one at a time reads what the yaml library reads from the whole
// document (parseAllDocuments): the same values with the items put back, and an error exactly
// when the library has one. The one accepted difference: an alias to an anchor outside its
// item does not resolve in the item alone (the k8s reader then reads the input whole).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAlias, parseAllDocuments, visit, type Document } from 'yaml';
import { streamDocuments, YAML_OPTIONS } from '../../src/formats/yaml-stream.js';
import { kubectlList } from './list-gen.js';

const SEEDS = [
  kubectlList(3),
  [
    '# a List with odd but valid shapes',
    'apiVersion: v1',
    '"items":',
    '  # before the first item',
    '  - {kind: ConfigMap, metadata: {name: flow}, data: {a: yes, b: [1, 2]}}',
    '',
    '  - plain',
    '    continued',
    '  -   kind: Pod # extra spaces',
    '      metadata: &m {name: p}',
    '# column 0, inside the list',
    '      spec: {containers: [{name: c, env: [{name: GOMEMLIMIT, value: "1Gi"}]}]}',
    '      other: *m',
    '  - - nested',
    '    - list',
    '  - |',
    '    - not an item',
    '  - base: &b {x: 1}',
    '    merged: {<<: *b, y: 2}',
    '  -',
    'kind: PodList',
    'metadata: {resourceVersion: ""}',
    '',
  ].join('\n'),
  // Last: the library carries a %YAML directive over to the documents after it.
  'items: [1, 2]\nkind: List\n---\nkind: Pod\nitems:\n- x\n...\n%YAML 1.1\n---\nitems:\n- {kind: A, v: yes}\n- on\nkind: List\n',
];

interface Read {
  /** JSON of each document's value, or "throws ..." */
  readonly values: string[];
  readonly error: boolean;
  /** An alias that does not resolve within its item. */
  readonly outerAlias: boolean;
}

const json = (doc: Document.Parsed): string => {
  try {
    return JSON.stringify(doc.toJS({ maxAliasCount: 100 }));
  } catch (err) {
    return `throws ${(err as Error).message}`;
  }
};

function readWhole(text: string): Read {
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  const all = Array.isArray(docs) ? docs : [];
  const values = all.map(json);
  const error =
    !Array.isArray(docs) ||
    all.some((d) => d.errors.length > 0) ||
    values.some((v) => v.startsWith('throws'));
  return { values, error, outerAlias: false };
}

function readByItem(text: string): Read {
  const values: string[] = [];
  const items = new Map<number, string[]>();
  let error = false;
  let outerAlias = false;
  const look = (doc: Document.Parsed): string => {
    if (doc.errors.length > 0) error = true;
    if (hasOuterAlias(doc)) outerAlias = true;
    const v = json(doc);
    if (v.startsWith('throws')) error = true;
    return v;
  };
  try {
    streamDocuments(
      text,
      { maxDocumentTokens: 1e9, maxTokens: 1e9 },
      (doc, index) => {
        const v = look(doc);
        const read = items.get(index);
        values.push(read && !v.startsWith('throws') ? putBack(v, read) : v);
      },
      (doc, index, item) => {
        const read = items.get(index) ?? [];
        assert.equal(item, read.length, 'items numbered in order');
        const v = look(doc);
        read.push(v.startsWith('throws') ? v : JSON.stringify(JSON.parse(v)[0]));
        items.set(index, read);
      },
    );
  } catch {
    error = true;
  }
  return { values, error, outerAlias };
}

/** An alias to an anchor that is not set before it in the same part. */
function hasOuterAlias(doc: Document.Parsed): boolean {
  const anchors = new Set<string>();
  let outer = false;
  visit(doc, {
    Node: (_, node) => {
      if (isAlias(node) && !anchors.has(node.source)) outer = true;
      if (node.anchor) anchors.add(node.anchor);
    },
  });
  return outer;
}

/** The document's value with its (emptied) items replaced by the items read alone. */
function putBack(value: string, items: string[]): string {
  const object = JSON.parse(value) as { items?: unknown };
  assert.deepEqual(object.items, [], 'the document keeps an empty items:');
  object.items = items.map((i) => (i.startsWith('throws') ? i : JSON.parse(i)));
  return JSON.stringify(object);
}

test('the seeds read alike both ways', () => {
  for (const seed of SEEDS) {
    const whole = readWhole(seed);
    assert.equal(whole.error, false, seed);
    assert.deepEqual(readByItem(seed), whole);
  }
});

test('mutated Lists: item by item reads what the whole document reads', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...SEEDS),
      fc.nat(),
      fc.nat({ max: 12 }),
      fc.oneof(
        fc.constantFrom(
          ...['', '-', '- ', '\n', '\n- ', '\n-', '\n  -', ' ', '  ', '\t', ':', '? ', '#'],
          ...['*m', '*b', '&a ', '!t ', '"', '[', '}', '|\n', '...\n', '---\n', '%', 'x'],
        ),
        fc.string({ maxLength: 4 }),
      ),
      (seed, at, cut, insert) => {
        const i = at % (seed.length + 1);
        const text = seed.slice(0, i) + insert + seed.slice(i + cut);
        const whole = readWhole(text);
        // The library carries %YAML 1.1 over to later documents; the stream composes each
        // document under its own directives (so does the whole-document reading).
        if (/^%YAML/m.test(text) && whole.values.length > 1) return;
        const byItem = readByItem(text);
        if (byItem.outerAlias) return; // read whole by the k8s reader
        assert.equal(byItem.error, whole.error, `error: ${JSON.stringify(text)}`);
        if (!whole.error) assert.deepEqual(byItem.values, whole.values, JSON.stringify(text));
      },
    ),
    { numRuns: 3000 },
  );
});
