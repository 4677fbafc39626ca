// The rules that use the image's Go version, fed inspections directly (as --inspect-images
// would hand them over), for versions no test binary has: 1.14 (MADV_FREE by default), 1.18
// (no GOMEMLIMIT), 1.24 (GOMAXPROCS not container-aware), 1.25 and 1.26 (Green Tea GC).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintObjects } from '../../src/analysis/k8s/lint.js';
import { DEFAULT_LINT_OPTIONS } from '../../src/analysis/k8s/facts.js';
import { NO_PATTERNS } from '../../src/analysis/k8s/image-language.js';
import { parseManifests } from '../../src/formats/k8s-manifest.js';
import { imageRequestKey, type ImageInspection } from '../../src/model/image-inspection.js';
import { describeFinding } from '../../src/report/messages/index.js';

function lint(goVersion: string, env: Record<string, string>, goexperiment?: string) {
  const vars = Object.entries(env)
    .map(([k, v]) => `        - {name: ${k}, value: "${v}"}\n`)
    .join('');
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: example.com/app:1
${vars ? '      env:\n' + vars.replace(/^ {8}/gm, '        ') : ''}      resources: {limits: {memory: 1Gi, cpu: 1500m}}
`;
  const inspection: ImageInspection = {
    image: 'example.com/app:1',
    digest: 'sha256:' + 'ab'.repeat(32),
    platform: 'linux/amd64',
    argv: ['/app'],
    binary: '/app',
    verdict: 'go',
    reason: 'Go build info',
    goVersion,
    goexperiment,
  };
  const inspections = new Map([[imageRequestKey({ image: 'example.com/app:1' }), inspection]]);
  const r = lintObjects(parseManifests(yaml, 'p.yaml').objects, DEFAULT_LINT_OPTIONS, {
    patterns: NO_PATTERNS,
    inspections,
  });
  assert.equal(r.goContainers, 1, 'Go by its binary, without annotation or variable');
  return r.findings;
}

const codes = (fs: readonly { code: string }[]) => fs.map((f) => f.code).sort();
const find = (fs: ReturnType<typeof lint>, code: string) => fs.find((f) => f.code === code)!;

test('Go 1.14: madvdontneed advised; GOMEMLIMIT missing says the Go is too old first', () => {
  const fs = lint('go1.14.15', {});
  assert.deepEqual(codes(fs), [
    'k8s-godebug-madvdontneed',
    'k8s-gomaxprocs-not-container-aware',
    'k8s-gomemlimit-missing',
  ]);
  assert.equal(find(fs, 'k8s-godebug-madvdontneed').args.effect, 'advise');
  assert.equal(find(fs, 'k8s-gomaxprocs-not-container-aware').args.suggested, 2);
  assert.match(
    describeFinding(find(fs, 'k8s-gomemlimit-missing')).fix,
    /go1\.14\.15, which has no GOMEMLIMIT/,
  );
  assert.deepEqual(codes(lint('go1.14.15', { GODEBUG: 'madvdontneed=1', GOMAXPROCS: '2' })), [
    'k8s-gomemlimit-missing',
  ]);
});

test('Go 1.18: a malformed GOMEMLIMIT is not "malformed", it is never read', () => {
  const fs = lint('go1.18.10', { GOMEMLIMIT: '900Mi', GOMAXPROCS: '2' });
  assert.deepEqual(codes(fs), ['k8s-gomemlimit-go-too-old']);
  assert.equal(find(fs, 'k8s-gomemlimit-go-too-old').severity, 'error');
  // From 1.19 on, the same value is the malformed error it is.
  assert.deepEqual(codes(lint('go1.19.13', { GOMEMLIMIT: '900Mi', GOMAXPROCS: '2' })), [
    'k8s-gomemlimit-malformed',
  ]);
});

test('GOMAXPROCS above the CPU limit: the fix depends on container-aware GOMAXPROCS (1.25)', () => {
  const old = find(
    lint('go1.24.6', { GOMEMLIMIT: '900MiB', GOMAXPROCS: '8' }),
    'k8s-gomaxprocs-above-cpu',
  );
  assert.match(
    describeFinding(old).fix,
    /^Set GOMAXPROCS=2 \(go1\.24\.6 does not read the CPU limit/,
  );
  const now = find(
    lint('go1.25.1', { GOMEMLIMIT: '900MiB', GOMAXPROCS: '8' }),
    'k8s-gomaxprocs-above-cpu',
  );
  assert.match(describeFinding(now).fix, /^Remove GOMAXPROCS/);
  assert.deepEqual(codes(lint('go1.25.1', { GOMEMLIMIT: '900MiB' })), [], 'no GOMAXPROCS needed');
});

test('madvdontneed: a no-op on >= 1.16, an opt-in to MADV_FREE with =0', () => {
  const env = { GOMEMLIMIT: '900MiB' };
  const noop = find(
    lint('go1.26.8', { ...env, GODEBUG: 'madvdontneed=1' }),
    'k8s-godebug-madvdontneed',
  );
  assert.equal(noop.args.effect, 'no-effect');
  assert.equal(noop.severity, 'info');
  const free = find(
    lint('go1.26.8', { ...env, GODEBUG: 'gctrace=1,madvdontneed=0' }),
    'k8s-godebug-madvdontneed',
  );
  assert.equal(free.args.effect, 'opts-into-free');
});

test('GOEXPERIMENT in env: the collector the binary runs, from its version and build setting', () => {
  const env = { GOMEMLIMIT: '900MiB', GOEXPERIMENT: 'nogreenteagc' };
  const collector = (v: string, built?: string) =>
    find(lint(v, env, built), 'k8s-goexperiment-at-runtime').args.collector;
  assert.equal(collector('go1.26.8'), 'greentea', 'the variable does not turn it off');
  assert.equal(collector('go1.26.8', 'nogreenteagc'), 'classic', 'the build setting does');
  assert.equal(collector('go1.25.4'), 'classic');
  assert.equal(collector('go1.25.4', 'greenteagc'), 'greentea');
  assert.match(
    describeFinding(find(lint('go1.26.8', env), 'k8s-goexperiment-at-runtime')).summary,
    /runs the Green Tea GC whatever the variable says/,
  );
});
