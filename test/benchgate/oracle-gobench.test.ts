// Fresh, real `go test -bench -benchmem` runs of testdata/gobench, compared by benchstat itself
// and by gomemlens: the tables must be identical, and the gate must fail the allocation
// regression (exit 1) and pass the unchanged package (exit 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchstat, benchstatSkipReason, cli, goSkipReason, runGoBench } from './support.js';

const skip = goSkipReason() ?? benchstatSkipReason();

test(
  'real go test -bench runs: gomemlens agrees with benchstat, and the gate decides',
  { skip },
  (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-gobench-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'base.txt'), runGoBench());
    writeFileSync(join(dir, 'same.txt'), runGoBench());
    writeFileSync(join(dir, 'regress.txt'), runGoBench({ regress: true }));

    for (const newer of ['same.txt', 'regress.txt']) {
      const oracle = benchstat(dir, ['base.txt', newer]);
      assert.equal(oracle.status, 0, oracle.stderr);
      const ours = cli(['bench', 'compare', 'base.txt', newer], { cwd: dir });
      assert.equal(ours.code, 0, ours.stderr);
      assert.equal(ours.stdout, oracle.stdout, `text table for base.txt vs ${newer}`);
      const oracleCsv = benchstat(dir, ['-format', 'csv', 'base.txt', newer]);
      const oursCsv = cli(['bench', 'compare', '--format', 'csv', 'base.txt', newer], { cwd: dir });
      assert.equal(oursCsv.stdout, oracleCsv.stdout, `csv for base.txt vs ${newer}`);
      assert.equal(oursCsv.stderr, oracleCsv.stderr);
    }

    const gate = ['--fail-on', 'allocs/op:+0%', '--fail-on', 'B/op:+5%'];
    const unchanged = cli(['bench', 'compare', ...gate, 'base.txt', 'same.txt'], { cwd: dir });
    assert.equal(unchanged.code, 0, unchanged.stdout + unchanged.stderr);
    assert.match(unchanged.stdout, /gate: no regression in \d+ comparison/);

    const regressed = cli(['bench', 'compare', ...gate, '--json', 'base.txt', 'regress.txt'], {
      cwd: dir,
    });
    assert.equal(regressed.code, 1, regressed.stderr);
    const doc = JSON.parse(regressed.stdout);
    const names = doc.gate.regressions
      .map((r: { benchmark: string; unit: string }) => `${r.benchmark} ${r.unit}`)
      .sort();
    // Only Encode calls join: 3 -> 8 allocs/op and 72 -> 144 B/op; nothing else may be flagged.
    assert.deepEqual(
      names,
      ['Encode-2 B/op', 'Encode-2 allocs/op'].map((n) => n.replace('-2', procSuffix(doc))).sort(),
    );
    const allocs = doc.gate.regressions.find((r: { unit: string }) => r.unit === 'allocs/op');
    assert.equal(allocs.old, 3);
    assert.equal(allocs.new, 8);
    assert.equal(allocs.mode, 'exact');
  },
);

/** The -N suffix go test added (GOMAXPROCS of this machine; none when it is 1). */
function procSuffix(doc: { tables: { rows: { name: string }[] }[] }): string {
  const name = doc.tables[0].rows[0].name;
  return /-\d+$/.exec(name)?.[0] ?? '';
}
