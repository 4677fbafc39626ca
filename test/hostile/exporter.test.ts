// Hostile inputs for `gomemlens exporter`: bad flags end with exit 2 and one stderr line; an
// unreachable kubelet, a junk /pods answer and a Go service whose endpoints hang leave the
// exporter serving, sampling on schedule, and saying what is missing (docs/exporter.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostileSuite, type HostileCase } from './support.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';
import { freePort } from '../support/prometheus.js';

const flagCases: HostileCase[] = [
  {
    name: 'interval too short',
    args: ['exporter', '--interval', '1ms'],
    expectCode: 2,
    stderr: /--interval must be at least 200ms/,
  },
  {
    name: 'interval not a duration',
    args: ['exporter', '--interval', 'soon'],
    expectCode: 2,
    stderr: /--interval wants a duration/,
  },
  {
    name: 'listen without a port',
    args: ['exporter', '--listen', 'localhost'],
    expectCode: 2,
    stderr: /--listen wants host:port/,
  },
  {
    name: 'kubelet URL not http(s)',
    args: ['exporter', '--kubelet-url', 'ftp://node:10250'],
    expectCode: 2,
    stderr: /--kubelet-url wants an http\(s\) URL/,
  },
  {
    name: 'API server without a node name',
    args: ['exporter', '--api-server', 'https://kubernetes.default.svc'],
    expectCode: 2,
    stderr: /--api-server needs --node-name/,
  },
  {
    name: 'kubelet and API server',
    args: [
      'exporter',
      '--kubelet-url',
      'https://a:10250',
      '--api-server',
      'https://b',
      '--node-name',
      'n',
    ],
    expectCode: 2,
    stderr: /not both/,
  },
  {
    name: 'Kubernetes-style size',
    args: ['exporter', '--profile-dir', '{dir}/p', '--profile-bytes', '256Mi'],
    expectCode: 2,
    stderr: /--profile-bytes wants a size like 256MiB/,
  },
  {
    name: 'no profiles kept',
    args: ['exporter', '--profile-dir', '{dir}/p', '--profile-keep', '0'],
    expectCode: 2,
    stderr: /--profile-keep must be at least 1/,
  },
  {
    name: 'profile dir under /proc',
    args: ['exporter', '--profile-dir', '/proc/self/nope/p'],
    expectCode: 2,
    stderr: /cannot use --profile-dir/,
  },
  {
    name: 'an unexpected argument',
    args: ['exporter', 'now'],
    expectCode: 2,
    stderr: /unexpected argument "now"/,
  },
  {
    name: 'an unknown flag',
    args: ['exporter', '--kubelet', 'x'],
    expectCode: 2,
    stderr: /Unknown option '--kubelet'/,
  },
];

hostileSuite('exporter', flagCases);

test('exporter: a port in use is one line and exit 2', async () => {
  const busy = http.createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const port = (busy.address() as AddressInfo).port;
  try {
    const r = await runFor(['--listen', `127.0.0.1:${port}`], 10_000);
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr.trim(),
      /^gomemlens exporter: cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/,
    );
  } finally {
    busy.close();
  }
});

async function runFor(
  args: string[],
  ms: number,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['bin/gomemlens.js', 'exporter', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  clearTimeout(timer);
  return { code, stderr };
}

const metric = (text: string, name: string) =>
  Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);

for (const kubelet of ['refused', 'junk'] as const) {
  test(
    `exporter: ${kubelet} kubelet and a hung Go service: it keeps serving and says what is missing`,
    { skip: goSkipReason('steady'), timeout: 60_000 },
    async (t) => {
      const junk = http.createServer((_, res) =>
        res.end('{"kind":"PodList","items":[{"metadata":{}}]}'),
      );
      await new Promise<void>((r) => junk.listen(0, '127.0.0.1', r));
      const kubeletUrl =
        kubelet === 'junk'
          ? `http://127.0.0.1:${(junk.address() as AddressInfo).port}`
          : 'http://127.0.0.1:1';
      const svc = await startScenario('steady', { args: ['-retain', '4MiB'] });
      const url = `http://127.0.0.1:${await freePort()}`;
      const child = spawn(
        process.execPath,
        [
          'bin/gomemlens.js',
          'exporter',
          '--listen',
          url.slice(7),
          '--interval',
          '1s',
          '--kubelet-url',
          kubeletUrl,
          '--full-every',
          '2s',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      t.after(async () => {
        svc.child.kill('SIGCONT');
        await svc.stop();
        child.kill('SIGKILL');
        junk.close();
      });
      const status = () =>
        fetch(`${url}/`)
          .then((r) => r.text())
          .catch(() => '');
      for (
        let i = 0;
        i < 80 && !new RegExp(`pid ${svc.pid} .*endpoints http`).test(await status());
        i++
      )
        await sleep(100);
      assert.match(
        await status(),
        new RegExp(`pid ${svc.pid} .*endpoints ${svc.url}`),
        'the service is followed through its endpoints',
      );
      svc.child.kill('SIGSTOP'); // its endpoints now accept connections and never answer
      const before = metric(
        await (await fetch(`${url}/metrics`)).text(),
        'gomemlens_exporter_cycles_total',
      );
      await sleep(4000);
      const started = performance.now();
      const text = await (await fetch(`${url}/metrics`)).text();
      assert.ok(performance.now() - started < 500, 'a scrape is answered at once');
      assert.ok(
        metric(text, 'gomemlens_exporter_cycles_total') - before >= 3,
        'cycles go on while the endpoints hang',
      );
      assert.ok(
        metric(text, 'gomemlens_exporter_cycle_duration_seconds') < 1.5,
        'a cycle waits for a hung endpoint no longer than its deadline',
      );
      assert.match(text, /^gomemlens_exporter_source_up\{source="kubelet"\} 0$/m);
      const page = await status();
      assert.match(
        page,
        kubelet === 'junk'
          ? /missing: pod list \(.*not a PodList/
          : /missing: pod list \(.*connection refused/,
      );
      assert.match(page, new RegExp(`pid ${svc.pid} .*missing: .*timeout`), page);
      assert.equal(
        stderr.split('\n').filter((l) => /pod list not read/.test(l)).length,
        1,
        'said once, not every cycle',
      );
      child.kill('SIGTERM');
      assert.equal(await new Promise((r) => child.on('exit', r)), 0, 'SIGTERM ends it cleanly');
    },
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
