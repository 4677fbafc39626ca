// Bad targets and inputs: one clear line and exit 2, or a partial result that says what is
// missing; never a crash, a stack trace or a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiagnoseReport } from '../../src/analysis/diagnose.js';
import { runCli } from '../support/cli.js';

function listen(server: Server): Promise<string> {
  return new Promise((res) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address() as { port: number };
      res(`http://127.0.0.1:${addr.port}`);
    }),
  );
}

test('usage errors exit 2 with one line', async () => {
  for (const args of [
    [],
    ['--pid', 'abc'],
    ['--url', 'ftp://x'],
    ['--format', 'yaml', '--pid', '1'],
    ['--bogus'],
  ]) {
    const r = await runCli(['diagnose', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('a PID that does not exist is an input error, not a crash', async () => {
  const r = await runCli(['diagnose', '--pid', '4194303']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no process with PID 4194303/);
});

test('a snapshot file that is garbage or missing is a one-line input error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-bad-'));
  writeFileSync(join(dir, 'junk.json'), '\x00\x01 not json');
  for (const file of [join(dir, 'junk.json'), join(dir, 'absent.json')]) {
    const r = await runCli(['diagnose', '--snapshot', file]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('a hung endpoint times out and the report says which endpoints are missing', async (t) => {
  const sockets = new Set<import('node:net').Socket>();
  const hung = createServer(() => {
    /* never answers */
  });
  hung.on('connection', (s) => sockets.add(s));
  const url = await listen(hung);
  t.after(() => {
    sockets.forEach((s) => s.destroy());
    hung.close();
  });
  const started = Date.now();
  const r = await runCli(['diagnose', '--url', url, '--timeout', '700ms', '--json']);
  const elapsed = Date.now() - started;
  assert.equal(r.code, 0, r.stderr);
  assert.ok(elapsed < 5000, `took ${elapsed} ms`);
  const report = JSON.parse(r.stdout) as DiagnoseReport;
  const outcomes = report.snapshot.runtime!.endpoints.map((e) => e.outcome);
  assert.ok(
    outcomes.every((o) => o === 'timeout'),
    outcomes.join(','),
  );
  assert.ok(report.missing.some((m) => m.includes('/debug/vars') && m.includes('timeout')));
});

test('junk from every endpoint gives a partial report, not a crash', async (t) => {
  const junk = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"memstats": [1,2,3], \x00\x01garbage');
  });
  const url = await listen(junk);
  t.after(() => junk.close());
  const r = await runCli(['diagnose', '--url', url, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as DiagnoseReport;
  assert.notEqual(report.snapshot.runtime!.memstats.status, 'ok');
  const text = await runCli(['diagnose', '--url', url]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Missing data/);
});
