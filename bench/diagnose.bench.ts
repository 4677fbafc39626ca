/**
 * diagnose and ps timings (issue goals: one diagnose of a local process with its endpoints in
 * under 300 ms of wall time, not counting the target's own response time; ps over 500
 * processes in under 1 s). gops (github.com/google/gops, if installed) lists the same
 * processes as a reference measured in the same run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeSnapshot } from '../src/analysis/diagnose.js';
import { renderDiagnoseText } from '../src/report/diagnose-text.js';
import { listGoProcesses } from '../src/cli/ps.js';
import { hostFs } from '../src/sources/hostfs.js';
import { collectSnapshot } from '../src/sources/target.js';

const LEAKY = resolve('dist/go/leaky');
const BIN = resolve('bin/gomemlens.js');

function startLeaky(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(LEAKY, ['-rate', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((res) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) res({ child, url: m[1] });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function benchDiagnose(): Promise<void> {
  const svc = await startLeaky();
  const fs = hostFs('/');
  const total: number[] = [];
  const own: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const snap = await collectSnapshot(
      { pid: svc.child.pid },
      { fs, timeoutMs: 5000, discover: true },
    );
    renderDiagnoseText(analyzeSnapshot(snap), { color: false });
    const elapsed = performance.now() - t0;
    // The target's own response time: the slowest endpoint (they are read in parallel).
    const target = Math.max(0, ...(snap.runtime?.endpoints ?? []).map((e) => e.ms));
    total.push(elapsed);
    own.push(elapsed - target);
  }
  const cli: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [BIN, 'diagnose', '--pid', String(svc.child.pid)], {
      stdio: 'ignore',
    });
    cli.push(performance.now() - t0);
  }
  svc.child.kill('SIGKILL');
  console.log('diagnose of a local Go process (endpoints found on its listening port):');
  console.log(`  in-process: median ${ms(median(total))}, p95 ${ms(p95(total))}`);
  console.log(
    `  without the target's response time: median ${ms(median(own))}, p95 ${ms(p95(own))} (goal < 300 ms)`,
  );
  console.log(`  CLI end to end incl. node start-up: median ${ms(median(cli))}`);
}

async function benchPs(): Promise<void> {
  const sleepers = Array.from({ length: 400 }, () => spawn('sleep', ['600'], { stdio: 'ignore' }));
  const gos = await Promise.all(Array.from({ length: 100 }, startLeaky));
  const fs = hostFs('/');
  await listGoProcesses(fs); // warm the binary cache as a long-running caller would not; see cold below
  const inproc: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const rows = await listGoProcesses(fs);
    inproc.push(performance.now() - t0);
    if (rows.length < 100) throw new Error(`ps found ${rows.length} Go processes, expected >= 100`);
  }
  const cli: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [BIN, 'ps', '--json'], { stdio: 'ignore' });
    cli.push(performance.now() - t0);
  }
  const gops = join(homedir(), 'go/bin/gops');
  const ref: number[] = [];
  if (existsSync(gops)) {
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      spawnSync(gops, [], { stdio: 'ignore' });
      ref.push(performance.now() - t0);
    }
  }
  const count = spawnSync('sh', ['-c', 'ls -d /proc/[0-9]* | wc -l'], {
    encoding: 'utf8',
  }).stdout.trim();
  for (const c of [...sleepers, ...gos.map((g) => g.child)]) c.kill('SIGKILL');
  console.log(`ps over ${count} processes (100 of them Go):`);
  console.log(`  in-process (warm): median ${ms(median(inproc))}`);
  console.log(
    `  CLI end to end (cold, incl. node start-up): median ${ms(median(cli))} (goal < 1000 ms)`,
  );
  if (ref.length) {
    console.log(
      `  gops (reference, same processes): median ${ms(median(ref))}; ratio gomemlens/gops ${(median(cli) / median(ref)).toFixed(2)}`,
    );
  } else
    console.log('  gops not installed (go install github.com/google/gops@latest): no reference');
}

await benchDiagnose();
await benchPs();
