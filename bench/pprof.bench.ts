/**
 * pprof engine benchmark. Goal (issue 19): `gomemlens pprof top` (parse + top, a whole
 * process) at least 15x faster than `go tool pprof -top` on every shape (bench/pprof-
 * shapes.ts), peak RSS at most Node's baseline (45 MB) + 4x the uncompressed profile. Both
 * tools run as processes in the same run, interleaved; medians of the runs are compared.
 * pprof runs with -symbolize=none (gomemlens never symbolizes either), except on a text
 * profile: there it names frames only from the binary that wrote it, so the goal is read on
 * `go tool pprof -top BINARY FILE` (the same rows as ours); -symbolize=none is shown too.
 *   GOMEMLENS_PPROF_SHAPES=deep-distinct,100MB  only these shapes
 *   GOMEMLENS_PPROF_RUNS=7                      runs of gomemlens per shape (default 5)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { profileTop } from '../src/analysis/profile-top.js';
import { decodeProfileProto } from '../src/formats/pprof-proto.js';
import { decodeWithPprofFormat, decodeWithProtobufjs } from './pprof-decoders.js';
import { canMeasure, median, summarize, timed, type Run, type Summary } from './pprof-measure.js';
import { SHAPES, type BenchShape } from './pprof-shapes.js';

const MB = 1 << 20;
const CLI = resolve('bin/gomemlens.js');
const CHILD = resolve('dist/bench/pprof-child.js');
const OUR_RUNS = Number(process.env.GOMEMLENS_PPROF_RUNS ?? 5);
const GO_RUNS = 3;

interface Row {
  readonly shape: BenchShape;
  readonly raw: number;
  readonly gz: number;
  /** The run the goal is read on: pprof printing the same rows as gomemlens. */
  readonly go: Summary;
  /** `-symbolize=none` on a text profile with a binary: addresses only, one <unknown> row. */
  readonly goUnsymbolized?: Summary;
  readonly ours: Summary;
}

function pprofBinary(): string | undefined {
  const r = spawnSync('go', ['tool', '-n', 'pprof'], { encoding: 'utf8' });
  const path = r.status === 0 ? r.stdout.trim().split('\n').pop() : undefined;
  return path && existsSync(path) ? path : undefined;
}

function measure(shape: BenchShape, file: string, pprof: string, dir: string): Row {
  const bytes = readFileSync(file);
  const raw = bytes[0] === 0x1f ? gunzipSync(bytes).length : bytes.length;
  const env = { PATH: process.env.PATH ?? '', HOME: dir, PPROF_TMPDIR: dir };
  const go: Run[] = [];
  const unsymbolized: Run[] = [];
  const ours: Run[] = [];
  const goRuns = shape.goRuns ?? GO_RUNS;
  const unsym = ['-top', '-symbolize=none', file];
  for (let i = 0; i < Math.max(goRuns, OUR_RUNS); i++) {
    if (i < goRuns && shape.binary) {
      go.push(timed(pprof, ['-top', shape.binary, file], env));
      unsymbolized.push(timed(pprof, unsym, env));
    } else if (i < goRuns) go.push(timed(pprof, unsym, env));
    if (i < OUR_RUNS) ours.push(timed(process.execPath, [CLI, 'pprof', 'top', file]));
  }
  return {
    shape,
    raw,
    gz: bytes.length,
    go: summarize(go),
    goUnsymbolized: shape.binary ? summarize(unsymbolized) : undefined,
    ours: summarize(ours),
  };
}

function goLine(what: string, s: Summary): string {
  return (
    `${what} ${s.ms.toFixed(0)} ms wall, ${s.cpuMs.toFixed(0)} ms CPU, ` +
    `peak RSS ${(s.rssKB / 1024).toFixed(0)} MiB (median of ${s.runs})`
  );
}

function report(r: Row): void {
  const budget = 45 * 1024 + (4 * r.raw) / 1024;
  const how = r.shape.binary ? '-top BINARY' : '-top -symbolize=none';
  console.log(goLine(`go tool pprof ${how}:`, r.go));
  console.log(
    `gomemlens pprof top: ${r.ours.ms.toFixed(0)} ms wall, ${r.ours.cpuMs.toFixed(0)} ms CPU, ` +
      `peak RSS ${(r.ours.rssKB / 1024).toFixed(0)} MiB (goal <= ${(budget / 1024).toFixed(0)} MiB; median of ${r.ours.runs})`,
  );
  console.log(
    `ratio: ${(r.go.ms / r.ours.ms).toFixed(1)}x wall, ${(r.go.cpuMs / r.ours.cpuMs).toFixed(1)}x CPU (goal >= 15x)`,
  );
  if (r.goUnsymbolized) {
    console.log(
      goLine('go tool pprof -top -symbolize=none (one <unknown> row):', r.goUnsymbolized),
    );
    const ratio = (s: Summary) =>
      `${(s.ms / r.ours.ms).toFixed(1)}x wall, ${(s.cpuMs / r.ours.cpuMs).toFixed(1)}x CPU`;
    console.log(`ratio against -symbolize=none: ${ratio(r.goUnsymbolized)}`);
  }
}

/** Where the time of one run goes, inside the process (CPU ms per phase). */
function phases(file: string): void {
  const r = spawnSync(process.execPath, [CHILD, file], { encoding: 'utf8' });
  if (r.status === 0) console.log(`phases (one run, CPU ms): ${r.stdout.trim()}`);
}

function table(rows: readonly Row[]): void {
  console.log(
    '\n| shape | size (uncompressed / file) | go tool pprof -top | gomemlens pprof top | ratio wall / CPU | peak RSS (goal) |',
  );
  console.log('|---|---|---|---|---|---|');
  const line = (name: string, r: Row, go: Summary) => {
    const budget = 45 + (4 * r.raw) / MB;
    console.log(
      `| ${name} | ${(r.raw / MB).toFixed(1)} / ${(r.gz / MB).toFixed(1)} MiB ` +
        `| ${go.ms.toFixed(0)} ms, ${go.cpuMs.toFixed(0)} ms CPU, ${(go.rssKB / 1024).toFixed(0)} MiB ` +
        `| ${r.ours.ms.toFixed(0)} ms, ${r.ours.cpuMs.toFixed(0)} ms CPU ` +
        `| ${(go.ms / r.ours.ms).toFixed(1)}x / ${(go.cpuMs / r.ours.cpuMs).toFixed(1)}x ` +
        `| ${(r.ours.rssKB / 1024).toFixed(0)} MiB (${budget.toFixed(0)}) |`,
    );
  };
  for (const r of rows) {
    line(r.shape.binary ? `${r.shape.name} (-top BINARY)` : r.shape.name, r, r.go);
    if (r.goUnsymbolized) line(`${r.shape.name} (-symbolize=none)`, r, r.goUnsymbolized);
  }
}

async function alternatives(file: string): Promise<void> {
  const raw = new Uint8Array(gunzipSync(readFileSync(file)));
  const best = (f: () => unknown) => {
    const ms: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      f();
      ms.push(performance.now() - t0);
    }
    return Math.min(...ms).toFixed(0);
  };
  const parsed = decodeProfileProto(raw, { labels: false });
  console.log('\ndecoders on the same uncompressed bytes (best of 3, in-process, warm):');
  console.log(`  gomemlens (validated, IDs resolved): ${best(() => decodeProfileProto(raw))} ms`);
  console.log(
    `  pprof-format (raw, no checks):       ${best(() => decodeWithPprofFormat(raw))} ms`,
  );
  console.log(`  protobufjs (reflection, raw):        ${best(() => decodeWithProtobufjs(raw))} ms`);
  console.log(`  top on the parsed profile:           ${best(() => profileTop(parsed))} ms`);
}

async function main(): Promise<void> {
  const pprof = pprofBinary();
  if (!existsSync(resolve('dist/go/pprof-big')) || !pprof || !canMeasure()) {
    console.log('pprof bench: skipped (needs Go: dist/go/pprof-big, go tool pprof, /usr/bin/time)');
    return;
  }
  const wanted = process.env.GOMEMLENS_PPROF_SHAPES?.split(',');
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-pprof-bench-'));
  const rows: Row[] = [];
  try {
    for (const shape of SHAPES.filter((s) => !wanted || wanted.includes(s.name))) {
      console.log(`\n--- ${shape.name}: ${shape.what}`);
      const file = shape.write(dir);
      const row = measure(shape, file, pprof, dir);
      console.log(
        `profile: ${(row.raw / MB).toFixed(1)} MiB uncompressed, ${(row.gz / MB).toFixed(1)} MiB file`,
      );
      report(row);
      phases(file);
      rows.push(row);
      if (shape.name === 'go-10-funcs') await alternatives(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  table(rows);
  const worst = median(rows.map((r) => r.go.ms / r.ours.ms));
  console.log(`\nmedian wall ratio over the shapes: ${worst.toFixed(1)}x`);
}

await main();
