/** The predicted-vs-measured table of bench/advise.bench.ts (a markdown table for docs/advise.md). */
import { formatGoMemLimit } from '../src/model/gomemlimit.js';
import type { Cell, CellRun } from '../test/support/gcload-run.js';
import type { Compared } from '../test/support/advise-grid.js';

const M = 1024 * 1024;

export function cellName(c: Cell): string {
  const limit = c.gomemlimit === undefined ? 'off' : formatGoMemLimit(c.gomemlimit);
  return `GOGC=${c.gogc} GOMEMLIMIT=${limit} P=${c.gomaxprocs}`;
}

const pair = (p: number, m: number | undefined, f: (x: number) => string) =>
  `${f(p)} / ${m === undefined ? '-' : f(m)}`;
const num = (x: number) => x.toFixed(2);
const pct = (x: number) => (100 * x).toFixed(1);
const mib = (x: number) => (x / M).toFixed(0);

export function printTable(rows: readonly Compared[]): void {
  console.log(
    '| GOGC | GOMEMLIMIT | P | cycles/s | GC CPU % | peak heap MiB | peak container MiB | OOM | thrash | CPU got % | misses (blind) | given the CPU got: GC CPU %, misses |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const {
    run,
    blind: p,
    blindMisses: misses,
    predicted: given,
    misses: givenMisses,
  } of rows) {
    const r = run.report;
    const alive = !run.oomKilled;
    const limit = run.cell.gomemlimit === undefined ? 'off' : formatGoMemLimit(run.cell.gomemlimit);
    console.log(
      `| ${run.cell.gogc} | ${limit} | ${run.cell.gomaxprocs} | ${pair(p.cyclesPerSec, alive ? r?.cyclesPerSec : undefined, num)} | ` +
        `${pair(p.gcCpuShare, alive ? r?.gcCpuShare : undefined, pct)} | ${pair(p.peakHeap, alive ? r?.peakHeapBytes : undefined, mib)} | ` +
        `${pair(p.peakContainer, run.peakContainer, mib)} | ${oom(p.oomAtSec)} / ${run.oomKilled ? `killed${run.diedAtSec ? ` ${run.diedAtSec.toFixed(1)}s` : ''}` : 'no'} | ` +
        `${p.thrash ? 'yes' : 'no'} / ${r && alive ? (r.gcCpuShare >= 0.5 ? 'yes' : 'no') : '-'} | ` +
        `${r?.cpuAvailability ? pct(r.cpuAvailability) : '-'} | ${misses.join(', ') || 'none'} | ` +
        `${pct(given.gcCpuShare)}, ${givenMisses.join(', ') || 'none'} |`,
    );
  }
}

function oom(at: number | undefined): string {
  return at === undefined ? 'no' : `at ${at.toFixed(1)}s`;
}

export function summary(rows: readonly Compared[], what: string, blind = false): string {
  const n = rows.length;
  const of = (r: Compared) => (blind ? r.blindMisses : r.misses);
  const missed = (goal: string) => rows.filter((r) => of(r).includes(goal)).length;
  const goals = ['cycles', 'share', 'heap', 'container', 'oom', 'thrash'];
  const all = rows.filter((r) => of(r).length === 0).length;
  return `${what}: cells meeting every goal ${all}/${n}; misses by goal: ${goals.map((g) => `${g} ${missed(g)}`).join(', ')}`;
}

/** A compared run as advise-grid.json records it (test/support/advise-grid.ts RecordedRow). */
export function plain(c: Compared): object {
  const run: CellRun = c.run;
  const measured = {
    ...run.report,
    peakContainer: run.peakContainer,
    oomKilled: run.oomKilled,
    diedAtSec: run.diedAtSec,
  };
  const { predicted, blind, misses, blindMisses } = c;
  return { cell: run.cell, measured, predicted, blind, misses, blindMisses };
}
