// pprof's granularities, filters and trimming options against `go tool pprof -top`, every
// option on all four sample indexes of a real heap profile (testdata/go/pprof-shapes), and
// the tag filters on a generated profile with string labels. Rows, totals and the Dropped
// line must agree; a few cases compare the whole text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileDiff } from '../../src/analysis/profile-diff.js';
import { profileTop, type TopOptions, type TopReport } from '../../src/analysis/profile-top.js';
import { parseProfile } from '../../src/formats/pprof-detect.js';
import type { Profile } from '../../src/model/profile.js';
import { profileHeaderLines, renderTopText } from '../../src/report/pprof-top.js';
import { generateProfile } from '../../bench/pprof-gen.js';
import { goSkipReason, scenarioPath } from '../support/go-scenario.js';
import { goPprofAsync, goPprofSkipReason, parseGoTop, pooled, type OracleTop } from './go-pprof.js';

const skip = goSkipReason('pprof-shapes') ?? goPprofSkipReason();
const INDEXES = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'];

interface Case {
  readonly flags: string[];
  readonly opts: TopOptions;
  /** The labelled profile instead of the heap profile. */
  readonly labels?: boolean;
  /** Compare the rendered text too (not for -files: pprof orders equal names at random). */
  readonly text?: boolean;
}

const CASES: Case[] = [
  { flags: ['-lines'], opts: { granularity: 'lines' }, text: true },
  { flags: ['-files'], opts: { granularity: 'files' } },
  { flags: ['-filefunctions'], opts: { granularity: 'filefunctions' }, text: true },
  { flags: ['-addresses'], opts: { granularity: 'addresses' }, text: true },
  { flags: ['-lines', '-noinlines'], opts: { granularity: 'lines', noInlines: true } },
  { flags: ['-addresses', '-noinlines'], opts: { granularity: 'addresses', noInlines: true } },
  { flags: ['-focus=main\\.(deep|recurse)'], opts: { focus: 'main\\.(deep|recurse)' }, text: true },
  { flags: ['-focus=pprof-shapes/sites\\.go'], opts: { focus: 'pprof-shapes/sites\\.go' } },
  { flags: ['-ignore=recurse|ping'], opts: { ignore: 'recurse|ping' } },
  { flags: ['-focus=main.site', '-ignore=site3'], opts: { focus: 'main.site', ignore: 'site3' } },
  { flags: ['-hide=^main\\.site'], opts: { hide: '^main\\.site' } },
  { flags: ['-hide=main.newBuf'], opts: { hide: 'main.newBuf' } },
  { flags: ['-show=main\\.(work|churn|deep)$'], opts: { show: 'main\\.(work|churn|deep)$' } },
  { flags: ['-show=newBuf|inlineCaller'], opts: { show: 'newBuf|inlineCaller' } },
  { flags: ['-show_from=main\\.work$'], opts: { showFrom: 'main\\.work$' }, text: true },
  { flags: ['-show_from=newBuf'], opts: { showFrom: 'newBuf' } },
  { flags: ['-tagfocus=1kb:4kb'], opts: { tagFocus: '1kb:4kb' } },
  { flags: ['-tagfocus=bytes=:512'], opts: { tagFocus: 'bytes=:512' } },
  { flags: ['-tagignore=bytes=2kb:'], opts: { tagIgnore: 'bytes=2kb:' } },
  { flags: ['-tagfocus=bytes=1024'], opts: { tagFocus: 'bytes=1024' } },
  { flags: ['-trim=false'], opts: { trim: false } },
  { flags: ['-nodefraction=0.05'], opts: { nodeFraction: 0.05 } },
  { flags: ['-edgefraction=0.3'], opts: { edgeFraction: 0.3 } },
  {
    flags: ['-nodefraction=0', '-nodecount=7', '-cum'],
    opts: { nodeFraction: 0, nodeCount: 7, cum: true },
  },
  {
    flags: ['-lines', '-focus=main.work', '-cum'],
    opts: { granularity: 'lines', focus: 'main.work', cum: true },
  },
  { flags: ['-files', '-hide=sites.go'], opts: { granularity: 'files', hide: 'sites.go' } },
  {
    flags: ['-tagfocus=k1=value-1-2'],
    opts: { tagFocus: 'k1=value-1-2' },
    labels: true,
    text: true,
  },
  {
    flags: ['-tagfocus=value-0-1,k2:value-2-[0-3]'],
    opts: { tagFocus: 'value-0-1,k2:value-2-[0-3]' },
    labels: true,
  },
  { flags: ['-tagignore=k0=value-0-(1|2)'], opts: { tagIgnore: 'k0=value-0-(1|2)' }, labels: true },
  {
    flags: ['-tagfocus=k2=value-2-1', '-tagignore=bytes=1kb:'],
    opts: { tagFocus: 'k2=value-2-1', tagIgnore: 'bytes=1kb:' },
    labels: true,
  },
];

/** Rows pprof may order either way (equal sort key, equal name) put in one order. */
function canonical(rows: readonly { flat: number; cum: number; name: string }[], cum: boolean) {
  const key = (r: { flat: number; cum: number; name: string }) =>
    `${Math.abs(cum ? r.cum : r.flat)}\0${r.name}`;
  const out = rows.map((r) => ({ ...r }));
  for (let i = 0; i < out.length;) {
    let j = i + 1;
    while (j < out.length && key(out[j]) === key(out[i])) j++;
    const group = out.slice(i, j).sort((a, b) => a.cum - b.cum || a.flat - b.flat);
    out.splice(i, j - i, ...group);
    i = j;
  }
  return out;
}

function assertSameTop(mine: TopReport, oracle: OracleTop, what: string, cum = false): void {
  const rows = mine.rows.map((r) => ({ flat: r.flat, cum: r.cum, name: r.name, inline: r.inline }));
  assert.deepEqual(canonical(rows, cum), canonical(oracle.rows, cum), `${what}: rows differ`);
  assert.equal(mine.total, oracle.total, `${what}: total`);
  assert.equal(mine.shown, oracle.shown, `${what}: shown`);
  assert.equal(mine.droppedNodes, oracle.dropped?.count ?? 0, `${what}: dropped nodes`);
  if (oracle.dropped) assert.equal(mine.dropCutoff, oracle.dropped.cutoff, `${what}: drop cutoff`);
}

/** Text from "Active filters"/"Showing nodes" on (the header's Time is printed in local time). */
const body = (text: string) => text.slice(text.search(/^(Active filters|Showing nodes)/m));

describe('pprof options match go tool pprof -top on all four sample indexes', { skip }, () => {
  let dir = '';
  const profiles: Record<string, Profile> = {};
  const oracle = new Map<string, { parsed: OracleTop; text: string }>();
  const file = (name: string) => join(dir, name);
  const key = (c: Case, idx: string) => `${c.flags.join(' ')} ${idx} ${c.labels ? 'L' : ''}`;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gomemlens-pprof-opts-'));
    const r = spawnSync(scenarioPath('pprof-shapes'), ['-out', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const labelled = generateProfile({
      samples: 3000,
      minDepth: 3,
      maxDepth: 9,
      functions: 40,
      labels: 3,
      seed: 5,
    });
    writeFileSync(file('labels.pb'), labelled);
    for (const name of ['heap.pb.gz', 'heap2.pb.gz', 'labels.pb'])
      profiles[name] = await parseProfile(readFileSync(file(name)));
    const tasks = CASES.flatMap((c) =>
      INDEXES.map((idx) => async () => {
        const target = file(c.labels ? 'labels.pb' : 'heap.pb.gz');
        const text = await goPprofAsync(['-top', `-sample_index=${idx}`, ...c.flags, target]);
        const unitB = await goPprofAsync([
          '-top',
          '-unit=B',
          `-sample_index=${idx}`,
          ...c.flags,
          target,
        ]);
        oracle.set(key(c, idx), { parsed: parseGoTop(unitB), text });
      }),
    );
    await pooled(tasks);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    test(`top ${c.flags.join(' ')}${c.labels ? ' (labelled profile)' : ''}`, () => {
      const p = profiles[c.labels ? 'labels.pb' : 'heap.pb.gz'];
      for (const idx of INDEXES) {
        const want = oracle.get(key(c, idx))!;
        const mine = profileTop(p, { ...c.opts, sampleIndex: idx });
        assertSameTop(mine, want.parsed, `${c.flags.join(' ')} ${idx}`, c.opts.cum);
        if (c.text)
          assert.equal(
            body(renderTopText(mine, { headerLines: profileHeaderLines(p, idx) })),
            body(want.text),
            `${c.flags.join(' ')} ${idx}: text`,
          );
      }
    });
  }

  test('the options change the report (the cases are not all alike)', () => {
    const seen = new Set(
      CASES.map((c) => JSON.stringify(oracle.get(key(c, 'alloc_space'))!.parsed)),
    );
    assert.ok(seen.size >= CASES.length - 2, `${seen.size} distinct reports of ${CASES.length}`);
  });

  const DIFFS: Case[] = [
    { flags: ['-lines'], opts: { granularity: 'lines' } },
    { flags: ['-focus=main.site'], opts: { focus: 'main.site' } },
    { flags: ['-hide=newBuf', '-cum'], opts: { hide: 'newBuf', cum: true } },
  ];
  for (const c of DIFFS) {
    test(`diff -diff_base ${c.flags.join(' ')}`, async () => {
      const runs = INDEXES.map((idx) => async () => {
        const args = ['-top', '-unit=B', `-sample_index=${idx}`, ...c.flags];
        const out = await goPprofAsync([
          ...args,
          '-diff_base',
          file('heap.pb.gz'),
          file('heap2.pb.gz'),
        ]);
        const mine = profileDiff(profiles['heap.pb.gz'], profiles['heap2.pb.gz'], {
          ...c.opts,
          sampleIndex: idx,
        });
        assertSameTop(mine, parseGoTop(out), `diff ${c.flags.join(' ')} ${idx}`, c.opts.cum);
      });
      await pooled(runs);
    });
  }
});
