// Hostile Prometheus answers for `gomemlens fleet`, served by small local HTTP servers: a
// server that hangs, answers junk, 5xx, endless or deeply nested bodies, too many namespaces,
// partial data, hostile label values, credentials; and bad flags. Each gives exit 2 with one
// stderr line, or a partial result that says what is missing (docs/fleet.md).
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileSuite, type HostileCase } from './support.js';
import { makeCertificate } from '../k8s/webhook-support.js';

type Handler = (req: IncomingMessage, body: URLSearchParams, res: ServerResponse) => void;

const servers: { close(): void }[] = [];
after(() => servers.forEach((s) => s.close()));

async function serve(handler: Handler): Promise<string> {
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const params = req.method === 'POST' ? new URLSearchParams(body) : url.searchParams;
      handler(req, params, res);
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  servers.push({ close: () => s.close() });
  s.unref();
  return `http://127.0.0.1:${(s.address() as { port: number }).port}`;
}

const json = (res: ServerResponse, status: number, doc: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(doc));
};
const ok = (res: ServerResponse, data: unknown) => json(res, 200, { status: 'success', data });
const vector = (result: unknown[]) => ({ resultType: 'vector', result });
const T = 1736294400;

/** A Prometheus with one Go pod; kube-state-metrics queries fail with 503 (`failKsm`). */
function onePod(pod: string, opts: { failKsm?: boolean; calls?: string[] } = {}): Handler {
  return (req, p, res) => {
    opts.calls?.push(`${req.method} ${req.url?.split('?')[0]}`);
    if (req.url?.includes('/label/namespace/values')) return ok(res, ['shop']);
    const q = p.get('query') ?? '';
    if (opts.failKsm && q.includes('kube_pod'))
      return json(res, 503, { status: 'error', errorType: 'unavailable', error: 'overloaded' });
    if (req.url?.includes('query_range')) return ok(res, { resultType: 'matrix', result: [] });
    const labels = { namespace: 'shop', pod, container: 'app' };
    if (q.includes('go_info'))
      return ok(
        res,
        vector([
          { metric: { ...labels, gomemlens_stat: 'info', version: 'go1.22.5' }, value: [T, '1'] },
          { metric: { ...labels, gomemlens_stat: 'live_max' }, value: [T, String(100 << 20)] },
        ]),
      );
    if (q.includes('container_memory_working_set_bytes'))
      return ok(
        res,
        vector([
          { metric: { ...labels, gomemlens_stat: 'ws_p99' }, value: [T, String(200 << 20)] },
        ]),
      );
    return ok(res, vector([]));
  };
}

const hang = await serve(() => undefined);
const junk = await serve((_q, _p, res) => res.end('<html><body>login</body></html>'));
const down = await serve((_q, _p, res) =>
  json(res, 503, { status: 'error', errorType: 'unavailable', error: 'overloaded' }),
);
const endless = await serve((_q, _p, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(1 << 20, 0x5b);
  const pump = () => {
    while (res.write(chunk));
    res.once('drain', pump);
  };
  pump();
  res.on('close', () => res.removeAllListeners('drain'));
});
/** Answers under the 16 MiB cap, each a vector of 150,000 tiny series. */
const bigVector = JSON.stringify({
  status: 'success',
  data: vector(
    Array.from({ length: 150_000 }, (_, i) => ({
      metric: { namespace: 'a', pod: `p${i}`, container: 'c', gomemlens_stat: 'ws_p50' },
      value: [T, '1'],
    })),
  ),
});
function vectorServer(body: string) {
  return serve((req, _p, res) => {
    if (req.url?.includes('/label/')) return ok(res, ['a']);
    if (req.url?.includes('query_range')) return ok(res, { resultType: 'matrix', result: [] });
    res.end(body);
  });
}
const big = await vectorServer(bigVector);
/** 40,000 series with 250-byte label values: under both caps (14 MiB), so all are read. */
const wide = await vectorServer(
  JSON.stringify({
    status: 'success',
    data: vector(
      Array.from({ length: 40_000 }, (_, i) => ({
        metric: {
          namespace: 'a',
          pod: `p${i}`,
          container: 'c',
          image: 'x'.repeat(250),
          gomemlens_stat: 'ws_p50',
        },
        value: [T, '1'],
      })),
    ),
  }),
);
const deep = await serve((_q, _p, res) => res.end('['.repeat(200_000)));
const many = await serve((_q, _p, res) =>
  ok(
    res,
    Array.from({ length: 30_000 }, (_, i) => `ns-${i}`),
  ),
);
const partial = await serve(onePod('api-7d9f8c6b5-x2x4q', { failKsm: true }));
const evil = await serve(onePod('<img src=x onerror=alert(1)>\u001b[31m'));
const postCalls: string[] = [];
const longOk = await serve((req, p, res) => {
  if ((req.url?.length ?? 0) > 2000)
    return json(res, 414, { status: 'error', error: 'URI too long' });
  return onePod('api-7d9f8c6b5-x2x4q', { calls: postCalls })(req, p, res);
});
const TOKEN = 'tok3n-s3cret';
const guarded = await serve((req, p, res) => {
  const auth = req.headers.authorization ?? '';
  const basic = `Basic ${Buffer.from('admin:pa55word').toString('base64')}`;
  if (auth !== `Bearer ${TOKEN}` && auth !== basic)
    return json(res, 401, { status: 'error', errorType: 'unauthorized', error: 'unauthorized' });
  return onePod('api-7d9f8c6b5-x2x4q')(req, p, res);
});

/** An https Prometheus with a self-signed certificate (needs openssl; skipped without it). */
const cert = makeCertificate();
let tlsUrl = '';
if (typeof cert !== 'string') {
  const handler = onePod('api-7d9f8c6b5-x2x4q');
  const s = createTlsServer(
    { cert: readFileSync(cert.cert), key: readFileSync(cert.key) },
    (req, res) => {
      const url = new URL(req.url ?? '/', 'https://x');
      req.resume();
      req.on('end', () => handler(req, url.searchParams, res));
    },
  );
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  s.unref();
  servers.push({ close: () => s.close() });
  tlsUrl = `https://127.0.0.1:${(s.address() as { port: number }).port}`;
}
const tlsSkip = typeof cert === 'string' ? cert : undefined;

const fleet = (url: string, ...args: string[]) => [
  'fleet',
  '--prometheus',
  url,
  '--at',
  String(T),
  '--quiet',
  ...args,
];
const ONE_LINE = /^gomemlens fleet: [^\n]+\n$/;
const noSecret =
  (...secrets: string[]) =>
  (_dir: string, r: { stdout: string; stderr: string }) => {
    for (const s of secrets)
      assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), `${s} printed`);
  };

const servers_: HostileCase[] = [
  {
    name: 'a Prometheus that hangs',
    args: fleet(hang, '--timeout', '1s'),
    expectCode: 2,
    stderr: /cannot list namespaces: no complete answer within 1000 ms/,
    timeoutMs: 20_000,
  },
  {
    name: 'a login page instead of the API',
    args: fleet(junk),
    expectCode: 2,
    stderr: /cannot list namespaces: not JSON \(starts "<html><body>login/,
  },
  {
    name: 'every call 503',
    args: fleet(down),
    expectCode: 2,
    stderr: /HTTP 503: unavailable: overloaded/,
  },
  {
    name: 'every call 503, namespaces given (no listing first)',
    args: fleet(down, '--namespace', 'shop'),
    expectCode: 2,
    stderr: /no query answered: .*HTTP 503: unavailable: overloaded/,
  },
  {
    name: 'an endless body is cut at 16 MiB',
    args: fleet(endless),
    expectCode: 2,
    stderr: /body larger than 16777216 bytes/,
    maxRssMiB: 250,
  },
  {
    name: 'answers of 150,000 series (under the byte cap): refused unparsed, split, then left out',
    args: fleet(big, '--json'),
    expectCode: 0,
    maxRssMiB: 320,
    after: (_d, r) => {
      const missing: string[] = JSON.parse(r.stdout).missing;
      assert.ok(
        missing.some((m) => /left out, too large even split: .*more than 50000 series/.test(m)),
        missing.join('\n'),
      );
    },
  },
  {
    name: 'answers of 40,000 wide series (14 MiB each): read, memory bounded',
    args: fleet(wide, '--json'),
    expectCode: 0,
    maxRssMiB: 400,
    after: (_d, r) => assert.equal(JSON.parse(r.stdout).nonGoContainers, 40_000),
  },
  {
    name: 'JSON nested 200,000 deep',
    args: fleet(deep),
    expectCode: 2,
    stderr: /cannot list namespaces: not JSON/,
  },
  {
    name: 'more namespaces than any cluster has',
    args: fleet(many),
    expectCode: 2,
    stderr: /lists 30000 namespaces, more than 20000: give --namespace/,
  },
  {
    name: 'kube-state-metrics queries fail: a partial result that says so',
    args: fleet(partial),
    expectCode: 0,
    stdout:
      /Deployment\/api[\s\S]*Partial result: [\s\S]*kube-state-metrics series \(limit_last[^\n]*HTTP 503: unavailable: overloaded/,
    stderr: /^$/,
  },
  {
    name: 'partial result in JSON: the workload and what is missing',
    args: fleet(partial, '--json'),
    expectCode: 0,
    after: (_d, r) => {
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.workloads.length, 1);
      assert.equal(doc.workloads[0].ownerSource, 'pod name');
      assert.ok(doc.missing.some((m: string) => m.includes('kube-state-metrics')));
    },
  },
  {
    name: 'one of two sources hangs: the other is reported, the hanging one listed as missing',
    args: [...fleet(partial, '--json', '--timeout', '1s'), '--prometheus', `slow=${hang}`],
    expectCode: 0,
    timeoutMs: 20_000,
    after: (_d, r) =>
      assert.ok(
        JSON.parse(r.stdout).missing.some((m: string) =>
          /^slow \(.*\): cannot list namespaces: no complete answer/.test(m),
        ),
      ),
  },
  {
    name: 'hostile label values are text in HTML and carry no escape sequences in text',
    args: fleet(evil, '--format', 'html', '-o', 'f.html'),
    expectCode: 0,
    after: (dir) => {
      const html = readFileSync(join(dir, 'f.html'), 'utf8');
      assert.ok(
        !html.includes('<img src=x') && html.includes('&#60;img src=x onerror=alert(1)&#62;'),
      );
    },
  },
  {
    name: 'hostile label values in text',
    args: fleet(evil),
    expectCode: 0,
    after: (_d, r) => assert.ok(!r.stdout.includes('\u001b')),
  },
  {
    name: 'long queries go as POST forms (a proxy refuses long URLs)',
    args: fleet(
      longOk,
      ...Array.from({ length: 120 }, (_, i) => [
        '--namespace',
        `team-${i}-with-a-long-name`,
      ]).flat(),
      '--batch',
      '200',
      '--json',
    ),
    expectCode: 0,
    after: () => assert.ok(postCalls.includes('POST /api/v1/query'), postCalls.join(' ')),
  },
  {
    name: 'a bearer token from a file: sent, never printed',
    args: fleet(guarded, '--bearer-token-file', 'tok', '--json'),
    setup: (d) => writeFileSync(join(d, 'tok'), `${TOKEN}\n`),
    expectCode: 0,
    after: noSecret(TOKEN),
  },
  {
    name: 'no token: 401 in one line',
    args: fleet(guarded),
    expectCode: 2,
    stderr: /HTTP 401: unauthorized: unauthorized/,
  },
  {
    name: 'user:password in the URL: sent as basic auth, never printed',
    args: fleet(guarded.replace('http://', 'http://admin:pa55word@'), '--json'),
    expectCode: 0,
    after: noSecret('pa55word'),
  },
  {
    name: 'a wrong password in the URL is not printed either',
    args: fleet(guarded.replace('http://', 'http://admin:wr0ngpw@')),
    expectCode: 2,
    stderr: ONE_LINE,
    after: noSecret('wr0ngpw'),
  },
  {
    name: 'https with a private CA: --ca-file trusts it',
    args: fleet(tlsUrl, '--ca-file', typeof cert === 'string' ? '' : cert.cert, '--json'),
    expectCode: 0,
    skip: tlsSkip,
  },
  {
    name: 'https with a private CA, no --ca-file: refused in one line',
    args: fleet(tlsUrl),
    expectCode: 2,
    stderr: /self[- ]signed certificate/,
    skip: tlsSkip,
  },
  {
    name: 'nothing listens',
    args: fleet('http://127.0.0.1:1'),
    expectCode: 2,
    stderr: /connection refused/,
  },
];

const flags: HostileCase[] = [
  { name: 'no --prometheus', args: ['fleet'], expectCode: 2, stderr: /give --prometheus URL/ },
  {
    name: '--prometheus ftp://',
    args: ['fleet', '--prometheus', 'ftp://x'],
    expectCode: 2,
    stderr: /wants an http\(s\) URL/,
  },
  {
    name: 'a cluster name given twice',
    args: ['fleet', '--prometheus', 'a=http://x', '--prometheus', 'a=http://y'],
    expectCode: 2,
    stderr: /name "a" given twice/,
  },
  {
    name: '--window 7 (no unit)',
    args: fleet(down, '--window', '7'),
    expectCode: 2,
    stderr: /--window wants a duration like 7d/,
  },
  {
    name: '--window 365d',
    args: fleet(down, '--window', '365d'),
    expectCode: 2,
    stderr: /--window is 1h to 90d/,
  },
  {
    name: '--at yesterday',
    args: fleet(down, '--at', 'yesterday'),
    expectCode: 2,
    stderr: /--at wants RFC 3339/,
  },
  {
    name: '--gc-cpu-budget 150%',
    args: fleet(down, '--gc-cpu-budget', '150%'),
    expectCode: 2,
    stderr: /--gc-cpu-budget wants a share/,
  },
  {
    name: '--format yaml',
    args: fleet(down, '--format', 'yaml'),
    expectCode: 2,
    stderr: /--format wants text, json, markdown, csv, html/,
  },
  {
    name: '--emit-patches into a missing directory: refused before any query',
    args: fleet(hang, '--emit-patches', 'nope'),
    expectCode: 2,
    stderr: /--emit-patches nope: not a directory/,
  },
  {
    name: '--bearer-token-file /dev/zero',
    args: fleet(down, '--bearer-token-file', '/dev/zero'),
    expectCode: 2,
    stderr: /larger than 1 MiB/,
  },
  {
    name: '--manifests /dev/zero',
    args: fleet(down, '--manifests', '/dev/zero'),
    expectCode: 2,
    stderr: /\/dev\/zero: /,
  },
  {
    name: '--manifests with broken YAML',
    args: fleet(down, '--manifests', 'm.yaml'),
    setup: (d) => writeFileSync(join(d, 'm.yaml'), 'a: [\n'),
    expectCode: 2,
    stderr: /m\.yaml:\d+:\d+/,
  },
  {
    name: '-o into a missing directory: nothing written',
    args: fleet(partial, '-o', 'no/such/f.txt'),
    expectCode: 2,
    stderr: /cannot write no\/such\/f.txt: no such file or directory/,
    after: (dir) =>
      assert.deepEqual(
        readdirSync(dir).filter((n) => !n.startsWith('.')),
        [],
      ),
  },
  {
    name: '--emit-patches writes a patch file per patchable workload',
    args: fleet(partial, '--emit-patches', 'p', '--json'),
    setup: (d) => mkdirSync(join(d, 'p')),
    expectCode: 0,
    after: (dir) => assert.deepEqual(readdirSync(join(dir, 'p')), ['shop_deployment_api.yaml']),
  },
];

hostileSuite('fleet', [...servers_, ...flags]);
