// A live Go service: /debug/pprof/heap fetched over HTTP gives go tool pprof's numbers, and
// leak suspects over a few profiles of the leaky demo name the leaking function and its rate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leakSuspects } from '../../src/analysis/profile-leak.js';
import { profileTop } from '../../src/analysis/profile-top.js';
import { parseProfile } from '../../src/formats/pprof-detect.js';
import { readProfileSource } from '../../src/sources/profile-fetch.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';
import { goPprof, goPprofSkipReason, parseGoTop } from './go-pprof.js';

const MiB = 1 << 20;

test(
  'live /debug/pprof/heap: the CLI reads the URL; rows match go tool pprof',
  { skip: goSkipReason('pprof-shapes') ?? goPprofSkipReason() },
  async (t) => {
    const svc = await startScenario('pprof-shapes', { args: ['-serve'] });
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-pprof-live-'));
    t.after(async () => {
      await svc.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const url = `${svc.url}/debug/pprof/heap`;
    const cli = spawnSync(
      process.execPath,
      ['bin/gomemlens.js', 'pprof', 'top', url, '--gc', '--json'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    assert.equal(cli.status, 0, cli.stderr);
    const json = JSON.parse(cli.stdout) as {
      sampleType: string;
      rows: { name: string; flat: number }[];
    };
    assert.equal(json.sampleType, 'inuse_space');
    assert.ok(json.rows.some((r) => r.name === 'main.site33' && r.flat > 0));

    const text = spawnSync(
      process.execPath,
      ['bin/gomemlens.js', 'pprof', 'top', `${url}?debug=1`, '--json'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    assert.equal(text.status, 0, text.stderr);
    const legacy = JSON.parse(text.stdout) as {
      format: string;
      memstats?: { HeapAlloc: number };
      rows: { name: string; flat: number }[];
    };
    assert.equal(legacy.format, 'legacy-heap');
    assert.ok(legacy.memstats && legacy.memstats.HeapAlloc > 0, 'MemStats trailer read');
    assert.ok(
      legacy.rows.some((r) => r.name === 'main.site33' && r.flat > 0),
      'frames named from the # comments',
    );

    const bytes = await readProfileSource(url, { maxBytes: 64 * MiB, gc: true });
    writeFileSync(join(dir, 'live.pb.gz'), bytes);
    const mine = profileTop(await parseProfile(bytes), { sampleIndex: 'alloc_space' });
    const oracle = parseGoTop(
      goPprof(['-top', '-unit=B', '-sample_index=alloc_space', join(dir, 'live.pb.gz')]),
    );
    assert.deepEqual(
      mine.rows.map((r) => [r.name, r.flat, r.cum, r.inline]),
      oracle.rows.map((r) => [r.name, r.flat, r.cum, r.inline]),
    );
  },
);

test(
  'leak suspects: the leaky demo leaks in main.handleRequest at about its configured rate',
  { skip: goSkipReason('leaky') },
  async (t) => {
    // 1 MiB every 100 ms = 10 MiB/s.
    const svc = await startScenario('leaky', { args: ['-rate', '1MiB', '-every', '100ms'] });
    t.after(() => svc.stop());
    const profiles = [];
    for (let i = 0; i < 5; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 400));
      const time = Date.now();
      const bytes = await readProfileSource(`${svc.url}/debug/pprof/heap`, {
        maxBytes: 64 * MiB,
        gc: true,
      });
      profiles.push({ time, profile: await parseProfile(bytes) });
    }
    const suspects = leakSuspects(profiles);
    assert.ok(suspects.length >= 1, 'found a suspect');
    const top = suspects[0];
    assert.equal(top.name, 'main.handleRequest');
    assert.ok(
      top.rateBytesPerSec > 5 * MiB && top.rateBytesPerSec < 15 * MiB,
      `rate ${top.rateBytesPerSec / MiB} MiB/s`,
    );
    assert.ok(top.share > 0.8, `share ${top.share}`);
    assert.equal(top.steadiness, 1);
    assert.equal(top.series.length, 5);
  },
);
