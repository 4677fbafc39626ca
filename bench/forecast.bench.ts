/**
 * How good the OOM forecast is (docs/watch.md). Every shape of test/support/shapes.ts runs for
 * real: a Go scenario in its own memory cgroup (256 MiB), watched by `gomemlens watch` until the
 * kernel OOM-kills it or 90 s pass, two at a time. The forecast is scored as watch gave it
 * (test/support/forecast-score.ts): ETA error at 25/50/75% of the life, lead of the first
 * correct warning, false alarms. Goals: |error| <= 20% at halfway on every leak, first warning
 * with >= 40% of the life left, no leak or OOM finding and no ETA on the shapes not killed.
 * GOMEMLENS_BENCH_KEEP=DIR keeps the captures there.
 */
import { cgroupSkipReason } from '../test/support/cgroup.js';
import { goSkipReason } from '../test/support/go-scenario.js';
import { score, type Score } from '../test/support/forecast-score.js';
import { runShape, type ShapeRun } from '../test/support/shape-run.js';
import { SHAPES } from '../test/support/shapes.js';

const MAX_SEC = 90;
const AT_ONCE = 2;
/** Findings that raise an alarm: none may appear on a shape that is not killed. */
const ALARMS = ['heap-leak', 'memory-leak', 'oom-forecast', 'shmem-growth'];

interface Row {
  readonly run: ShapeRun;
  readonly score: Score;
  readonly alarms: string[];
  readonly zeroPrinted: number;
}

async function main(): Promise<void> {
  const skip =
    cgroupSkipReason() ??
    [...new Set(SHAPES.map((s) => s.program))].map(goSkipReason).find(Boolean);
  if (skip) return console.log(`forecast evaluation skipped: ${skip}`);
  const queue = [...SHAPES];
  const rows: Row[] = [];
  const t0 = Date.now();
  const worker = async () => {
    for (let shape = queue.shift(); shape; shape = queue.shift()) {
      const run = await runShape(shape, MAX_SEC, process.env.GOMEMLENS_BENCH_KEEP);
      const row = rowOf(run);
      rows.push(row);
      console.log(`${shape.name}: ${line(row)}`);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  rows.sort((a, b) => SHAPES.indexOf(a.run.shape) - SHAPES.indexOf(b.run.shape));
  console.log(`\n${table(rows)}\n`);
  for (const r of rows) for (const note of notes(r)) console.log(`${r.run.shape.name}: ${note}`);
  console.log(`\n${rows.length} shapes in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

function rowOf(run: ShapeRun): Row {
  const killed = run.oomKills > 0 ? run.diedAt : undefined;
  const codes = run.capture.findings.map((f) => f.finding.code);
  return {
    run,
    score: score(run.capture, killed),
    alarms: run.shape.oom ? [] : codes.filter((c) => ALARMS.includes(c)),
    zeroPrinted: run.stdout.split('\n').filter((l) => /OOM in 0(ms|\.0s)/.test(l)).length,
  };
}

const pct = (e: number | undefined) => (e === undefined ? 'none' : `${Math.round(e * 100)}%`);

function line(r: Row): string {
  const s = r.score;
  return `life ${s.lifeSec.toFixed(0)} s, errors ${s.errors.map(pct).join(' ')}, lead ${lead(s)}, false alarms ${falseAlarms(r)}`;
}

function lead(s: Score): string {
  if (!s.killed) return 'n/a';
  if (s.leadSec === undefined) return 'never';
  return `${s.leadSec.toFixed(0)} s (${Math.round(100 * s.leadShare!)}%)`;
}

function falseAlarms(r: Row): string {
  const parts = [`${r.score.falseAlarms}`];
  if (r.alarms.length) parts.push(`findings ${[...new Set(r.alarms)].join(',')}`);
  if (r.zeroPrinted) parts.push(`"OOM in 0" x${r.zeroPrinted}`);
  return parts.join(', ');
}

function table(rows: readonly Row[]): string {
  const head =
    '| shape | killed after | ETA error at 25% | at 50% | at 75% | first correct warning (before the kill) | false alarms | verdict lost |\n' +
    '|---|---|---|---|---|---|---|---|';
  const body = rows.map((r) => {
    const s = r.score;
    const life = s.killed ? `${s.lifeSec.toFixed(0)} s` : `not killed (${s.lifeSec.toFixed(0)} s)`;
    const errs = s.killed ? s.errors.map(pct) : ['-', '-', '-'];
    return `| ${r.run.shape.name} | ${life} | ${errs.join(' | ')} | ${lead(s)} | ${falseAlarms(r)} | ${s.lost} |`;
  });
  return [head, ...body].join('\n');
}

/** What the table does not show: goals missed, runs that went wrong. */
function notes(r: Row): string[] {
  const s = r.score;
  const out: string[] = [];
  if (r.run.shape.oom !== s.killed)
    out.push(`expected ${r.run.shape.oom ? 'an' : 'no'} OOM kill, got ${r.run.oomKills}`);
  if (s.mismatches) out.push(`${s.mismatches} forecast records differ from the replay`);
  if (s.killed && !(Math.abs(s.errors[1] ?? Infinity) <= 0.2))
    out.push('GOAL MISSED: ETA at halfway');
  if (s.killed && !((s.leadShare ?? 0) >= 0.4)) out.push('GOAL MISSED: first warning lead');
  if (!s.killed && (s.falseAlarms || r.alarms.length)) out.push('GOAL MISSED: false alarm');
  if (r.zeroPrinted) out.push('GOAL MISSED: "OOM in 0" printed for a live process');
  return out;
}

await main();
