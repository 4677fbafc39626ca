/**
 * `gomemlens trace gc` as a user runs it: on a trace file (text and --json, checked against
 * tracedump's summary), on a live service's /debug/pprof/trace, and on a trace cut short.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli, runCliSync } from '../support/cli.js';
import { goSkipReason, startScenario } from '../support/go-scenario.js';
import type { GcTraceSummary } from '../../src/analysis/go-trace-gc.js';
import { writeTrace } from './trace-gen.js';

const TRACEDUMP = resolve('dist/upstream/tracedump');
const skip = existsSync(TRACEDUMP) ? goSkipReason('tracegen') : 'dist/upstream/tracedump not built';
const dir = mkdtempSync(join(tmpdir(), 'gomemlens-trace-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('trace gc: text and --json agree with tracedump', { skip }, (t) => {
  const made = writeTrace(dir, '');
  if (typeof made === 'string') return t.skip(made);
  const text = runCliSync(['trace', 'gc', made.path]);
  assert.equal(text.code, 0, text.stderr);
  for (const part of [
    'Go execution trace (go 1.',
    'Stop-the-world pauses:',
    'Mark assists:',
    'GC timeline',
  ])
    assert.ok(text.stdout.includes(part), `no "${part}" in:\n${text.stdout}`);
  const json = runCliSync(['trace', 'gc', '--json', made.path]);
  assert.equal(json.code, 0, json.stderr);
  const s = JSON.parse(json.stdout) as GcTraceSummary;
  const dump = spawnSync(TRACEDUMP, [made.path], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  }).stdout.split('\n');
  assert.equal(`events ${s.events}`, dump[0]);
  assert.equal(s.pauses.length, dump.filter((l) => l.startsWith('stw ')).length);
  assert.equal(
    s.cycles.filter((c) => c.endNs !== undefined).length,
    dump.filter((l) => l.startsWith('gc ')).length,
  );
  assert.equal(s.mmuPlot.length, 100);
  // Workers counted once, the function spans the whole trace: every window up to its length.
  const fit = [100e3, 1e6, 10e6, 100e6, 1e9].filter((w) => w <= s.durationNs * 0.999);
  assert.deepEqual(
    s.mmuWorkersOnce.map((m) => m.windowNs),
    fit,
  );
  assert.ok(s.heap.length > 0 && s.heap.length <= 2000);
  assert.equal(s.incomplete, undefined);
});

test(
  'trace gc URL: a live service traced for a second through /debug/pprof/trace',
  { skip: goSkipReason('leaky') },
  async () => {
    const svc = await startScenario('leaky');
    try {
      const r = await runCli(['trace', 'gc', '--json', `${svc.url}/debug/pprof/trace?seconds=1`], {
        timeoutMs: 60_000,
      });
      assert.equal(r.code, 0, r.stderr);
      const s = JSON.parse(r.stdout) as GcTraceSummary & { source: string };
      assert.ok(s.traceVersion >= 22);
      assert.ok(s.durationNs > 0.9e9 && s.durationNs < 5e9, `duration ${s.durationNs}`);
      assert.ok(s.gomaxprocs !== undefined && s.gomaxprocs >= 1);
    } finally {
      await svc.stop();
    }
  },
);

test(
  'trace gc on a trace cut short: the generations before the cut, marked incomplete',
  { skip },
  (t) => {
    // Generations end about once a second: a 2.5 s trace has a few, and a cut loses the last.
    const made = writeTrace(join(dir), '', ['-for', '2500ms', '-workers', '2']);
    if (typeof made === 'string') return t.skip(made);
    const whole = readFileSync(made.path);
    const cut = join(dir, 'cut.trace');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.8)));
    const r = runCliSync(['trace', 'gc', '--json', cut]);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout) as GcTraceSummary;
    assert.match(s.incomplete ?? '', /truncated|cut short/);
    assert.match(r.stderr, /^note: .*incomplete trace/);
    const full = JSON.parse(
      runCliSync(['trace', 'gc', '--json', made.path]).stdout,
    ) as GcTraceSummary;
    assert.ok(s.events > 0 && s.events < full.events);
    assert.ok(s.pauses.length <= full.pauses.length);
  },
);
