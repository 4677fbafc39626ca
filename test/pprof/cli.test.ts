// The pprof command as users run it: output layout, JSON, and one-line errors (exit 2) for
// bad input, big input, gzip bombs, missing files and hung or missing endpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli } from '../support/cli.js';

const gomemlens = (args: string[]) => runCli(['pprof', ...args], { timeoutMs: 60_000 });

const HEAP = 'testdata/pprof/shapes-heap.pb.gz';

test('top prints pprof-style text', async () => {
  const r = await gomemlens(['top', HEAP, '--nodecount', '3']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.ok(lines.includes('Type: inuse_space'));
  assert.match(r.stdout, /^Showing nodes accounting for \S+, \S+% of \S+ total$/m);
  assert.match(r.stdout, /^Dropped \d+ nodes \(cum <= \S+\)$/m);
  assert.match(r.stdout, /^Showing top 3 nodes out of \d+$/m);
  assert.ok(lines.includes('      flat  flat%   sum%        cum   cum%'));
  assert.equal(lines.filter((l) => /\d% {2}main\./.test(l)).length, 3);
});

test('top --json carries raw numbers that add up', async () => {
  const r = await gomemlens(['top', HEAP, '--json', '--sample-index', 'alloc_objects']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.sampleType, 'alloc_objects');
  assert.equal(j.unit, 'count');
  const flatSum = j.rows.reduce((s: number, row: { flat: number }) => s + row.flat, 0);
  assert.equal(flatSum, j.shown);
  assert.ok(
    j.rows.every(
      (row: { cum: number; flat: number }) => Number.isInteger(row.cum) && row.cum >= row.flat,
    ),
  );
});

test('diff --json has bytes and objects per function', async () => {
  const r = await gomemlens(['diff', HEAP, 'testdata/pprof/shapes-heap2.pb.gz', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.ok(j.rows.length > 5);
  for (const row of j.rows)
    assert.ok(
      Number.isInteger(row.flat) && Number.isInteger(row.objects.flat),
      JSON.stringify(row),
    );
  assert.ok(
    j.rows.some((row: { flat: number }) => row.flat > 0) &&
      j.rows.some((row: { flat: number }) => row.flat < 0),
    'grew and shrank',
  );
});

test('bad input: one line, exit 2', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-pprof-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'garbage'), 'this is not a profile\n');
  writeFileSync(join(dir, 'bomb.gz'), gzipSync(new Uint8Array(32 << 20)));
  const cases: [string[], RegExp][] = [
    [['top', join(dir, 'garbage')], /not a pprof profile/],
    [['top', join(dir, 'missing')], /no such file/],
    [['top', join(dir, 'bomb.gz'), '--max-size', '1MiB'], /exceeds the limit of 1048576 bytes/],
    [['top', HEAP, '--max-size', '1Ki'], /larger than 1 KiB for a profile/],
    [
      ['top', HEAP, '--sample-index', 'nope'],
      /must be one of: alloc_objects, alloc_space, inuse_objects, inuse_space/,
    ],
    [['top'], /wants one PROFILE or URL/],
    [['top', HEAP, '--focus', '('], /parsing focus regexp/],
    [['top', HEAP, '--hide', '(?<=x)'], /parsing hide regexp: invalid or unsupported Perl syntax/],
    [['top', HEAP, '--lines', '--files'], /give at most one of --files, --lines/],
    [['top', HEAP, '--nodefraction', '2'], /--nodefraction wants a fraction from 0 to 1/],
    [['top', HEAP, '--trim', 'maybe'], /--trim wants true or false/],
    [['peek', 'main'], /peek wants REGEX and PROFILE/],
    [['peek', '[', HEAP], /parsing argument regexp/],
    [['peek', 'main', HEAP, '--diff-base', join(dir, 'missing')], /no such file/],
    [['frobnicate'], /unknown subcommand/],
  ];
  for (const [args, re] of cases) {
    const r = await gomemlens(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
  }
});

test('a hung endpoint times out; a 404 says so', async (t) => {
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/missing')) res.writeHead(404).end('404 page not found');
    // otherwise: never answer
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const hung = await gomemlens(['top', `${base}/debug/pprof/heap`, '--timeout', '300ms']);
  assert.equal(hung.code, 2, hung.stderr);
  assert.match(hung.stderr, /no complete answer within 300 ms/);
  const missing = await gomemlens(['top', `${base}/missing`]);
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /404/);
});
