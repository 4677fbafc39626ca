// The manifest parser on mutated real manifests: a result or a ParseError with a
// position, never another exception, and bounded time on alias bombs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { parseManifests } from '../../src/formats/k8s-manifest.js';
import { streamDocuments, YAML_OPTIONS } from '../../src/formats/yaml-stream.js';
import { lintObjects } from '../../src/analysis/k8s/lint.js';
import { CORPUS } from './helpers.js';
import { ParseError } from '../../src/model/errors.js';

const seeds = ['findings', 'clean'].flatMap((d) =>
  readdirSync(join(CORPUS, d))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => readFileSync(join(CORPUS, d, f), 'utf8')),
);

test('mutated manifests: findings or a positioned parse error, never a crash', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...seeds),
      fc.nat(),
      fc.nat({ max: 40 }),
      fc.string({ maxLength: 8 }),
      (seed, at, cut, insert) => {
        const i = at % (seed.length + 1);
        const text = seed.slice(0, i) + insert + seed.slice(i + cut);
        try {
          lintObjects(parseManifests(text, 'm.yaml').objects);
        } catch (err) {
          assert.ok(err instanceof ParseError, String(err));
          assert.ok(err.where.line! >= 1 && err.where.column! >= 1);
          assert.equal(err.where.file, 'm.yaml');
        }
      },
    ),
    { numRuns: 1500 },
  );
});

test('an alias bomb is refused quickly', () => {
  const bomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  ].join('\n');
  const started = Date.now();
  assert.throws(() => parseManifests(bomb, 'bomb.yaml'), ParseError);
  assert.ok(Date.now() - started < 2000);
});

test('positions: List items and later documents point into the right lines', () => {
  const text =
    'kind: ConfigMap\n---\napiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n  spec:\n    containers:\n    - name: c\n      env:\n      - {name: GOMEMLIMIT, value: 1Gi}\n';
  const { objects } = parseManifests(text, 'x.yaml');
  assert.equal(objects.length, 2);
  const pod = objects[1];
  assert.deepEqual(pod.base, ['items', 0]);
  assert.deepEqual(pod.locate(['spec', 'containers', 0, 'env', 0, 'value']), {
    line: 12,
    column: 35,
  });
  assert.deepEqual(
    pod.locate(['spec', 'containers', 0, 'resources']),
    { line: 10, column: 7 },
    'missing node: nearest ancestor',
  );
});

test('absurd nesting is a positioned parse error, not a crash', () => {
  const flow = 'a: ' + '['.repeat(100_000) + ']'.repeat(100_000);
  const block = Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n');
  for (const text of [flow, block]) {
    assert.throws(
      () => parseManifests(text, 'deep.yaml'),
      (err: unknown) => err instanceof ParseError && /nesting too deep/.test(err.what),
    );
  }
});

test('one document at a time reads what parseAllDocuments reads (mutated corpus)', () => {
  const plain = (doc: { toJS(): unknown; errors: { code: string }[] }) => {
    let value: string;
    try {
      value = JSON.stringify(doc.toJS());
    } catch (err) {
      value = `throws ${(err as Error).message}`;
    }
    return { value, errors: doc.errors.map((e) => e.code) };
  };
  const directives = '%YAML 1.2\n---\na: 1\n...\n# between\n--- |\n  text\n...\n';
  fc.assert(
    fc.property(
      fc.constantFrom(...seeds, directives),
      fc.nat(),
      fc.nat({ max: 40 }),
      fc.string({ maxLength: 8 }),
      (seed, at, cut, insert) => {
        const i = at % (seed.length + 1);
        const text = seed.slice(0, i) + insert + seed.slice(i + cut);
        const all = parseAllDocuments(text, YAML_OPTIONS);
        const expected = all.map(plain);
        const got: ReturnType<typeof plain>[] = [];
        try {
          streamDocuments(text, { maxDocumentTokens: 1e9, maxTokens: 1e9 }, (d) =>
            got.push(plain(d)),
          );
        } catch {
          // An error outside any document: the library has it too (on the stream or a document).
          const stream = (all as { errors?: unknown[] }).errors ?? [];
          const errors = [...stream, ...expected.flatMap((e) => e.errors)];
          assert.ok(errors.length > 0, JSON.stringify(text));
          return;
        }
        assert.deepEqual(got, expected);
      },
    ),
    { numRuns: 800 },
  );
});
