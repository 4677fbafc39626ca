// The watch tick's read of /proc/PID/status (sources/target.ts): a status that does not parse
// is a note on that tick's sample and watching goes on; only a missing status (or a zombie's)
// means the process is gone. The target is a fixture root whose status file the test rewrites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleOf } from '../../src/analysis/sample-of.js';
import { DEFAULT_TRIGGERS } from '../../src/analysis/triggers.js';
import { runSession } from '../../src/app/watch-session.js';
import {
  CAPTURE_FORMAT,
  CAPTURE_VERSION,
  parseCapture,
  type Capture,
} from '../../src/formats/capture.js';
import { openCaptureWriter } from '../../src/sources/capture-writer.js';
import { hostFs, type HostFs } from '../../src/sources/hostfs.js';
import { createTargetReader } from '../../src/sources/target.js';

const PID = 77;
const GOOD =
  'Name:\tsvc\nState:\tS (sleeping)\nVmRSS:\t  2048 kB\nRssAnon:\t1024 kB\nThreads:\t5\n';
const GARBLED = 'Name:\tsvc\nVmRSS:\tlots kB\n';
const ZOMBIE = 'Name:\tsvc\nState:\tZ (zombie)\nThreads:\t1\n';

function fixture(t: { after(fn: () => void): void }): { root: string; status: string } {
  const root = mkdtempSync(join(tmpdir(), 'gomemlens-tick-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'proc', String(PID)), { recursive: true });
  return { root, status: join(root, 'proc', String(PID), 'status') };
}

test('a status that does not parse is a note; a missing or zombie status means gone', async (t) => {
  const { root, status } = fixture(t);
  const reader = createTargetReader(hostFs(root), { pid: PID });
  t.after(() => reader.close());
  writeFileSync(status, GOOD);
  const good = await reader.tick(1000);
  assert.equal(good.alive, true);
  assert.equal(sampleOf(good.snapshot, undefined).proc?.rss, 2048 * 1024);

  writeFileSync(status, GARBLED);
  const bad = await reader.tick(2000);
  assert.equal(bad.alive, true, 'a garbled status is not the end of the process');
  assert.match(
    bad.snapshot.notes.join('\n'),
    /\/proc\/77\/status unreadable: malformed: line 2: expected "<n> kB"/,
  );
  const sample = sampleOf(bad.snapshot, undefined);
  assert.equal(sample.proc, undefined);
  assert.equal(sample.t, 2000);

  writeFileSync(status, ZOMBIE);
  assert.equal((await reader.tick(3000)).alive, false, 'a zombie has exited');
  rmSync(status);
  assert.equal((await reader.tick(4000)).alive, false, 'no status: gone');
});

test('watch keeps sampling through a garbled status and records why', async (t) => {
  const { root, status } = fixture(t);
  writeFileSync(status, GOOD);
  // Every third read of the status file comes back garbled, as from a torn read.
  const real = hostFs(root);
  let reads = 0;
  const fs: HostFs = {
    ...real,
    readText: async (path, max) => {
      const r = await real.readText(path, max);
      if (path !== `/proc/${PID}/status` || r.status !== 'ok') return r;
      return ++reads % 3 === 0 ? { ...r, value: GARBLED } : r;
    },
  };
  const path = join(root, 'capture.ndjson');
  const header = { type: 'header', format: CAPTURE_FORMAT, version: CAPTURE_VERSION } as const;
  const settings = { intervalMs: 100, profileEveryMs: 60_000, triggers: DEFAULT_TRIGGERS };
  const out = openCaptureWriter(path, {
    ...header,
    startedAt: Date.now(),
    target: { pid: PID },
    ...settings,
  });
  const reader = createTargetReader(fs, { pid: PID });
  const result = await runSession(
    reader,
    out,
    { ...settings, durationMs: 1000 },
    { onTick: () => undefined, onEvent: () => undefined },
    new AbortController().signal,
  );
  reader.close();
  out.close();
  assert.equal(result.why, 'duration', 'watching went on to the deadline');
  const c = (parseCapture(readFileSync(path)) as { capture: Capture }).capture;
  const noted = c.samples.filter((s) =>
    s.notes?.some((n) => /status unreadable: malformed/.test(n)),
  );
  assert.ok(c.samples.length >= 8, `${c.samples.length} samples`);
  assert.ok(noted.length >= 2, `${noted.length} samples note the garbled status`);
  assert.ok(noted.every((s) => s.proc === undefined));
  assert.ok(c.samples.filter((s) => s.proc?.rss === 2048 * 1024).length >= 5);
});
