// The admission webhook over real TLS on 127.0.0.1: real AdmissionReviews for Deployments and
// Pods, malformed requests, and 2,000 requests 50 at a time with every answer checked by
// applying its JSON Patch (fast-json-patch) and linting the result again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { rmSync } from 'node:fs';
import jsonpatch from 'fast-json-patch';
import { lintObjects } from '../../src/analysis/k8s/lint.js';
import { objectFromJson } from '../../src/formats/k8s-manifest.js';
import { makeCertificate, post, review, startWebhook, type Webhook } from './webhook-support.js';
import { goWorkload } from './workloads-gen.js';

const tls = makeCertificate();
let deny: Webhook | undefined;
let warn: Webhook | undefined;

before(async () => {
  if (typeof tls === 'string') return;
  deny = await startWebhook(tls, 'deny');
  warn = await startWebhook(tls, 'warn');
});

after(async () => {
  await deny?.stop();
  await warn?.stop();
  if (typeof tls !== 'string') rmSync(tls.dir, { recursive: true, force: true });
});

const skip = typeof tls === 'string' ? tls : false;

function findings(object: unknown) {
  return lintObjects([objectFromJson(object as Record<string, unknown>, 'request')]).findings;
}

function patched(object: unknown, response: { patch?: string; patchType?: string }) {
  if (!response.patch) return object;
  assert.equal(response.patchType, 'JSONPatch');
  const ops = JSON.parse(Buffer.from(response.patch, 'base64').toString('utf8'));
  return jsonpatch.applyPatch(structuredClone(object), ops, true, false).newDocument;
}

test('healthz answers over TLS with the test CA', { skip }, async () => {
  const r = await post(warn!, '/healthz', '', 'GET');
  assert.deepEqual([r.status, r.body.status], [200, 'ok']);
});

test(
  'validate (warn): a Deployment with GOMEMLIMIT in Mi is allowed with a warning',
  { skip },
  async () => {
    const object = goWorkload(1);
    const r = await post(warn!, '/validate', review(object, 'uid-warn-1'));
    assert.equal(r.status, 200);
    assert.equal(r.body.apiVersion, 'admission.k8s.io/v1');
    assert.equal(r.body.response.uid, 'uid-warn-1');
    assert.equal(r.body.response.allowed, true);
    assert.match(r.body.response.warnings[0], /^k8s-gomemlimit-malformed: /);
    assert.ok(r.body.response.warnings.every((w: string) => w.length <= 250));
  },
);

test(
  'validate (deny): errors refuse with 403 and reasons, a clean Pod passes',
  { skip },
  async () => {
    const bad = await post(deny!, '/validate', review(goWorkload(3), 'uid-deny-1'));
    assert.equal(bad.body.response.allowed, false);
    assert.equal(bad.body.response.status.code, 403);
    assert.match(bad.body.response.status.message, /k8s-gomemlimit-divisor/);
    const good = goWorkload(0);
    const fixed = patched(
      good,
      (await post(deny!, '/mutate', review(good, 'uid-m'))).body.response,
    );
    const ok = await post(deny!, '/', review(fixed, 'uid-deny-2'));
    assert.deepEqual(
      [ok.body.response.uid, ok.body.response.allowed, ok.body.response.warnings],
      ['uid-deny-2', true, undefined],
    );
  },
);

test('DELETE (no object) is allowed', { skip }, async () => {
  const r = await post(deny!, '/validate', review(null, 'uid-del', 'DELETE'));
  assert.deepEqual(r.body.response, { uid: 'uid-del', allowed: true });
});

test('malformed requests get 4xx with a message, and the server stays up', { skip }, async () => {
  const cases: [string, string | Buffer, string, number][] = [
    ['/validate', '{"apiVersion": "admission.k8s', 'POST', 400],
    ['/validate', '[]', 'POST', 400],
    [
      '/validate',
      JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }),
      'POST',
      400,
    ],
    [
      '/mutate',
      JSON.stringify({
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: { uid: 'x', object: 'pod' },
      }),
      'POST',
      400,
    ],
    ['/validate', '', 'GET', 405],
    ['/nowhere', '{}', 'POST', 404],
    ['/validate', Buffer.alloc(5 * 1024 * 1024, 32), 'POST', 413],
    ['/validate', Buffer.from([0xff, 0xfe, 0x00, 0x7b]), 'POST', 400],
  ];
  for (const [path, body, method, status] of cases) {
    const r = await post(deny!, path, body, method);
    assert.equal(r.status, status, `${method} ${path}`);
    assert.equal(typeof r.body.message, 'string');
  }
  await new Promise<void>((resolve) => {
    const s = connect(deny!.port, '127.0.0.1', () => s.end('GET / HTTP/1.1\r\n\r\nnot tls at all'));
    s.on('close', () => resolve());
    s.on('error', () => resolve());
  });
  await new Promise<void>((resolve) => {
    // TLS, headers promising 1000 bytes, 10 sent, then the client vanishes.
    const s = tlsConnect(
      { host: '127.0.0.1', port: deny!.port, ca: deny!.ca, servername: '127.0.0.1' },
      () => {
        s.write('POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"apiVersi');
        setTimeout(() => s.destroy(), 50);
      },
    );
    s.on('close', () => resolve());
    s.on('error', () => resolve());
  });
  assert.equal((await post(deny!, '/healthz', '', 'GET')).status, 200);
  assert.equal(deny!.stderr(), '', 'nothing logged as an internal error');
});

test('2,000 mutating reviews, 50 at a time: every patch leaves no finding', { skip }, async () => {
  const total = 2000;
  let next = 0;
  const problems: string[] = [];
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const object = goWorkload(i);
      assert.ok(findings(object).length > 0, `workload ${i} has something to fix`);
      const r = await post(deny!, '/mutate', review(object, `uid-${i}`));
      if (
        r.status !== 200 ||
        r.body.response.uid !== `uid-${i}` ||
        r.body.response.allowed !== true
      ) {
        problems.push(`${i}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        continue;
      }
      const left = findings(patched(object, r.body.response));
      if (left.length) problems.push(`${i}: ${left.map((f) => f.code).join(',')}`);
      if (r.body.response.warnings) problems.push(`${i}: warnings ${r.body.response.warnings}`);
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  assert.deepEqual(problems.slice(0, 10), []);
  assert.equal(deny!.stderr(), '', 'no internal errors logged');
});
