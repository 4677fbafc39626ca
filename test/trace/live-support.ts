/**
 * Live madvise traces: the heap-cycle scenario driven through its stdin (one heap cycle per
 * line), `gomemlens trace madvise` run as a user runs it, and a check that no tracer outlives
 * its trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { goSkipReason, scenarioPath } from '../support/go-scenario.js';
import { bpftraceUsable, straceUsable } from '../../src/sources/madvise-tracers.js';

export interface Proc {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout or stderr (as `where` says) matches. */
  waitFor(re: RegExp, where?: 'stdout' | 'stderr', timeoutMs?: number): Promise<void>;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

function watch(child: ChildProcess): Proc {
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  const poke = () => waiters.forEach((w) => w());
  child.stdout!.on('data', (d) => ((out += d), poke()));
  child.stderr!.on('data', (d) => ((err += d), poke()));
  const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(re, where = 'stdout', timeoutMs = 60_000) {
      return new Promise((res, rej) => {
        const text = () => (where === 'stdout' ? out : err);
        const timer = setTimeout(
          () => rej(new Error(`no ${re} in ${where} after ${timeoutMs} ms:\n${out}\n${err}`)),
          timeoutMs,
        );
        const check = () => {
          if (!re.test(text())) return;
          clearTimeout(timer);
          res();
        };
        waiters.push(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** heap-cycle -stdin: "ready" once settled, "cycle N done" after each line written. */
export async function startHeapCycle(args: string[], env: Record<string, string> = {}) {
  const child = spawn(scenarioPath('heap-cycle'), ['-stdin', ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const p = watch(child);
  await p.waitFor(/ready/);
  return p;
}

/** Runs the cycles one by one, each after the previous one is done. */
export async function runCycles(target: Proc, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    target.child.stdin!.write('\n');
    await target.waitFor(new RegExp(`cycle ${i} done`));
  }
}

/** `gomemlens trace madvise --pid PID ARGS`, for two minutes unless ARGS say otherwise. */
export function startTrace(pid: number, args: string[] = []): Proc {
  const all = ['trace', 'madvise', '--pid', String(pid), '--duration', '120s', ...args];
  const child = spawn(process.execPath, [resolve('bin/gomemlens.js'), ...all], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watch(child);
}

/** Waits until the trace says it is attached. */
export const attached = (t: Proc) => t.waitFor(/tracing madvise of process/, 'stderr');

/** The bpftrace and strace processes that trace `pid`, from /proc/N/cmdline. */
export function tracersOf(pid: number): string[] {
  const out: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let cmd: string[];
    try {
      cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    // setpriv runs for a moment before it execs the tracer (--pdeathsig)
    const tool = /(^|\/)(bpftrace|strace|setpriv)$/.test(cmd[0]);
    const aims = cmd.includes(String(pid)) || cmd.some((a) => a.includes(`pid == ${pid}/`));
    if (tool && aims) out.push(`${name}: ${cmd.join(' ')}`);
  }
  return out;
}

function rootReason(): string | undefined {
  return process.getuid?.() === 0 ? undefined : 'needs root (bpftrace, ptrace of another process)';
}

export function skipReason(need: readonly ('bpftrace' | 'strace' | 'any')[]): string | undefined {
  const base = goSkipReason('heap-cycle') ?? rootReason();
  if (base) return base;
  for (const n of need) {
    const bpf = n !== 'strace' ? bpftraceUsable() : undefined;
    const st = n !== 'bpftrace' ? straceUsable() : undefined;
    if (n === 'bpftrace' && !bpf!.ok) return bpf!.reason;
    if (n === 'strace' && !st!.ok) return st!.reason;
    if (n === 'any' && !bpf!.ok && !st!.ok) return `${bpf!.reason}; ${st!.reason}`;
  }
  return undefined;
}
