// `gomemlens gctrace` on the log of a real Go program, checked against the runtime's own
// counters read from /debug/vars at the same moment: runtime.MemStats NumGC (cycles),
// NumForcedGC (forced) and PauseTotalNs (the stop-the-world pauses, which gctrace prints as
// the sweep- and mark-termination clock times, rounded to two significant digits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goSkipReason, startScenario } from '../support/go-scenario.js';
import { runCli } from '../support/cli.js';
import type { GctraceSummary } from '../../src/analysis/gctrace-summary.js';

interface MemStats {
  NumGC: number;
  NumForcedGC: number;
  PauseTotalNs: number;
}

async function memstats(url: string): Promise<MemStats> {
  const vars = (await (await fetch(`${url}/debug/vars`)).json()) as { memstats: MemStats };
  return vars.memstats;
}

test(
  'gctrace of a real leaky log: cycles, forced cycles and pauses as runtime.MemStats counts them',
  { skip: goSkipReason('leaky'), timeout: 60_000 },
  async () => {
    const svc = await startScenario('leaky', {
      args: ['-rate', '256KiB', '-every', '20ms'],
      env: { GODEBUG: 'gctrace=1,scavtrace=1' },
    });
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-gctrace-'));
    try {
      await new Promise((r) => setTimeout(r, 3000));
      // Two forced cycles: the heap profile handler runs runtime.GC() with ?gc=1.
      for (let i = 0; i < 2; i++) await (await fetch(`${svc.url}/debug/pprof/heap?gc=1`)).text();
      // The counters and the log at one moment: no cycle between the two reads.
      let ms: MemStats;
      let log: string;
      for (;;) {
        const before = await memstats(svc.url!);
        // Whole lines only: the runtime may be writing the next one.
        const text = svc.stderr();
        log = text.slice(0, text.lastIndexOf('\n') + 1);
        ms = await memstats(svc.url!);
        const lines = log.split('\n').filter((l) => l.startsWith('gc ')).length;
        if (before.NumGC === ms.NumGC && lines === ms.NumGC) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      writeFileSync(join(dir, 'leaky.log'), log);
      const r = await runCli(['gctrace', join(dir, 'leaky.log'), '--json']);
      assert.equal(r.code, 0, r.stderr);
      const { summary: s } = JSON.parse(r.stdout) as { summary: GctraceSummary };
      assert.ok(ms.NumGC >= 5, `only ${ms.NumGC} cycles`);
      assert.equal(s.cycles, ms.NumGC, r.stderr);
      assert.equal(s.forced, ms.NumForcedGC);
      assert.equal(s.forced, 2);
      const pauseMs = ms.PauseTotalNs / 1e6;
      // Two significant digits (at most 3 decimals): 5% of each value plus 0.001 ms.
      const tolerance = pauseMs * 0.05 + 2 * s.cycles * 0.001;
      assert.ok(
        Math.abs(s.pauses.totalMs - pauseMs) <= tolerance,
        `pauses ${s.pauses.totalMs} ms vs PauseTotalNs ${pauseMs} ms (±${tolerance})`,
      );
      assert.ok(s.scavenger.lines >= 0 && s.gcCpuShare! > 0 && s.gcCpuShare! < 1);
    } finally {
      await svc.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
