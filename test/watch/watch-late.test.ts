// The watch schedule: a tick that runs over its interval makes the next one late; that tick
// runs at once and is recorded with `late`, none is skipped, and --duration still holds.
// The sampler here is a stand-in whose third tick takes 350 ms (a /proc read stuck on a busy
// host); everything else (session, capture writer, reader) is the real code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TRIGGERS } from '../../src/analysis/triggers.js';
import { runSession } from '../../src/app/watch-session.js';
import {
  CAPTURE_FORMAT,
  CAPTURE_VERSION,
  parseCapture,
  type Capture,
} from '../../src/formats/capture.js';
import { openCaptureWriter } from '../../src/sources/capture-writer.js';
import { ok } from '../../src/model/observation.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import type { TargetReader, TickRead } from '../../src/sources/target.js';

function slowThirdTick(): TargetReader {
  let n = 0;
  const snapshot = (now: number): Snapshot => ({
    takenAt: new Date(now).toISOString(),
    target: { pid: 1 },
    process: {
      pid: 1,
      status: ok({ name: 'x', vmRss: 1 << 20 }, '/proc/1/status'),
    } as Snapshot['process'],
    notes: [],
  });
  return {
    async tick(now = Date.now()): Promise<TickRead> {
      if (++n === 3) await new Promise((r) => setTimeout(r, 350));
      return { t: now, alive: true, snapshot: snapshot(now) };
    },
    snapshot: async (now = Date.now()) => snapshot(now),
    fetchProfile: async () => ({ error: 'none here' }),
    profilePath: () => '/debug/pprof/heap',
    close: () => undefined,
  };
}

test('a late tick is recorded as late, not dropped; --duration holds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-late-'));
  try {
    const path = join(dir, 'c.ndjson');
    const header = { type: 'header', format: CAPTURE_FORMAT, version: CAPTURE_VERSION } as const;
    const out = openCaptureWriter(path, {
      ...header,
      startedAt: Date.now(),
      target: { pid: 1 },
      intervalMs: 100,
      profileEveryMs: 60_000,
    });
    const started = Date.now();
    const result = await runSession(
      slowThirdTick(),
      out,
      {
        intervalMs: 100,
        profileEveryMs: 60_000,
        durationMs: 1500,
        triggers: DEFAULT_TRIGGERS,
      },
      { onTick: () => undefined, onEvent: () => undefined },
      new AbortController().signal,
    );
    const elapsed = Date.now() - started;
    out.close();
    const c = (parseCapture(readFileSync(path)) as { capture: Capture }).capture;
    assert.equal(result.why, 'duration');
    assert.ok(elapsed < 1500 + 100 + 300, `ran ${elapsed} ms`);
    const late = c.samples.filter((s) => s.late !== undefined);
    assert.equal(late.length, 1, JSON.stringify(c.samples.map((s) => s.late)));
    assert.equal(c.samples.indexOf(late[0]), 3, 'the tick after the slow one');
    assert.ok(late[0].late! >= 200 && late[0].late! < 400, `late by ${late[0].late} ms`);
    assert.equal(result.late, 1);
    // 15 slots in 1.5 s, less the ~3 the slow tick held: none skipped beyond that.
    assert.ok(c.samples.length >= 11 && c.samples.length <= 15, `${c.samples.length} samples`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
