// The admission logic on arbitrary JSON: an answer or a "malformed" message, never a throw,
// and the uid always echoed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { review, type AdmissionSettings } from '../../src/analysis/k8s/admission.js';
import { DEFAULT_LINT_OPTIONS } from '../../src/analysis/k8s/facts.js';
import { goWorkload } from './workloads-gen.js';

const settings = (mode: AdmissionSettings['mode']): AdmissionSettings => ({
  mode,
  options: DEFAULT_LINT_OPTIONS,
  denyAt: 'error',
  describe: (f) => f.code,
});

const KEY = fc.oneof(
  fc.constantFrom(
    'spec',
    'template',
    'containers',
    'initContainers',
    '0',
    '1',
    'env',
    'envFrom',
    'resources',
    'limits',
    'requests',
    'memory',
    'cpu',
    'value',
    'valueFrom',
    'resourceFieldRef',
    'divisor',
    'resource',
    'configMapKeyRef',
    'metadata',
    'annotations',
    'gomemlens.dev/go',
    'name',
    'kind',
  ),
  fc.string({ maxLength: 8 }),
);

/** Workload-shaped objects with random values in random places. */
const mangled = fc
  .tuple(
    fc.nat(50),
    fc.array(fc.tuple(fc.array(KEY, { maxLength: 7 }), fc.jsonValue()), {
      maxLength: 4,
    }),
  )
  .map(([i, edits]) => {
    const object = goWorkload(i) as Record<string, unknown>;
    for (const [path, value] of edits) {
      let node: Record<string, unknown> = object;
      for (const key of path.slice(0, -1)) {
        if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
        node = node[key] as Record<string, unknown>;
      }
      if (path.length) node[path[path.length - 1]] = value;
    }
    return object;
  });

test('review never throws on arbitrary objects, in every mode', () => {
  fc.assert(
    fc.property(
      fc.oneof(mangled, fc.jsonValue()),
      fc.constantFrom('warn', 'deny', 'mutate'),
      (object, mode) => {
        const body = {
          apiVersion: 'admission.k8s.io/v1',
          kind: 'AdmissionReview',
          request: { uid: 'u', object },
        };
        const r = review(body, settings(mode as AdmissionSettings['mode']));
        if (r.ok) assert.equal(r.response.uid, 'u');
        else assert.match(r.message, /object/);
      },
    ),
    { numRuns: 3000 },
  );
});

test('review rejects bodies that are not AdmissionReviews', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (body) => {
      const r = review(body, settings('warn'));
      assert.equal(r.ok, false);
    }),
    { numRuns: 500 },
  );
});
