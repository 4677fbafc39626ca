/**
 * The MMU curve against `go tool trace`: its /mmu page (mode=plot, the default boxes STW,
 * background workers and mark assists) serves the 100 windows and minimum utilizations it
 * draws; gomemlens's must be the same numbers, bit for bit. Also the GC summary against
 * tracedump's: the same mark phases, pauses and assists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { summarizeGcTrace } from '../../src/analysis/go-trace-summary.js';
import { MutatorUtilization } from '../../src/analysis/go-trace-mmu.js';
import { MmuCurve } from '../../src/analysis/go-trace-mmu-curve.js';
import { GoTraceReader } from '../../src/formats/go-trace-reader.js';
import { writeTrace } from './trace-gen.js';

const TRACEDUMP = resolve('dist/upstream/tracedump');
const skip = existsSync(TRACEDUMP) ? undefined : 'dist/upstream/tracedump not built';
const dir = mkdtempSync(join(tmpdir(), 'gomemlens-mmu-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() =>
        typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port')),
      );
    });
  });
}

/** go tool trace's utilization function (no correction) as an MMU curve. */
function mmuCurveOf(bytes: Uint8Array): MmuCurve {
  const r = new GoTraceReader(bytes);
  const u = new MutatorUtilization();
  for (let ev = r.next(); ev; ev = r.next()) u.add(ev);
  const series = u.finish();
  assert.ok(series);
  return new MmuCurve(series);
}

/** The path of go tool trace's binary (built into the cache on first use). */
function traceTool(): string | undefined {
  for (let i = 0; i < 2; i++) {
    const r = spawnSync('go', ['tool', '-n', 'trace'], { encoding: 'utf8' });
    const path = r.status === 0 ? r.stdout.trim().split('\n').pop() : undefined;
    if (path && existsSync(path)) return path;
    spawnSync('go', ['tool', 'trace', '-h'], { stdio: 'ignore' });
  }
  return undefined;
}

interface Plot {
  readonly curve: [number, number][];
}

/** go tool trace's MMU plot for a trace, or a reason when it could not give one. */
async function goToolTracePlot(path: string): Promise<Plot | string> {
  const port = await freePort();
  const tool = traceTool();
  if (!tool) return 'go tool trace not found';
  // The binary itself, not `go tool trace`: killing the go command would leave it serving.
  const child = spawn(tool, [`-http=127.0.0.1:${port}`, path], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // It may exit before serving (it panics on some traces): say so at once, with its last words.
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-400)));
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `go tool trace exited (${code ?? signal})`));
  try {
    const url = `http://127.0.0.1:${port}/mmu?mode=plot&flags=system|stw|background|assist`;
    for (let i = 0; i < 120; i++) {
      await new Promise((r) => setTimeout(r, 500));
      if (exited) return `${exited}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
      const res = await fetch(url).catch(() => undefined);
      if (!res) continue;
      if (res.ok) return (await res.json()) as Plot;
      return `go tool trace answered ${res.status} (${(await res.text()).trim().slice(0, 80)})`;
    }
    return 'go tool trace did not start';
  } finally {
    child.kill('SIGKILL');
  }
}

for (const toolchain of ['', 'go1.22.12', 'go1.25.14']) {
  test(
    `MMU curve = go tool trace's /mmu plot (${toolchain || 'local Go'} trace)`,
    { skip },
    async (t) => {
      // go tool trace (1.26) itself fails on some traces (MutatorUtilizationV2 indexes P -1
      // when a mark worker changes state without a P): try a few fresh traces.
      let reason = '';
      for (let attempt = 0; attempt < 5; attempt++) {
        const d = join(dir, `${toolchain || 'local'}-${attempt}`);
        mkdirSync(d);
        const made = writeTrace(d, toolchain);
        if (typeof made === 'string') return t.skip(made);
        const plot = await goToolTracePlot(made.path);
        if (typeof plot === 'string') {
          reason = plot;
          continue;
        }
        const bytes = readFileSync(made.path);
        const ours = summarizeGcTrace(bytes).mmuPlot.map((p) => [p.windowNs, p.mmu]);
        // The windows are exp() of a log scale cut to whole ns: Go's math.Exp (amd64
        // assembly, FMA) and V8's can differ in the last bit, so a window may be 1 ns off.
        // The MMU itself must be Go's exactly, at Go's own windows.
        const curve = mmuCurveOf(bytes);
        const at = plot.curve.findIndex(
          ([w, mmu], i) => Math.abs(w - (ours[i]?.[0] ?? NaN)) > 1 || curve.mmu(w) !== mmu,
        );
        if (at >= 0 || ours.length !== plot.curve.length) {
          // Keep the trace: a difference is a reader or MMU bug to look into.
          mkdirSync('test-artifacts', { recursive: true });
          copyFileSync(made.path, 'test-artifacts/mmu-mismatch.trace');
          const what = `ours ${JSON.stringify(ours[at])}, go tool trace ${JSON.stringify(plot.curve[at])}`;
          assert.fail(`point ${at}: ${what} (trace in test-artifacts/mmu-mismatch.trace)`);
        }
        assert.ok(
          plot.curve.some(([, mmu]) => mmu > 0 && mmu < 1),
          'a curve with some shape',
        );
        return;
      }
      t.skip(reason);
    },
  );
}

test(
  'GC summary = tracedump: mark phases, stop-the-world pauses, assists per goroutine',
  { skip },
  (t) => {
    const made = writeTrace(join(dir), '');
    if (typeof made === 'string') return t.skip(made);
    const out = spawnSync(TRACEDUMP, [made.path], { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(out.status, 0, out.stderr);
    const lines = out.stdout.trimEnd().split('\n');
    const s = summarizeGcTrace(readFileSync(made.path));
    assert.equal(`events ${s.events}`, lines[0]);
    const gcs = lines.filter((l) => l.startsWith('gc ')).map((l) => l.split(' ').map(Number));
    const closed = s.cycles.filter((c) => c.endNs !== undefined);
    assert.deepEqual(
      closed.map((c) => (c.endNs ?? 0) - c.startNs),
      gcs.filter(([, b]) => b >= 0).map(([, b, e]) => e - b),
    );
    const stws = lines.filter((l) => l.startsWith('stw '));
    assert.equal(s.pauses.length, stws.length);
    const stwNs = stws.map((l) => Number(l.split(' ')[2]) - Number(l.split(' ')[1]));
    assert.deepEqual(
      s.pauses.map((p) => p.durationNs),
      stwNs,
    );
    assert.deepEqual(
      s.pauses.map((p) => `stop-the-world (${p.reason})`),
      stws.map((l) => JSON.parse(l.slice(l.indexOf('"'))) as string),
    );
    const perG = new Map<number, number>();
    for (const l of lines.filter((x) => x.startsWith('assist '))) {
      const [, g, b, e] = l.split(' ').map(Number);
      perG.set(g, (perG.get(g) ?? 0) + e - b);
    }
    assert.deepEqual(new Map(s.assists.map((a) => [a.goroutine, a.totalNs])), perG);
  },
);
