// The webhook's limits, over real TLS against the real server: slow headers and silent clients
// are closed at the documented 5 s (Node's default check ran every 30 s), nesting is a 400,
// every 5xx is logged, and small reviews stay fast while large ones run on the worker thread.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { rmSync } from 'node:fs';
import { makeCertificate, post, review, startWebhook, type Webhook } from './webhook-support.js';
import { goWorkload } from './workloads-gen.js';

const tls = makeCertificate();
let hook: Webhook | undefined;
const skip = typeof tls === 'string' ? tls : false;

before(async () => {
  if (typeof tls !== 'string') hook = await startWebhook(tls, 'deny');
});
after(async () => {
  await hook?.stop();
  if (typeof tls !== 'string') rmSync(tls.dir, { recursive: true, force: true });
});

function tlsTo(h: Webhook, onConnect: (s: TLSSocket) => void): TLSSocket {
  const s = tlsConnect({ host: '127.0.0.1', port: h.port, ca: h.ca }, () => onConnect(s));
  s.on('error', () => undefined);
  return s;
}

/** ms until the server closes `s`. */
function closedAfter(s: { on(e: 'close', f: () => void): unknown }): Promise<number> {
  const t0 = Date.now();
  return new Promise((resolve) => s.on('close', () => resolve(Date.now() - t0)));
}

test(
  'slow headers, an idle TLS connection and a silent TCP client are closed at 5 s, a slow body at 10 s',
  { skip },
  async () => {
    const slow = tlsTo(hook!, (s) => {
      s.write('POST /validate HTTP/1.1\r\nHost: x\r\n');
      const timer = setInterval(() => s.write('X-Slow: 1\r\n'), 500);
      s.on('close', () => clearInterval(timer));
    });
    const idle = tlsTo(hook!, () => undefined);
    const silent = connect(hook!.port, '127.0.0.1');
    silent.on('error', () => undefined);
    // Headers in time, then a body that trickles: the 10 s request timeout.
    const trickle = tlsTo(hook!, (s) => {
      s.write('POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{');
      const timer = setInterval(() => s.write(' '), 500);
      s.on('close', () => clearInterval(timer));
    });
    const times = await Promise.all([slow, idle, silent, trickle].map(closedAfter));
    for (const ms of times.slice(0, 3))
      assert.ok(ms >= 4500 && ms < 8000, `closed after ${times} ms`);
    assert.ok(times[3] >= 9500 && times[3] < 13000, `slow body closed after ${times[3]} ms`);
  },
);

test('deeply nested JSON is a 400 with a message, not a 500', { skip }, async () => {
  const deep = `{"kind":"AdmissionReview","request":{"object":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`;
  const r = await post(hook!, '/validate', deep);
  assert.equal(r.status, 400);
  assert.match(r.body.message, /nested deeper than 256 levels/);
  assert.equal((await post(hook!, '/healthz', '', 'GET')).status, 200);
});

test('more large reviews than may wait: 503, and every 5xx is logged', { skip }, async () => {
  // Headers announcing 100 KB bodies that never come: two hold the reading slots, 32 wait.
  const sockets = Array.from({ length: 36 }, () =>
    tlsTo(hook!, (s) =>
      s.write('POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n'),
    ),
  );
  const answers = sockets.map(
    (s) =>
      new Promise<string>((resolve) => {
        let text = '';
        s.on('data', (d) => (text += d));
        s.on('close', () => resolve(text));
        setTimeout(() => resolve(text), 2000);
      }),
  );
  const texts = await Promise.all(answers);
  for (const s of sockets) s.destroy();
  assert.equal(texts.filter((t) => t.startsWith('HTTP/1.1 503')).length, 2, texts.join('|'));
  assert.match(hook!.stderr(), /503 POST \/validate: .*busy/);
});

test('small reviews stay fast while large ones run', { skip }, async () => {
  const containers = Array.from({ length: 3000 }, (_, i) => ({
    name: `c${i}`,
    env: [{ name: 'GOMEMLIMIT', value: '512Mi' }],
    resources: { limits: { memory: '1Gi' } },
  }));
  const large = review({ kind: 'Pod', metadata: { name: 'big' }, spec: { containers } }, 'big');
  const small = review(goWorkload(1), 'small');
  const until = Date.now() + 3000;
  const smallMs: number[] = [];
  let largeDone = 0;
  const largeClient = async () => {
    while (Date.now() < until)
      if ((await post(hook!, '/validate', large)).status === 200) largeDone++;
  };
  const smallClient = async () => {
    while (Date.now() < until) {
      const t0 = performance.now();
      assert.equal((await post(hook!, '/validate', small)).status, 200);
      smallMs.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await Promise.all([smallClient(), ...Array.from({ length: 6 }, largeClient)]);
  smallMs.sort((a, b) => a - b);
  const p95 = smallMs[Math.ceil(smallMs.length * 0.95) - 1];
  assert.ok(largeDone > 0, 'large reviews were answered');
  // The bench measures the goal (p99 < 50 ms, docs/k8s.md); here a bound that a loaded
  // 2-CPU machine keeps, and that the server without the worker thread (p50 ~230 ms) did not.
  assert.ok(p95 < 150, `small reviews p95 ${p95.toFixed(1)} ms over ${smallMs.length}`);
});
