// Which containers are Go without annotations: the image catalogue, --go-image, the config
// file, the order of the rules, and the unknown-language count of the summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectGo } from '../../src/analysis/k8s/go-detect.js';
import { IMAGE_CATALOGUE } from '../../src/analysis/k8s/go-image-catalogue.js';
import { imageLanguage, imagePattern, NO_PATTERNS } from '../../src/analysis/k8s/image-language.js';
import { parseConfig } from '../../src/formats/gomemlens-config.js';
import { ParseError } from '../../src/model/errors.js';
import { formatImageRef, parseImageRef } from '../../src/model/image-ref.js';
import type { ImageInspection } from '../../src/model/image-inspection.js';
import { cli } from './helpers.js';

test('image references normalize as Docker and Kubernetes read them', () => {
  const cases: [string, string | undefined][] = [
    ['nginx', 'docker.io/library/nginx:latest'],
    ['prom/prometheus:v3.5.0', 'docker.io/prom/prometheus:v3.5.0'],
    ['quay.io/prometheus/prometheus', 'quay.io/prometheus/prometheus:latest'],
    ['localhost/app:1', 'localhost/app:1'],
    ['127.0.0.1:5000/team/api:2.0', '127.0.0.1:5000/team/api:2.0'],
    [
      'registry.k8s.io/coredns/coredns@sha256:' + 'a'.repeat(64),
      'registry.k8s.io/coredns/coredns@sha256:' + 'a'.repeat(64),
    ],
    ['Nginx', undefined], // repositories are lowercase
    ['', undefined],
    ['{{ .Values.image }}', undefined],
    ['example.com/app:bad tag', undefined],
  ];
  for (const [text, want] of cases) {
    const ref = parseImageRef(text);
    assert.equal(ref ? formatImageRef(ref) : undefined, want, text);
  }
});

test('every catalogue entry names its upstream project and canonical repositories', () => {
  const seen = new Set<string>();
  for (const e of IMAGE_CATALOGUE) {
    assert.match(e.upstream, /^https:\/\/github\.com\/[^/]+\/[^/]+/, e.project);
    for (const repo of e.repositories) {
      assert.ok(!seen.has(repo), `${repo} listed twice`);
      seen.add(repo);
      const ref = parseImageRef(repo.replace(/\/\*$/, '/x'));
      assert.ok(ref, repo);
      assert.ok(repo.startsWith(`${ref.registry}/`), `${repo} is canonical (registry first)`);
    }
  }
  for (const project of ['Prometheus', 'Thanos', 'etcd', 'CoreDNS', 'Traefik', 'Cilium', 'Flux'])
    assert.ok(
      IMAGE_CATALOGUE.some((e) => e.project.startsWith(project)),
      project,
    );
});

test('catalogue lookups: short Docker Hub names, other registries, org-wide entries', () => {
  const lang = (image: string) => imageLanguage(image, NO_PATTERNS)?.language;
  assert.equal(lang('prom/prometheus:v3.5.0'), 'go');
  assert.equal(lang('traefik:v3.4'), 'go');
  assert.equal(lang('registry.k8s.io/kube-apiserver:v1.33.0'), 'go');
  assert.equal(lang('ghcr.io/fluxcd/source-controller:v1.6.0'), 'go');
  assert.equal(lang('nginx:1.27'), 'other');
  assert.equal(lang('busybox'), 'other');
  assert.equal(lang('example.com/prom/prometheus'), undefined, 'a mirror is not the upstream');
  assert.equal(lang('registry.k8s.io/ingress-nginx/controller:v1.12.0'), undefined);
});

test('team patterns win over the catalogue and must match the whole image', () => {
  const patterns = {
    go: [imagePattern('example\\.com/team/.*', '--go-image')],
    other: [imagePattern('docker\\.io/library/traefik', 'config otherImages')],
  };
  assert.equal(imageLanguage('example.com/team/api:1.0', patterns)?.language, 'go');
  assert.equal(imageLanguage('x.example.com/team/api:1.0', patterns), undefined, 'anchored');
  assert.equal(imageLanguage('traefik:v3', patterns)?.language, 'other', 'canonical form matched');
  assert.match(imageLanguage('example.com/team/api', patterns)!.reason, /--go-image/);
});

test('the order of the detection rules', () => {
  const base = { init: false, annotation: undefined, envNames: [], unresolvedEnvFrom: 0 };
  const inspected = (verdict: ImageInspection['verdict']): ImageInspection => ({
    image: 'example.com/a:1',
    digest: 'sha256:' + '0'.repeat(64),
    platform: 'linux/amd64',
    argv: ['/app'],
    binary: '/app',
    verdict,
    reason: verdict === 'go' ? 'Go build info' : 'no Go build info',
    goVersion: verdict === 'go' ? 'go1.17.13' : undefined,
  });
  // 1. opted out, whatever else says Go
  assert.equal(
    detectGo({ ...base, annotation: 'false', envNames: ['GOGC'], image: 'prom/prometheus' })
      .language,
    'other',
  );
  // 2. a Go variable beats an inspection that found no Go binary (a wrapper may start Go)
  const byVar = detectGo({ ...base, envNames: ['GOGC'], inspection: inspected('not-go') });
  assert.deepEqual([byVar.isGo, byVar.binary], [true, undefined]);
  // 4. the binary's version comes with a Go verdict, whatever made the container Go
  const withVersion = detectGo({ ...base, envNames: ['GOGC'], inspection: inspected('go') });
  assert.equal(withVersion.binary?.goVersion, 'go1.17.13');
  assert.equal(detectGo({ ...base, inspection: inspected('go') }).language, 'go');
  // the inspection beats the catalogue
  const notGo = detectGo({ ...base, image: 'prom/prometheus', inspection: inspected('not-go') });
  assert.equal(notGo.language, 'other');
  // 5, 6
  assert.equal(detectGo({ ...base, image: 'prom/prometheus' }).language, 'go');
  assert.equal(detectGo({ ...base, image: 'example.com/x' }).language, 'unknown');
  // init containers: the annotation does not reach them, the catalogue does
  assert.equal(detectGo({ ...base, init: true, annotation: 'true' }).language, 'unknown');
  assert.equal(detectGo({ ...base, init: true, image: 'busybox:1.36' }).language, 'other');
});

test('config file: goImages and otherImages; typos and junk are refused', () => {
  const ok = parseConfig('k8s:\n  goImages: ["a/.*"]\n  otherImages:\n    - b\n');
  assert.deepEqual(ok, { goImages: ['a/.*'], otherImages: ['b'] });
  assert.deepEqual(parseConfig(''), { goImages: [], otherImages: [] });
  for (const bad of [
    'k8s:\n  goimages: [a]\n', // typo
    'k8s: [a]\n',
    'k8s:\n  goImages: a\n',
    'k8s:\n  goImages: [1]\n',
    '- a\n',
    'k8s: {goImages: [a]\n', // unclosed
    'a: &x [*x]\n',
  ])
    assert.throws(() => parseConfig(bad), ParseError, bad);
});

test('CLI: --go-image and --config classify a team image; the summary counts the rest', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-detect-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const manifest = join(dir, 'm.yaml');
  writeFileSync(
    manifest,
    `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: api
      image: registry.example.com/team/api:1.4
      resources: {limits: {memory: 1Gi}}
    - name: edge
      image: registry.example.com/team/edge:2.0
      resources: {limits: {memory: 256Mi}}
`,
  );
  const run = (...extra: string[]) => {
    const r = cli(['k8s', 'lint', '--json', ...extra, manifest]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    return JSON.parse(r.stdout);
  };
  const plain = run();
  assert.deepEqual([plain.summary.goContainers, plain.summary.unknownLanguage], [0, 2]);
  assert.deepEqual(
    plain.unknownContainers.map((u: { image: string }) => u.image),
    ['registry.example.com/team/api:1.4', 'registry.example.com/team/edge:2.0'],
  );
  const text = cli(['k8s', 'lint', manifest]).stdout;
  assert.match(text, /0 Go containers, 2 of unknown language\n/);
  assert.match(text, /--go-image REGEX/);

  const flagged = run('--go-image', 'registry\\.example\\.com/team/api:.*');
  assert.deepEqual([flagged.summary.goContainers, flagged.summary.unknownLanguage], [1, 1]);
  assert.deepEqual(
    flagged.findings.map((f: { code: string }) => f.code),
    ['k8s-gomemlimit-missing'],
  );

  const config = join(dir, 'gomemlens.yaml');
  writeFileSync(
    config,
    'k8s:\n  goImages: ["registry\\\\.example\\\\.com/team/.*"]\n  otherImages: [".*/edge:.*"]\n',
  );
  const configured = run('--config', config);
  // goImages come first: edge matches both and is Go.
  assert.deepEqual([configured.summary.goContainers, configured.summary.unknownLanguage], [2, 0]);

  const badRe = cli(['k8s', 'lint', '--go-image', '(', manifest]);
  assert.equal(badRe.status, 2);
  assert.match(badRe.stderr, /--go-image "\(": Invalid regular expression/);
  writeFileSync(config, 'k8s:\n  goImage: []\n');
  const typo = cli(['k8s', 'lint', '--config', config, manifest]);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /gomemlens\.yaml: unknown key k8s\.goImage/);
  assert.equal(typo.stderr.trim().split('\n').length, 1);
});
