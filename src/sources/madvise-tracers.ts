/**
 * The two ways to see a process's madvise calls, and whether each works here:
 * - bpftrace on the syscalls:sys_enter_madvise / sys_exit_madvise tracepoints, with the user
 *   stack (ustack walks Go's frame pointers). It needs root and tracefs, which is mounted at
 *   /sys/kernel/tracing when it is missing (Documentation/trace/ftrace.rst, "The File System");
 * - strace -f -e trace=madvise (ptrace), with the stack (-k) when strace was built with it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BPFTRACE_READY } from '../formats/madvise-bpftrace.js';
import { findExecutable } from './tracer-process.js';

const TRACEFS = '/sys/kernel/tracing';
const TRACEPOINT = 'events/syscalls/sys_enter_madvise';
/** Where tracefs shows up: its own mount point, or under debugfs on older systems. */
const TRACEFS_DIRS = [TRACEFS, '/sys/kernel/debug/tracing'];
/** Frames kept per call: Go's runtime paths are about ten deep; the caller sits below. */
const STACK_FRAMES = 48;

export type Usable =
  | { readonly ok: true; readonly path: string; readonly notes: readonly string[] }
  | { readonly ok: false; readonly reason: string };

const isRoot = () => process.getuid?.() === 0;

/** bpftrace, if it is installed, we are root, and the madvise tracepoint can be found. */
export function bpftraceUsable(override?: string): Usable {
  const found = locate('bpftrace', override);
  if (!found.ok) return found;
  if (!isRoot()) return { ok: false, reason: 'bpftrace needs root (eBPF and tracefs)' };
  const tracefs = ensureTracefs();
  return tracefs.ok ? { ...found, notes: tracefs.notes } : tracefs;
}

/** strace, if installed; with `stack` when it can print stacks (-k). */
export function straceUsable(override?: string): Usable & { readonly stack?: boolean } {
  const found = locate('strace', override);
  if (!found.ok) return found;
  const probe = spawnSync(found.path, ['-k', '-e', 'trace=none', 'true'], { timeout: 10_000 });
  const stack = probe.status === 0;
  const notes = stack ? [] : ['this strace cannot print stacks (-k): calling paths are unknown'];
  return { ok: true, path: found.path, notes, stack };
}

function locate(tool: string, override: string | undefined): Usable {
  const path = findExecutable(override ?? tool);
  if (path) return { ok: true, path, notes: [] };
  const reason = override
    ? `${override} is not an executable`
    : `${tool} is not installed (apt-get install ${tool})`;
  return { ok: false, reason };
}

function ensureTracefs(): Usable {
  if (TRACEFS_DIRS.some((d) => existsSync(`${d}/${TRACEPOINT}`)))
    return { ok: true, path: TRACEFS, notes: [] };
  if (existsSync(`${TRACEFS}/${TRACEPOINT.split('/')[0]}`))
    return { ok: false, reason: 'this kernel has no syscalls:sys_enter_madvise tracepoint' };
  const mount = spawnSync('mount', ['-t', 'tracefs', 'nodev', TRACEFS], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (mount.status !== 0) {
    const why = (mount.stderr ?? '').trim().split('\n')[0] || mount.error?.message || 'failed';
    return { ok: false, reason: `tracefs is not mounted and mounting it failed: ${why}` };
  }
  if (!existsSync(`${TRACEFS}/${TRACEPOINT}`))
    return { ok: false, reason: 'this kernel has no syscalls:sys_enter_madvise tracepoint' };
  return { ok: true, path: TRACEFS, notes: [`mounted tracefs at ${TRACEFS} (it stays mounted)`] };
}

/**
 * One record per finished call (formats/madvise-bpftrace.ts): the arguments are kept at entry,
 * by thread, and printed at exit with the result and the user stack in one printf, so a
 * record is never interleaved with another CPU's. The advice is stored plus one, so that 0
 * means "no call open on this thread". @calls, printed when bpftrace exits, is read from the map
 * rather than the output buffer: the reader checks that every call arrived. BEGIN fires once every probe is attached (bpftrace prints
 * "Attaching N probes..." before it attaches them), so its line says the trace has begun.
 */
export function bpftraceProgram(pid: number): string {
  return `BEGIN { printf("${BPFTRACE_READY}\\n"); }
tracepoint:syscalls:sys_enter_madvise /pid == ${pid}/ {
  @advice[tid] = args->behavior + 1; @len[tid] = args->len_in;
}
tracepoint:syscalls:sys_exit_madvise /pid == ${pid} && @advice[tid] != 0/ {
  printf("madvise %d %d %d %d%s;\\n", tid, @advice[tid] - 1, @len[tid], args->ret, ustack(${STACK_FRAMES}));
  delete(@advice[tid]); delete(@len[tid]); @calls = count();
}
END { clear(@advice); clear(@len); }
`;
}

/** -B line: bpftrace's stdout is a pipe here, and block buffering would hold calls back. */
export function bpftraceArgs(pid: number): string[] {
  return ['-B', 'line', '-e', bpftraceProgram(pid)];
}

/**
 * Without a symbol cache bpftrace reads the binary's symbol table again for every ustack when
 * ASLR is on (its BPFTRACE_CACHE_USER_SYMBOLS default), which takes long enough on a Go binary
 * that calls are still waiting in the buffer when it is stopped, and are lost. One process is
 * traced, so its addresses do not move under the cache.
 */
export const BPFTRACE_ENV = { BPFTRACE_CACHE_USER_SYMBOLS: '1' };

/** The calls and strace's own messages ("strace: Process 1 attached") both go to stderr. */
export function straceArgs(pid: number, stack: boolean): string[] {
  return [
    '-f',
    '-p',
    String(pid),
    '-e',
    'trace=madvise',
    '-e',
    'signal=none',
    '-X',
    'raw',
    ...(stack ? ['-k'] : []),
  ];
}
