// madv-free-rss on a REAL Go 1.26 service: with GODEBUG=madvdontneed=0 the scavenger returns
// memory with MADV_FREE and smaps_rollup shows LazyFree; with madvdontneed=1 (the default
// since Go 1.16) it does not and the rule must stay quiet. A low GOMEMLIMIT and large garbage
// make the scavenger release memory within seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSnapshot } from '../../src/analysis/diagnose.js';
import { findLine } from '../../src/analysis/breakdown-line.js';
import { valueOf } from '../../src/model/observation.js';
import { MiB } from '../../src/model/units.js';
import { hostFs } from '../../src/sources/hostfs.js';
import { collectSnapshot } from '../../src/sources/target.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';

const ARGS = ['-retain', '8MiB', '-garbage', '48MiB', '-every', '20ms'];

async function diagnose(madvdontneed: '0' | '1') {
  const svc = await startScenario('steady', {
    args: ARGS,
    env: { GODEBUG: `madvdontneed=${madvdontneed}`, GOMEMLIMIT: '64MiB' },
  });
  try {
    await new Promise((r) => setTimeout(r, 2500));
    const snap = await collectSnapshot(
      { pid: svc.pid, url: svc.url },
      { fs: hostFs(), timeoutMs: 5000, discover: false },
    );
    return analyzeSnapshot(snap);
  } finally {
    await svc.stop();
  }
}

test(
  'madv-free-rss fires for madvdontneed=0 and not for madvdontneed=1 on Go 1.26',
  { skip: goSkipReason('steady') },
  async () => {
    const [free, dontneed] = await Promise.all([diagnose('0'), diagnose('1')]);
    const lazy = valueOf(free.snapshot.process?.smapsRollup)?.lazyFree ?? 0;
    assert.ok(lazy >= MiB, `MADV_FREE left LazyFree pages (${lazy} bytes)`);
    const f = free.findings.find((x) => x.code === 'madv-free-rss');
    assert.ok(f, `madv-free-rss expected; findings: ${free.findings.map((x) => x.code)}`);
    assert.equal(f.args.lazyFree, lazy);
    assert.equal(f.args.cause, 'godebug-madvdontneed-0');
    assert.equal(findLine(free.breakdown.root, 'rss.anon.lazyfree')?.bytes, lazy);

    assert.equal(valueOf(dontneed.snapshot.process?.smapsRollup)?.lazyFree, 0);
    assert.equal(
      dontneed.findings.some((x) => x.code === 'madv-free-rss'),
      false,
    );
    assert.equal(dontneed.settings.godebug.madvdontneed?.value, '1');
  },
);
