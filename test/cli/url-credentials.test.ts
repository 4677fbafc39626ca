// Credentials in --url (http://user:pass@host) are used for the requests and never printed
// or stored: a proxy in front of a real Go service (steady) refuses requests without them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type net from 'node:net';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goSkipReason, startScenario } from '../support/go-scenario.js';
import { runCli } from '../support/cli.js';

const USER = 'ops';
const PASS = 'hunter2-s3cret';

test(
  '--url credentials are sent, never shown or stored',
  { skip: goSkipReason('steady') },
  async (t) => {
    const svc = await startScenario('steady', { args: ['-retain', '4MiB'] });
    t.after(() => svc.stop());
    const expected = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
    const server = http.createServer((req, res) => {
      if (req.headers.authorization !== expected) return res.writeHead(401).end('no');
      http
        .get(svc.url + req.url!, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        })
        .on('error', () => res.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    t.after(() => {
      server.closeAllConnections();
      server.close();
    });
    const port = (server.address() as net.AddressInfo).port;
    const url = `http://${USER}:${PASS}@127.0.0.1:${port}`;
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-creds-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const clean = (text: string, where: string) =>
      assert.ok(!text.includes(PASS), `the password shows in ${where}`);

    await t.test(
      'diagnose: endpoints read with them; output and snapshot without them',
      async () => {
        const snap = join(dir, 's.json');
        const r = await runCli(['diagnose', '--url', url, '--json', '--save-snapshot', snap]);
        assert.equal(r.code, 0, r.stderr);
        const report = JSON.parse(r.stdout) as {
          snapshot: {
            runtime: { baseUrl: string; endpoints: { path: string; outcome: string }[] };
          };
        };
        const vars = report.snapshot.runtime.endpoints.find((e) => e.path === '/debug/vars');
        assert.equal(vars?.outcome, 'ok');
        assert.equal(report.snapshot.runtime.baseUrl, `http://127.0.0.1:${port}`);
        for (const [text, where] of [
          [r.stdout, 'stdout'],
          [r.stderr, 'stderr'],
          [readFileSync(snap, 'utf8'), 'the saved snapshot'],
        ])
          clean(text, where);
        const text = await runCli(['diagnose', '--url', url]);
        clean(text.stdout + text.stderr, 'the text report');
      },
    );

    await t.test(
      'diagnose with a wrong password: the 401 shows, the password does not',
      async () => {
        const r = await runCli(['diagnose', '--url', url.replace(PASS, 'wrong-pw'), '--json']);
        assert.match(r.stdout, /HTTP 401/);
        assert.ok(!r.stdout.includes('wrong-pw'));
      },
    );

    await t.test('watch and report: the capture and the page hold no password', async () => {
      const cap = join(dir, 'c.ndjson');
      const w = await runCli(['watch', '--url', url, '--out', cap, '--duration', '2s']);
      assert.equal(w.code, 0, w.stderr);
      clean(w.stdout + w.stderr, 'watch output');
      const text = readFileSync(cap, 'utf8');
      clean(text, 'the capture');
      assert.match(text, /"go":\{"heapAlloc":\d+/, 'the runtime was read with the credentials');
      const r = await runCli(['report', cap, '-o', join(dir, 'r.html')]);
      assert.equal(r.code, 0, r.stderr);
      clean(readFileSync(join(dir, 'r.html'), 'utf8'), 'the report');
    });

    await t.test('pprof top: the profile is fetched with them', async () => {
      const r = await runCli(['pprof', 'top', `${url}/debug/pprof/heap`, '--json']);
      assert.equal(r.code, 0, r.stderr);
      clean(r.stdout + r.stderr, 'pprof output');
      assert.match(r.stdout, new RegExp(`"source": "http://127.0.0.1:${port}/debug/pprof/heap"`));
    });
  },
);
