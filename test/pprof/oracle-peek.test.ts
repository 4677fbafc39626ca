// `gomemlens pprof peek` against `go tool pprof -peek`, text for text (from the "Showing
// nodes" line on: callers, callees, weights, percentages, units), on all four sample indexes
// of a real heap profile, with granularities, filters and a diff base.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphInput } from '../../src/analysis/profile-graph.js';
import { peekOfInputs } from '../../src/analysis/profile-peek.js';
import { resolveSampleIndex, type TopOptions } from '../../src/analysis/profile-top.js';
import { parseProfile } from '../../src/formats/pprof-detect.js';
import type { Profile } from '../../src/model/profile.js';
import { renderPeekText } from '../../src/report/pprof-peek.js';
import { goSkipReason, scenarioPath } from '../support/go-scenario.js';
import { goPprofAsync, goPprofSkipReason, pooled } from './go-pprof.js';

const skip = goSkipReason('pprof-shapes') ?? goPprofSkipReason();
const INDEXES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'];

interface Case {
  readonly regex: string;
  readonly flags?: string[];
  readonly opts?: TopOptions;
  readonly diff?: boolean;
}

const CASES: Case[] = [
  { regex: 'main\\.(recurse|newBuf)$' },
  { regex: 'main\\.(work|ping|pong)$' },
  { regex: 'site3' },
  { regex: '.' },
  { regex: 'main.deep', flags: ['-lines'], opts: { granularity: 'lines' } },
  { regex: 'inlineCaller', flags: ['-addresses'], opts: { granularity: 'addresses' } },
  { regex: 'main.work', flags: ['-focus=site1'], opts: { focus: 'site1' } },
  { regex: 'main', flags: ['-hide=newBuf', '-cum'], opts: { hide: 'newBuf', cum: true } },
  { regex: 'main\\.(site1|newBuf|work)$', diff: true },
];

const body = (text: string) => text.slice(text.search(/^(Active filters|Showing nodes)/m));

describe('pprof peek matches go tool pprof -peek', { skip }, () => {
  let dir = '';
  let heap: Profile;
  let heap2: Profile;
  const oracle = new Map<string, string>();
  const file = (name: string) => join(dir, name);
  const key = (c: Case, idx: string) => `${c.regex} ${(c.flags ?? []).join(' ')} ${c.diff} ${idx}`;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gomemlens-pprof-peek-'));
    const r = spawnSync(scenarioPath('pprof-shapes'), ['-out', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    heap = await parseProfile(readFileSync(file('heap.pb.gz')));
    heap2 = await parseProfile(readFileSync(file('heap2.pb.gz')));
    const tasks = CASES.flatMap((c) =>
      INDEXES.map((idx) => async () => {
        const files = c.diff
          ? ['-diff_base', file('heap.pb.gz'), file('heap2.pb.gz')]
          : [file('heap.pb.gz')];
        const args = ['-peek', c.regex, `-sample_index=${idx}`, ...(c.flags ?? []), ...files];
        oracle.set(key(c, idx), await goPprofAsync(args));
      }),
    );
    await pooled(tasks);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    test(`peek ${c.regex} ${(c.flags ?? []).join(' ')}${c.diff ? ' -diff_base' : ''}`, () => {
      for (const idx of INDEXES) {
        const inputs: GraphInput[] = c.diff
          ? [
              { profile: heap2, sampleIndex: resolveSampleIndex(heap2, idx), sign: 1 },
              { profile: heap, sampleIndex: resolveSampleIndex(heap, idx), sign: -1 },
            ]
          : [{ profile: heap, sampleIndex: resolveSampleIndex(heap, idx), sign: 1 }];
        const mine = renderPeekText(peekOfInputs(inputs, c.regex, c.opts ?? {}));
        const want = oracle.get(key(c, idx))!;
        assert.ok(want.includes(' | '), 'pprof printed edges');
        assert.equal(body(mine), body(want), `${c.regex} ${idx}`);
      }
    });
  }

  test('no match is an error, as in pprof', () => {
    const inputs: GraphInput[] = [{ profile: heap, sampleIndex: 3, sign: 1 }];
    assert.throws(() => peekOfInputs(inputs, 'nothing-matches', {}), /no matches found/);
  });
});
