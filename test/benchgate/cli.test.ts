// The bench commands end to end: exit codes for good, regressed, empty and garbled inputs,
// stdin, baselines from `bench save`, markdown and GitHub annotations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './support.js';
import { benchstatFixtures, upstreamSkipReason } from '../support/upstream.js';

// benchstat's own testdata from the pinned golang.org/x/perf (testdata/upstream).
const skip = upstreamSkipReason();
const FIX = skip ? '' : benchstatFixtures();
const OLD = join(FIX, 'old.txt');
const NEW = join(FIX, 'new.txt');

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-benchcli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('sec/op regression beyond the threshold exits 1; an improvement exits 0', { skip }, () => {
  const worse = cli(['bench', 'compare', '--fail-on', 'sec/op:+10%', NEW, OLD]);
  assert.equal(worse.code, 1, worse.stderr);
  assert.match(
    worse.stdout,
    /REGRESSION Encode\/format=json-48 .*sec\/op: 1\.423µ -> 1\.718µ \(\+20\.77%, p=0\.000 n=10\)/,
  );
  const better = cli(['bench', 'compare', '--fail-on', 'ns/op:+10%', OLD, NEW]);
  assert.equal(better.code, 0, better.stderr);
  // +20.77% is significant but a 25% threshold is not exceeded.
  const within = cli(['bench', 'compare', '--fail-on', 'sec/op:+25%', NEW, OLD]);
  assert.equal(within.code, 0);
});

test('empty, garbled, missing and result-less inputs exit 2 with one line', { skip }, (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(
    join(dir, 'garbage.txt'),
    '\x00\x01PK\x03\x04 not a benchmark\nBenchmarkX 12 apples\n',
  );
  writeFileSync(join(dir, 'fail.txt'), '--- FAIL: BenchmarkX\nFAIL\texample.com/x\t0.1s\n');
  for (const bad of ['empty.txt', 'garbage.txt', 'fail.txt', 'missing.txt']) {
    const r = cli(['bench', 'compare', '--fail-on', 'B/op:+5%', OLD, join(dir, bad)]);
    assert.equal(r.code, 2, `${bad}: ${r.stdout}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(bad.replace('.', '\\.')));
  }
  const g = cli(['bench', 'compare', OLD, join(dir, 'garbage.txt')]);
  assert.match(g.stderr, /first problem: .*garbage\.txt:2: parsing measurement: invalid syntax/);
});

test('a --fail-on metric absent from the inputs is an input error, not a pass', { skip }, () => {
  const r = cli(['bench', 'compare', '--fail-on', 'allocs/op:+0%', OLD, NEW]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nothing to check for allocs\/op.*-benchmem/);
});

test('bad flags exit 2', { skip }, () => {
  assert.equal(cli(['bench', 'compare', '--fail-on', 'B/op>5', OLD, NEW]).code, 2);
  assert.equal(cli(['bench', 'compare', '--alpha', '2', OLD, NEW]).code, 2);
  assert.equal(cli(['bench', 'compare', '--format', 'xml', OLD, NEW]).code, 2);
  assert.equal(cli(['bench', 'compare', '--row', 'x@nope', OLD, NEW]).code, 2);
  assert.equal(cli(['bench', 'nope']).code, 2);
});

test('stdin input and label=path columns', { skip }, () => {
  const r = cli(['bench', 'compare', 'base=-', `new=${NEW}`], { input: readFileSync(OLD, 'utf8') });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /│\s+base\s+│\s+new\s+│/);
  assert.match(r.stdout, /-17\.20% \(p=0\.000 n=10\)/);
});

test('bench save writes a baseline that compares like the original text', { skip }, (t) => {
  const dir = tempDir(t);
  const base = join(dir, 'base.json');
  const saved = cli(['bench', 'save', '--out', base, OLD]);
  assert.equal(saved.code, 0, saved.stderr);
  const fromText = cli(['bench', 'compare', `old=${OLD}`, `new=${NEW}`]);
  const fromJson = cli(['bench', 'compare', `old=${base}`, `new=${NEW}`]);
  assert.equal(fromJson.code, 0, fromJson.stderr);
  assert.equal(fromJson.stdout, fromText.stdout);
  writeFileSync(
    join(dir, 'broken.json'),
    '{"schema":"gomemlens.bench.baseline/v1","results":[{"name":1}]',
  );
  const broken = cli(['bench', 'compare', join(dir, 'broken.json'), NEW]);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /broken\.json: invalid JSON \(/);
  assert.equal(cli(['bench', 'save', OLD]).code, 2);
});

test('markdown, json and GitHub annotations carry the verdict', { skip }, (t) => {
  const dir = tempDir(t);
  const md = join(dir, 'comment.md');
  const r = cli(['bench', 'compare', '--fail-on', 'sec/op:+5%', '--markdown-out', md, NEW, OLD], {
    env: { GITHUB_ACTIONS: 'true' },
  });
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    /^::error title=benchmark regression%3A Encode\/format=json-48 sec\/op::Encode\/format=json-48 .*\+20\.77%25/m,
  );
  const comment = readFileSync(md, 'utf8');
  assert.match(comment, /^### ❌ Benchmarks: 1 regression/);
  assert.match(
    comment,
    /\| Encode\/format=json-48 \| 1\.423µ ± 1% \| 1\.718µ ± 1% \| \+20\.77% \(p=0\.000 n=10\) \|/,
  );
  const j = cli(['bench', 'compare', '--json', '--fail-on', 'sec/op:+5%', NEW, OLD]);
  const doc = JSON.parse(j.stdout);
  assert.equal(doc.gate.passed, false);
  assert.ok(Math.abs(doc.tables[0].rows[0].cells[0].center - 1.4225e-6) < 1e-18);
  assert.equal(doc.tables[0].rows[0].cells[1].vsBase.delta, '+20.77%');
  assert.ok(doc.tables[0].rows[0].cells[1].vsBase.p < 0.001);
});

test('higher-is-better units gate on decreases; a backward threshold gets a note', { skip }, () => {
  const args = [
    '--filter',
    '.unit:B/s',
    '--ignore',
    'note',
    join(FIX, 'crc-old.txt'),
    join(FIX, 'crc-new.txt'),
  ];
  const r = cli(['bench', 'compare', '--json', '--fail-on', 'MB/s:-5%', ...args]);
  assert.equal(r.code, 1, r.stderr);
  const names = JSON.parse(r.stdout).gate.regressions.map(
    (v: { benchmark: string }) => v.benchmark,
  );
  // benchstat's own table shows exactly these two B/s drops beyond 5% as significant.
  assert.deepEqual(names.sort(), [
    'CRC32/poly=Koopman/size=1kB/align=1-8',
    'CRC32/poly=Koopman/size=32kB/align=1-8',
  ]);
  const backward = cli(['bench', 'compare', '--fail-on', 'B/s:+5%', ...args]);
  assert.match(backward.stderr, /B\/s is higher-is-better; B\/s:\+5% fails on improvements/);
});
