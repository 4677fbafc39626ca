// `gomemlens trace madvise` on real Go programs, with the real tracers: bpftrace and strace
// attached to the same run must count the same calls, the kernel's smaps_rollup must agree
// with the verdict (RSS down after MADV_DONTNEED, LazyFree up after MADV_FREE), and no tracer
// may outlive its trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { findExecutable } from '../../src/sources/tracer-process.js';
import type { MadviseTrace } from '../../src/app/trace-madvise.js';
import {
  attached,
  runCycles,
  skipReason,
  startHeapCycle,
  startTrace,
  tracersOf,
  type Proc,
} from './live-support.js';

const MiB = 1 << 20;
const TIMEOUT = 180_000;

async function finish(t: Proc): Promise<MadviseTrace> {
  const code = await t.exited;
  assert.equal(code, 0, t.stderr());
  return JSON.parse(t.stdout()) as MadviseTrace;
}

/** What two tracers of one run must agree on. */
function counts(r: MadviseTrace) {
  return {
    byAdvice: r.totals.byAdvice.map((a) => [a.name, a.calls, a.bytes, a.failed]),
    byPath: r.totals.byPath.map((p) => [p.path, p.calls, p.bytes]),
    byThread: r.totals.byThread.map((p) => [p.tid, p.calls, p.bytes]),
  };
}

test(
  'trace madvise: bpftrace and strace count the same calls of one run (debug.FreeOSMemory)',
  { skip: skipReason(['bpftrace', 'strace']), timeout: TIMEOUT },
  async () => {
    const target = await startHeapCycle(['-size', '64MiB', '-free-os-memory']);
    const tracers = ['bpftrace', 'strace'].map((m) =>
      startTrace(target.pid, ['--method', m, '--json']),
    );
    try {
      await Promise.all(tracers.map(attached));
      await runCycles(target, 3);
      // FreeOSMemory returned every free page: nothing is left for the scavenger to do.
      tracers.forEach((t) => t.child.kill('SIGINT'));
      const [bpf, st] = await Promise.all(tracers.map(finish));
      assert.equal(bpf.method, 'bpftrace');
      assert.equal(st.method, 'strace');
      assert.equal(bpf.end, 'stopped');
      assert.deepEqual(counts(st), counts(bpf), `notes: ${[...bpf.notes, ...st.notes].join('; ')}`);
      const forced = bpf.totals.byPath.find((p) => p.path === 'free-os-memory');
      assert.ok(forced && forced.byAdvice.MADV_DONTNEED.calls > 0, JSON.stringify(counts(bpf)));
      // Three cycles of 64 MiB went back to the OS, whoever returned them.
      assert.ok(bpf.verdict.dontneedBytes >= 150 * MiB, `${bpf.verdict.dontneedBytes}`);
      assert.equal(bpf.verdict.expected?.cause, 'go-1.16-default');
      // The kernel agrees: RSS is back near where it started (smaps_rollup, read by the trace).
      assert.ok(
        bpf.verdict.rss!.after < bpf.verdict.rss!.before + 16 * MiB,
        JSON.stringify(bpf.verdict.rss),
      );
    } finally {
      await Promise.all([...tracers, target].map((p) => p.stop()));
    }
    assert.deepEqual(tracersOf(target.pid), []);
  },
);

test(
  'trace madvise: GODEBUG=madvdontneed=0 returns memory with MADV_FREE, and the kernel shows it as LazyFree',
  { skip: skipReason(['any']), timeout: TIMEOUT },
  async () => {
    const target = await startHeapCycle(['-size', '64MiB', '-free-os-memory'], {
      GODEBUG: 'madvdontneed=0',
    });
    const trace = startTrace(target.pid, ['--json']);
    try {
      await attached(trace);
      await runCycles(target, 1);
      trace.child.kill('SIGINT');
      const r = await finish(trace);
      assert.deepEqual(r.godebug.madvdontneed?.value, '0');
      assert.equal(r.verdict.expected?.cause, 'madvdontneed-0');
      assert.deepEqual(
        r.totals.byAdvice.map((a) => a.name),
        ['MADV_FREE'],
      );
      assert.ok(r.verdict.freeBytes >= 56 * MiB, `${r.verdict.freeBytes}`);
      // smaps_rollup: the freed pages are still resident, counted as LazyFree.
      const lazy = r.verdict.lazyFree!;
      assert.ok(lazy.after - lazy.before >= 48 * MiB, JSON.stringify(lazy));
      assert.ok(r.verdict.rss!.after >= 48 * MiB, JSON.stringify(r.verdict.rss));
    } finally {
      await Promise.all([trace.stop(), target.stop()]);
    }
    assert.deepEqual(tracersOf(target.pid), []);
  },
);

test(
  'trace madvise: heap growth under GOMEMLIMIT and the background scavenger, told apart by both tracers',
  { skip: skipReason(['bpftrace', 'strace']), timeout: TIMEOUT },
  async () => {
    const target = await startHeapCycle(['-size', '64MiB'], { GOMEMLIMIT: '40MiB' });
    const tracers = ['bpftrace', 'strace'].map((m) =>
      startTrace(target.pid, ['--method', m, '--json']),
    );
    try {
      await Promise.all(tracers.map(attached));
      await runCycles(target, 2);
      await new Promise((res) => setTimeout(res, 2000)); // the scavenger works in the background
      tracers.forEach((t) => t.child.kill('SIGINT'));
      for (const r of await Promise.all(tracers.map(finish))) {
        const paths = Object.fromEntries(r.totals.byPath.map((p) => [p.path, p.calls]));
        assert.ok(paths['heap-growth'] > 0, `${r.method}: ${JSON.stringify(paths)}`);
        assert.ok(paths['background-scavenger'] > 0, `${r.method}: ${JSON.stringify(paths)}`);
        assert.equal(paths.other, undefined, `${r.method}: ${JSON.stringify(paths)}`);
      }
    } finally {
      await Promise.all([...tracers, target].map((p) => p.stop()));
    }
    assert.deepEqual(tracersOf(target.pid), []);
  },
);

for (const method of ['bpftrace', 'strace'] as const) {
  test(
    `trace madvise: the target exiting midway ends the ${method} trace with what was seen`,
    { skip: skipReason([method]), timeout: TIMEOUT },
    async () => {
      const target = await startHeapCycle(['-size', '16MiB', '-free-os-memory']);
      const trace = startTrace(target.pid, ['--method', method, '--json']);
      try {
        await attached(trace);
        await runCycles(target, 1);
        target.child.stdin!.end(); // heap-cycle returns from main at the end of its input
        const r = await finish(trace);
        assert.equal(r.end, 'target-exited');
        assert.ok(r.totals.calls > 0);
        assert.match(r.notes.join('\n'), new RegExp(`process ${target.pid} exited after`));
      } finally {
        await Promise.all([trace.stop(), target.stop()]);
      }
      assert.deepEqual(tracersOf(target.pid), []);
    },
  );
}

for (const method of ['bpftrace', 'strace'] as const) {
  test(
    `trace madvise: a SIGKILL of gomemlens takes its ${method} with it, and the target runs on`,
    { skip: skipReason([method]), timeout: TIMEOUT },
    async () => {
      const target = await startHeapCycle(['-size', '16MiB']);
      const trace = startTrace(target.pid, ['--method', method]);
      try {
        await attached(trace);
        assert.equal(tracersOf(target.pid).length, 1, tracersOf(target.pid).join('\n'));
        trace.child.kill('SIGKILL');
        await trace.exited;
        for (let i = 0; i < 50 && tracersOf(target.pid).length > 0; i++)
          await new Promise((res) => setTimeout(res, 100));
        assert.deepEqual(tracersOf(target.pid), []);
        await runCycles(target, 1); // not left stopped under ptrace
      } finally {
        await Promise.all([trace.stop(), target.stop()]);
      }
    },
  );
}

test(
  'trace madvise: after one GC frees a dense heap, the scavenger waits and RSS stays (Go >= 1.21)',
  { skip: skipReason(['any']), timeout: TIMEOUT },
  async () => {
    const target = await startHeapCycle(['-size', '128MiB']);
    const trace = startTrace(target.pid, ['--json']);
    try {
      await attached(trace);
      await runCycles(target, 1);
      await new Promise((res) => setTimeout(res, 3000)); // time for the background scavenger
      trace.child.kill('SIGINT');
      const r = await finish(trace);
      // The kernel's view: the freed heap is still resident.
      assert.ok(r.verdict.rss!.after >= 100 * MiB, JSON.stringify(r.verdict.rss));
      assert.ok(r.verdict.dontneedBytes < 16 * MiB, `${r.verdict.dontneedBytes}`);
      if (r.verdict.dontneedBytes === 0)
        assert.deepEqual(r.verdict.notes[0], { kind: 'nothing-returned', denseChunksWait: true });
    } finally {
      await Promise.all([trace.stop(), target.stop()]);
    }
  },
);

test(
  'trace madvise: bpftrace without tracefs mounts it and says so (in a private mount namespace)',
  {
    skip: skipReason(['bpftrace']) ?? (findExecutable('unshare') ? undefined : 'needs unshare'),
    timeout: TIMEOUT,
  },
  async () => {
    const target = await startHeapCycle(['-size', '16MiB', '-free-os-memory']);
    try {
      // The host's tracefs stays as it is: only this namespace loses (and regains) it.
      const script =
        'umount /sys/kernel/tracing 2>/dev/null; umount /sys/kernel/debug 2>/dev/null; ' +
        'test ! -e /sys/kernel/tracing/events || exit 9; exec "$@"';
      const r = spawnSync(
        'unshare',
        [
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          script,
          'sh',
          process.execPath,
          'bin/gomemlens.js',
        ].concat([
          'trace',
          'madvise',
          '--pid',
          String(target.pid),
          '--method',
          'bpftrace',
          '--duration',
          '1s',
        ]),
        { encoding: 'utf8', timeout: 120_000 },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /mounted tracefs at \/sys\/kernel\/tracing \(it stays mounted\)/);
      assert.match(r.stdout, /with bpftrace/);
    } finally {
      await target.stop();
    }
  },
);
