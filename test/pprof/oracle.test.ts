// Every row of `gomemlens pprof top/diff` against `go tool pprof -top` on real profiles
// written by testdata/go/pprof-shapes (inlining, recursion, deep stacks, many small sites).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileDiff } from '../../src/analysis/profile-diff.js';
import { profileTop, type TopOptions, type TopReport } from '../../src/analysis/profile-top.js';
import { parseProfile } from '../../src/formats/pprof-detect.js';
import type { Profile } from '../../src/model/profile.js';
import { goSkipReason, scenarioPath } from '../support/go-scenario.js';
import { goPprof, goPprofSkipReason, parseGoTop, type OracleTop } from './go-pprof.js';

const skip = goSkipReason('pprof-shapes') ?? goPprofSkipReason();
const INDEXES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'];

function assertSameTop(mine: TopReport, oracle: OracleTop, what: string): void {
  const rows = mine.rows.map((r) => ({ flat: r.flat, cum: r.cum, name: r.name, inline: r.inline }));
  assert.deepEqual(rows, oracle.rows, `${what}: rows differ`);
  assert.equal(mine.total, oracle.total, `${what}: total`);
  assert.equal(mine.shown, oracle.shown, `${what}: shown`);
  assert.equal(mine.droppedNodes, oracle.dropped?.count ?? 0, `${what}: dropped nodes`);
  if (oracle.dropped) assert.equal(mine.dropCutoff, oracle.dropped.cutoff, `${what}: drop cutoff`);
}

function pprofFlags(o: TopOptions): string[] {
  return [
    ...(o.sampleIndex ? [`-sample_index=${o.sampleIndex}`] : []),
    ...(o.cum ? ['-cum'] : []),
    ...(o.nodeCount ? [`-nodecount=${o.nodeCount}`] : []),
    ...(o.noInlines ? ['-noinlines'] : []),
  ];
}

describe('pprof top and diff match go tool pprof', { skip }, () => {
  let dir = '';
  const profiles: Record<string, Profile> = {};
  const file = (name: string) => join(dir, name);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gomemlens-pprof-'));
    const r = spawnSync(scenarioPath('pprof-shapes'), ['-out', dir], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    for (const name of [
      'heap.pb.gz',
      'heap2.pb.gz',
      'heap.txt',
      'allocs.pb.gz',
      'goroutine.pb.gz',
      'goroutine.txt',
    ]) {
      profiles[name] = await parseProfile(readFileSync(file(name)));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const idx of INDEXES) {
    test(`top -sample_index=${idx}`, () => {
      const oracle = parseGoTop(
        goPprof(['-top', '-unit=B', `-sample_index=${idx}`, file('heap.pb.gz')]),
      );
      assert.ok(oracle.rows.length > 10, 'the profile has many functions');
      assertSameTop(profileTop(profiles['heap.pb.gz'], { sampleIndex: idx }), oracle, idx);
    });
  }

  const variants: TopOptions[] = [
    {},
    { cum: true },
    { nodeCount: 10 },
    { noInlines: true },
    { sampleIndex: 'alloc_space', cum: true, noInlines: true },
    { sampleIndex: 'inuse_objects', nodeCount: 5, cum: true },
  ];
  for (const o of variants) {
    test(`top ${pprofFlags(o).join(' ') || '(defaults)'} on the second profile`, () => {
      const oracle = parseGoTop(
        goPprof(['-top', '-unit=B', ...pprofFlags(o), file('heap2.pb.gz')]),
      );
      assertSameTop(profileTop(profiles['heap2.pb.gz'], o), oracle, JSON.stringify(o));
    });
  }

  test('the profile exercises inlining, recursion and deep stacks', () => {
    const r = profileTop(profiles['heap2.pb.gz'], { sampleIndex: 'alloc_space', nodeFraction: 0 });
    const byName = new Map(r.rows.map((row) => [row.name, row]));
    assert.equal(byName.get('main.newBuf')?.inline, 'inline');
    // recurse(6) allocates 128*d bytes at each depth d=6..0, 5 times (work(5) + work(8) runs).
    assert.ok(byName.get('main.recurse')!.cum >= 128 * 21 * 2, 'recursion counted');
    assert.ok(byName.get('main.deep')!.cum >= 8192 * 2, 'deep stacks reach the leaf');
  });

  for (const idx of INDEXES) {
    test(`diff -diff_base -sample_index=${idx}`, () => {
      const oracle = parseGoTop(
        goPprof([
          '-top',
          '-unit=B',
          `-sample_index=${idx}`,
          '-diff_base',
          file('heap.pb.gz'),
          file('heap2.pb.gz'),
        ]),
      );
      assertSameTop(
        profileDiff(profiles['heap.pb.gz'], profiles['heap2.pb.gz'], { sampleIndex: idx }),
        oracle,
        `diff ${idx}`,
      );
    });
  }

  test('diff -normalize -cum', () => {
    const oracle = parseGoTop(
      goPprof([
        '-top',
        '-unit=B',
        '-normalize',
        '-cum',
        '-diff_base',
        file('heap.pb.gz'),
        file('heap2.pb.gz'),
      ]),
    );
    assertSameTop(
      profileDiff(profiles['heap.pb.gz'], profiles['heap2.pb.gz'], { normalize: true, cum: true }),
      oracle,
      'normalize',
    );
  });

  test('allocs profile: its default sample type (alloc_space) is used', () => {
    const oracle = parseGoTop(goPprof(['-top', '-unit=B', file('allocs.pb.gz')]));
    const mine = profileTop(profiles['allocs.pb.gz']);
    assert.equal(mine.sampleType.type, 'alloc_space');
    assertSameTop(mine, oracle, 'allocs');
  });

  test('goroutine profile (proto)', () => {
    const oracle = parseGoTop(goPprof(['-top', file('goroutine.pb.gz')]));
    assertSameTop(profileTop(profiles['goroutine.pb.gz']), oracle, 'goroutine');
  });

  test('text goroutine profile: same count as the proto one', () => {
    const text = profileTop(profiles['goroutine.txt'], { nodeFraction: 0 });
    const proto = profileTop(profiles['goroutine.pb.gz'], { nodeFraction: 0 });
    assert.equal(text.total, proto.total);
    const parked = text.rows.find((r) => r.name === 'main.work.func1');
    assert.equal(parked?.flat, 3, 'three parked goroutines named from the # comments');
    assert.ok(
      !text.rows.some((r) => r.name === '<unknown>'),
      'hidden runtime frames (goexit) are dropped, not shown as <unknown>',
    );
  });

  for (const idx of INDEXES) {
    test(`legacy text heap profile: totals like pprof (-sample_index=${idx})`, () => {
      // pprof cannot name the frames of a text profile without the binary; the totals and
      // the sum over all nodes must still agree.
      const oracle = parseGoTop(
        goPprof(['-top', '-unit=B', '-nodefraction=0', `-sample_index=${idx}`, file('heap.txt')]),
      );
      const mine = profileTop(profiles['heap.txt'], { sampleIndex: idx, nodeFraction: 0 });
      assert.equal(mine.total, oracle.total);
      assert.equal(mine.shown, oracle.shown);
    });
  }

  test('legacy text heap profile: frames named from its comments, MemStats trailer read', () => {
    const p = profiles['heap.txt'];
    const rows = profileTop(p, { sampleIndex: 'alloc_space', nodeFraction: 0 }).rows;
    assert.ok(rows.some((r) => r.name === 'main.churn' && r.flat > 0));
    assert.ok(p.memstats && p.memstats.HeapAlloc > 0, 'memstats parsed');
  });
});
