// `gomemlens watch -- CMD` on real Go programs in real memory cgroups: leaky under a 64 MiB
// limit is OOM-killed and the capture records the kill and its GC cycles exactly as the
// runtime printed them; steady ends at --duration with the program stopped; a watcher sent
// SIGTERM stops the program too. In every case the cgroup is gone afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cgroupSkipReason } from '../support/cgroup.js';
import { goSkipReason, scenarioPath } from '../support/go-scenario.js';
import { parseCapture, type Capture } from '../../src/formats/capture.js';
import { parseGctraceLine } from '../../src/formats/gctrace.js';
import { postMortem } from '../../src/analysis/postmortem.js';
import { godebugWithGctrace } from '../../src/app/gctrace-command.js';

const MAIN = 'dist/src/cli/main.js';
const skip = cgroupSkipReason() ?? goSkipReason('leaky') ?? goSkipReason('steady');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The program's PID and cgroup directory, from the "started" line. */
  readonly pid: number;
  readonly cgroupDir: string;
}

function watch(
  args: string[],
  opts: {
    env?: NodeJS.ProcessEnv;
    onStart?: (r: { pid: number; signal: (sig?: NodeJS.Signals) => void }) => void;
  } = {},
): Promise<Run> {
  const child = spawn(process.execPath, [MAIN, 'watch', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  let stdout = '';
  let stderr = '';
  let started = false;
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    const m = /started \S+ as PID (\d+) in (\S+)/.exec(stderr);
    if (m && !started) {
      started = true;
      opts.onStart?.({ pid: Number(m[1]), signal: (sig = 'SIGTERM') => child.kill(sig) });
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((res) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      const m = /started \S+ as PID (\d+) in (\S+)/.exec(stderr);
      res({ code, stdout, stderr, pid: Number(m?.[1]), cgroupDir: m?.[2] ?? '' });
    }),
  );
}

function readCapture(path: string): Capture {
  const parsed = parseCapture(readFileSync(path));
  assert.equal(parsed.kind, 'capture');
  return (parsed as { capture: Capture }).capture;
}

function assertGone(r: Run): void {
  assert.ok(r.cgroupDir.startsWith('/sys/fs/cgroup/'), r.stderr);
  assert.equal(existsSync(r.cgroupDir), false, `cgroup ${r.cgroupDir} left behind`);
  assert.equal(existsSync(`/proc/${r.pid}`), false, `program ${r.pid} still running`);
}

test('GODEBUG: gctrace=1 is added after what the command already has', () => {
  assert.equal(godebugWithGctrace(undefined), 'gctrace=1');
  assert.equal(godebugWithGctrace('madvdontneed=0'), 'madvdontneed=0,gctrace=1');
  assert.equal(godebugWithGctrace('gctrace=0,x=1'), 'gctrace=0,x=1,gctrace=1');
  assert.equal(godebugWithGctrace('gctrace=2'), 'gctrace=2');
});

test(
  'watch -- CMD: leaky OOM-killed at 64 MiB, steady stopped at --duration, SIGTERM stops the program',
  { skip, timeout: 120_000, concurrency: true },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-watch-cmd-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));

    await Promise.all([
      t.test('leaky under 64 MiB: the kill and the GC cycles are recorded', async () => {
        const out = join(dir, 'leaky.ndjson');
        const r = await watch(
          ['--limit', '64MiB', '--out', out, '--', scenarioPath('leaky'), '-rate', '1MiB'],
          { env: { GODEBUG: 'madvdontneed=1' } },
        );
        assert.equal(r.code, 1, r.stderr);
        assertGone(r);
        assert.match(
          r.stdout,
          /post-mortem: OOM-KILLED \(memory\.oom_control oom_kill 0 -> 1; exit by SIGKILL\)/,
        );
        assert.match(
          r.stderr,
          /ended by signal SIGKILL \(cgroup: oom_kill 1, limit hit \d+ times\)/,
        );
        const c = readCapture(out);
        assert.equal(c.end?.why, 'target-exited');
        assert.equal(c.end?.signal, 'SIGKILL');
        assert.equal(c.header.target.pid, r.pid);
        const pm = postMortem(c);
        assert.ok(pm.oomKilled);
        const last = c.samples[c.samples.length - 1];
        assert.equal(last.cgroup?.oomKill, 1);
        assert.ok((last.cgroup?.failcnt ?? 0) > 0, 'memory.failcnt counted the limit hits');
        assert.equal(last.cgroup?.limit, 64 << 20);
        // Every GC line the program printed (passed through to our stderr) is in the capture,
        // in order, with the same numbers.
        const printed = r.stderr.split('\n').filter((l) => l.startsWith('gc '));
        const recorded = c.gctrace.flatMap((g) => g.lines);
        assert.ok(printed.length >= 4, r.stderr);
        assert.deepEqual(recorded, printed);
        const cycles = recorded.map((l) => parseGctraceLine(l));
        assert.deepEqual(
          cycles.map((x) => x?.kind === 'gc' && x.n),
          printed.map((_, i) => i + 1),
        );
        const heaps = cycles.map((x) => (x?.kind === 'gc' ? x.heapStartMiB : -1));
        assert.ok(heaps[heaps.length - 1] > 30 && heaps[heaps.length - 1] < 64, heaps.join(' '));
      }),
      t.test('steady ends at --duration: the program is stopped', async () => {
        const out = join(dir, 'steady.ndjson');
        const r = await watch([
          '--duration',
          '6s',
          '--limit',
          '256MiB',
          '--out',
          out,
          '--',
          scenarioPath('steady'),
        ]);
        assert.equal(r.code, 0, r.stderr);
        assertGone(r);
        const c = readCapture(out);
        assert.equal(c.end?.why, 'duration');
        assert.equal(c.end?.signal, 'SIGTERM');
        assert.ok(c.samples.length >= 4);
        assert.match(
          r.stderr,
          /ended by signal SIGTERM \(cgroup: oom_kill 0, limit hit 0 times\); cgroup removed/,
        );
      }),
      t.test('SIGTERM to watch: the program is stopped and the cgroup removed', async () => {
        const out = join(dir, 'term.ndjson');
        let environ = '';
        const r = await watch(['--out', out, '--', scenarioPath('steady')], {
          env: { GODEBUG: 'madvdontneed=1' },
          onStart: ({ pid, signal }) =>
            setTimeout(() => {
              environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
              signal();
            }, 3000),
        });
        assert.equal(r.code, 0, r.stderr);
        assertGone(r);
        assert.ok(environ.split('\0').includes('GODEBUG=madvdontneed=1,gctrace=1'), environ);
        assert.equal(readCapture(out).end?.why, 'signal');
      }),
      t.test('SIGINT (Ctrl-C) to watch: the same', async () => {
        const out = join(dir, 'int.ndjson');
        const r = await watch(['--out', out, '--', scenarioPath('steady')], {
          onStart: ({ signal }) => setTimeout(() => signal('SIGINT'), 2000),
        });
        assert.equal(r.code, 0, r.stderr);
        assertGone(r);
        assert.equal(readCapture(out).end?.why, 'signal');
      }),
    ]);
  },
);
