// Every mutation of the real snapshots (testdata/snapshots/demo.json and the last snapshot
// record of testdata/watch/leaky-oom.ndjson): each value replaced by null, {}, [], a string, a
// negative number, 1e308, true, or removed. `diagnose --snapshot` must either refuse the file
// (the validator's ParseError: exit 2) or diagnose and render it (exit 0): never throw
// anything else (exit 3). A few mutations also run through the CLI itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSnapshot } from '../../src/analysis/diagnose.js';
import { checkSnapshot } from '../../src/formats/snapshot-check.js';
import { renderDiagnoseMarkdown } from '../../src/report/diagnose-markdown.js';
import { renderDiagnoseText } from '../../src/report/diagnose-text.js';
import { runCli } from '../support/cli.js';
import { ParseError } from '../../src/model/errors.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** demo.json and the last snapshot of the capture (its others have the same shape). */
function realSnapshots(): Json[] {
  const lines = readFileSync('testdata/watch/leaky-oom.ndjson', 'utf8').split('\n');
  const last = lines.filter((l) => l.includes('"type":"snapshot"')).pop()!;
  return [
    JSON.parse(readFileSync('testdata/snapshots/demo.json', 'utf8')) as Json,
    (JSON.parse(last) as { snapshot: Json }).snapshot,
  ];
}

/** Paths to every value, skipping inside raw maps (all numbers, checked as one record). */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = at.length ? [at] : [];
  if (v && typeof v === 'object' && at[at.length - 1] !== 'raw')
    for (const k of Object.keys(v))
      out.push(...paths((v as Record<string, Json>)[k], [...at, Array.isArray(v) ? Number(k) : k]));
  return out;
}

const REMOVE = Symbol('remove');
const REPLACEMENTS: (Json | typeof REMOVE)[] = [null, {}, [], 'x', -1, 1e308, true, REMOVE];

function mutate(base: Json, path: (string | number)[], r: Json | typeof REMOVE): unknown {
  const copy = structuredClone(base) as Record<string | number, Json>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, Json>;
  if (r === REMOVE) delete o[path[path.length - 1]];
  else o[path[path.length - 1]] = r;
  return JSON.parse(JSON.stringify(copy)) as unknown; // as a file holds it (no array holes)
}

/** What the CLI does with the parsed file: 'refused' (exit 2) or 'ok' (exit 0); throws otherwise. */
function diagnoseParsed(v: unknown): 'refused' | 'ok' {
  let snap;
  try {
    snap = checkSnapshot(v);
  } catch (err) {
    if (err instanceof ParseError) return 'refused';
    throw err;
  }
  const report = analyzeSnapshot(snap);
  renderDiagnoseText(report, { color: false });
  renderDiagnoseMarkdown(report);
  JSON.stringify(report);
  return 'ok';
}

test('every mutation of the real snapshots is refused or diagnosed, never a crash', () => {
  const counts = { ok: 0, refused: 0 };
  for (const base of realSnapshots()) {
    assert.equal(diagnoseParsed(base), 'ok', 'the real snapshot itself is accepted');
    for (const path of paths(base))
      for (const r of REPLACEMENTS) {
        try {
          counts[diagnoseParsed(mutate(base, path, r))]++;
        } catch (err) {
          assert.fail(
            `${path.join('.')} = ${String(r === REMOVE ? '(removed)' : JSON.stringify(r))}: ${(err as Error).stack}`,
          );
        }
      }
  }
  // Both outcomes happen: the validator neither lets everything through nor refuses everything.
  assert.ok(counts.ok > 500 && counts.refused > 500, JSON.stringify(counts));
});

test('the mutations from the issue through the CLI: exit 0 or 2, never 3', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-snapmut-'));
  try {
    const base = realSnapshots()[0];
    const cases: [(string | number)[], Json | typeof REMOVE, number][] = [
      [['cgroup'], null, 0],
      [['binary'], null, 0],
      [['cgroup', 'value', 'procs', 'value'], {}, 2],
      [['runtime', 'endpoints'], 'x', 2],
      [['takenAt'], 'yesterday', 2],
      [['notes'], REMOVE, 0],
    ];
    for (const [path, r, code] of cases) {
      const file = join(dir, 's.json');
      writeFileSync(file, JSON.stringify(mutate(base, path, r)));
      const res = await runCli(['diagnose', '--snapshot', file]);
      assert.equal(res.code, code, `${path.join('.')}: ${res.stderr}`);
      if (code === 2) assert.equal(res.stderr.trim().split('\n').length, 1, res.stderr);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
