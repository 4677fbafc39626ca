// `bench heapdiff` on real heap profiles from go test -memprofile: the allocation regression
// fails with the function that grew named, an unchanged package passes, totals agree with
// go tool pprof, and bad input exits 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, GOBENCH_DIR, goSkipReason } from './support.js';

function memprofile(out: string, regress: boolean): void {
  const args = ['test', '-run', '^$', '-bench', 'Encode', '-benchtime', '20000x'];
  args.push('-memprofilerate', '1', '-memprofile', out);
  // With -memprofile go test keeps its test binary: put it next to the profile, not in testdata.
  args.push('-o', out.replace(/\.pprof$/, '.test'));
  if (regress) args.push('-tags', 'regress');
  const r = spawnSync('go', [...args, '.'], {
    cwd: GOBENCH_DIR,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
}

/** "of 196536B total" from go tool pprof -top -unit=B (or the count for *_objects). */
function pprofTotal(file: string, type: string): number {
  const r = spawnSync('go', ['tool', 'pprof', `-sample_index=${type}`, '-top', '-unit=B', file], {
    encoding: 'utf8',
  });
  const m = /of (\d+)B? total/.exec(r.stdout);
  assert.ok(m, r.stdout + r.stderr);
  return Number(m[1]);
}

test('heapdiff gates on real go test -memprofile profiles', { skip: goSkipReason() }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-heapdiff-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const [base, same, regress] = ['base.pprof', 'same.pprof', 'regress.pprof'].map((f) =>
    join(dir, f),
  );
  memprofile(base, false);
  memprofile(same, false);
  memprofile(regress, true);

  const bad = cli([
    'bench',
    'heapdiff',
    '--json',
    '--fail-on',
    'alloc_space:+10%',
    '--fail-on',
    'alloc_objects:+10%',
    base,
    regress,
  ]);
  assert.equal(bad.code, 1, bad.stderr);
  const doc = JSON.parse(bad.stdout);
  for (const v of doc.gate.verdicts) {
    assert.equal(v.regression, true);
    assert.equal(v.grew[0].name, 'gomemlens.test/gobench.join', JSON.stringify(v.grew.slice(0, 3)));
  }
  for (const type of ['alloc_space', 'alloc_objects', 'inuse_space']) {
    const total = doc.totals.find((x: { type: string }) => x.type === type);
    assert.equal(total.base, pprofTotal(base, type), `${type} base total vs go tool pprof`);
    assert.equal(total.new, pprofTotal(regress, type), `${type} new total vs go tool pprof`);
  }

  const ok = cli(['bench', 'heapdiff', '--fail-on', 'alloc_space:+10%', base, same]);
  assert.equal(ok.code, 0, ok.stdout);
  assert.match(ok.stdout, /gate: no regression in 1 check/);
  const text = cli(['bench', 'heapdiff', '--fail-on', 'alloc_space:+10%', base, regress], {
    env: { GITHUB_ACTIONS: 'true' },
  });
  assert.match(text.stdout, /^REGRESSION alloc_space:\+10%: alloc_space \+\d+\.\d\d%$/m);
  assert.match(
    text.stdout,
    /^::error title=heap profile regression alloc_space::alloc_space: .* largest growth: gomemlens\.test\/gobench\.join/m,
  );

  writeFileSync(join(dir, 'junk.pprof'), 'not a profile at all');
  const junk = cli(['bench', 'heapdiff', base, join(dir, 'junk.pprof')]);
  assert.equal(junk.code, 2);
  assert.match(junk.stderr, /junk\.pprof/);
  const wrongType = cli(['bench', 'heapdiff', '--fail-on', 'cpu:+5%', base, same]);
  assert.equal(wrongType.code, 2);
  assert.equal(cli(['bench', 'heapdiff', base]).code, 2);
});
