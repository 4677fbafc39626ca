// The GOMEMLIMIT hint for a Kubernetes-style or decimal quantity, as properties: it parses in
// Go's syntax to no more bytes than the quantity means (Go has only binary units, so "480M" is
// converted, never relabelled "480MiB"), and every rule that prints it under a memory limit
// keeps it at or below that limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseGoMemLimit } from '../../src/model/gomemlimit.js';
import { MiB } from '../../src/model/units.js';
import { lintObjects } from '../../src/analysis/k8s/lint.js';
import { objectFromJson } from '../../src/formats/k8s-manifest.js';
import { report } from './helpers.js';

const UNIT: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  k: 1000n,
  K: 1000n,
  kB: 1000n,
  KB: 1000n,
  M: 10n ** 6n,
  MB: 10n ** 6n,
  G: 10n ** 9n,
  GB: 10n ** 9n,
  T: 10n ** 12n,
  TB: 10n ** 12n,
};
const INT64_MAX = (1n << 63n) - 1n;

const quantity = fc.record({
  count: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.bigInt({ min: 0n, max: 10n ** 12n })),
  unit: fc.constantFrom(...Object.keys(UNIT)),
});

function meantBytes(q: { count: number | bigint; unit: string }): bigint {
  return BigInt(q.count) * UNIT[q.unit];
}

/** The bytes Go reads from a suggested value; fails when Go would refuse it. */
function goBytes(value: unknown): bigint {
  const parsed = parseGoMemLimit(String(value));
  assert.equal(parsed.kind, 'bytes', `${String(value)} is not in Go's syntax`);
  return parsed.kind === 'bytes' ? BigInt(parsed.bytes) : -1n;
}

test('the hint is what was meant, in Go syntax, never more: 480M -> 457MiB, 512Mi -> 512MiB', () => {
  fc.assert(
    fc.property(quantity, (q) => {
      const text = `${q.count}${q.unit}`;
      const parsed = parseGoMemLimit(text);
      assert.equal(parsed.kind, 'malformed', text);
      const meant = parsed.kind === 'malformed' ? parsed.meant : undefined;
      const bytes = meantBytes(q);
      if (bytes > INT64_MAX) return assert.equal(meant, undefined, text);
      assert.ok(meant, text);
      const hinted = goBytes(meant.hint);
      assert.ok(hinted <= bytes, `${text} -> ${meant.hint}: above the ${bytes} B meant`);
      if (q.unit.endsWith('i')) assert.equal(hinted, bytes, `${text} is an exact relabel`);
      else
        assert.ok(bytes - hinted < BigInt(MiB), `${text} -> ${meant.hint}: off by a MiB or more`);
    }),
    { numRuns: 2000 },
  );
});

function goContainer(gomemlimit: string, limitMi: number): Record<string, unknown> {
  const container = {
    name: 'app',
    image: 'example.com/app:1',
    env: [{ name: 'GOMEMLIMIT', value: gomemlimit }],
    resources: { limits: { memory: `${limitMi}Mi` } },
  };
  const annotations = { 'gomemlens.dev/go': 'true' };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app', annotations },
    spec: { containers: [container] },
  };
}

test('k8s lint: the malformed-GOMEMLIMIT hint is never above the meant value nor 90% of the limit', () => {
  fc.assert(
    fc.property(quantity, fc.integer({ min: 1, max: 64 * 1024 }), (q, limitMi) => {
      const text = `${q.count}${q.unit}`;
      const object = objectFromJson(goContainer(text, limitMi), 'generated');
      const f = lintObjects([object]).findings.find((x) => x.code === 'k8s-gomemlimit-malformed');
      assert.ok(f, text);
      if (meantBytes(q) > INT64_MAX) return assert.equal(f.args.hint, undefined);
      const hinted = goBytes(f.args.hint);
      assert.ok(hinted <= meantBytes(q), `${text} -> ${String(f.args.hint)}`);
      assert.ok(Number(hinted) <= 0.9 * limitMi * MiB, `${String(f.args.hint)} over ${limitMi}Mi`);
    }),
    { numRuns: 500 },
  );
});

test('diagnose: the suggestion is never above the meant value nor the effective limit', () => {
  fc.assert(
    fc.property(quantity, fc.integer({ min: 1, max: 64 * 1024 }), (q, limitMi) => {
      const text = `${q.count}${q.unit}`;
      const r = report({ env: { GOMEMLIMIT: text }, limit: limitMi * MiB });
      const f = r.findings.find((x) => x.code === 'gomemlimit-malformed');
      assert.ok(f, text);
      if (f.args.suggestion === undefined) return; // overflow, or no room under the limit
      const hinted = goBytes(f.args.suggestion);
      assert.ok(hinted <= meantBytes(q), `${text} -> ${String(f.args.suggestion)}`);
      assert.ok(Number(hinted) <= limitMi * MiB, `${String(f.args.suggestion)} over ${limitMi}Mi`);
    }),
    { numRuns: 300 },
  );
});

test('the printed fixes: 480M under a 1Gi limit, 1GB under a 1Gi limit, 512Mi without one', () => {
  const lint = (value: string, limitMi: number) =>
    lintObjects([objectFromJson(goContainer(value, limitMi), 'x')]).findings.find(
      (x) => x.code === 'k8s-gomemlimit-malformed',
    )?.args;
  assert.equal(lint('480M', 1024)?.hint, '457MiB');
  assert.equal(lint('480M', 1024)?.hintCapped, false);
  // 1GB = 953.7 MiB is above 90% of 1Gi (921.6 MiB): lowered to 921MiB.
  assert.equal(lint('1GB', 1024)?.hint, '921MiB');
  assert.equal(lint('1GB', 1024)?.hintCapped, true);
  const d = report({ env: { GOMEMLIMIT: '512Mi' }, without: ['cgroup'] });
  assert.equal(
    d.findings.find((x) => x.code === 'gomemlimit-malformed')?.args.suggestion,
    '512MiB',
  );
});
