/**
 * madvise(2) calls as a tracer sees them. Advice numbers are Linux's
 * (include/uapi/asm-generic/mman-common.h): the ones a Go runtime issues are named.
 */

/** The advice values the Go runtime uses (runtime/mem_linux.go), by number. */
export const ADVICE_NAMES: Readonly<Record<number, string>> = {
  4: 'MADV_DONTNEED',
  8: 'MADV_FREE',
  14: 'MADV_HUGEPAGE',
  15: 'MADV_NOHUGEPAGE',
  25: 'MADV_COLLAPSE',
};

export const MADV_DONTNEED = 4;
export const MADV_FREE = 8;

/** "MADV_FREE", or "advice 12" for a number Go does not use. */
export function adviceName(advice: number): string {
  return ADVICE_NAMES[advice] ?? `advice ${advice}`;
}

/** The number of a MADV_* name as strace prints it without -X raw; undefined when unknown. */
export function adviceNumber(name: string): number | undefined {
  for (const [n, v] of Object.entries(ADVICE_NAMES)) if (v === name) return Number(n);
  return undefined;
}

/** One madvise call: who made it, what it asked, and (when the tracer saw it end) the result. */
export interface MadviseCall {
  /** The thread (kernel TID). */
  readonly tid: number;
  readonly advice: number;
  readonly bytes: number;
  /** "ok", or the errno name ("EINVAL"); undefined when the tracer did not see the call end. */
  readonly result?: string;
  /** Function names, innermost first; empty when the tracer gave no stack. */
  readonly stack: readonly string[];
}

/** Where the calls came from, told by the user stack (analysis/madvise-paths.ts). */
export type MadvisePath =
  | 'background-scavenger'
  | 'heap-growth'
  | 'free-os-memory'
  | 'gc-metadata-hugepages'
  | 'other'
  | 'no-stack';

export const MADVISE_PATH_LABELS: Readonly<Record<MadvisePath, string>> = {
  'background-scavenger': 'background scavenger',
  'heap-growth': 'heap growth (scavenging on allocation)',
  'free-os-memory': 'forced: debug.FreeOSMemory',
  'gc-metadata-hugepages': 'GC metadata huge pages',
  other: 'other',
  'no-stack': 'no stack',
};

/** errno names of the failures madvise(2) documents, for tracers that print numbers. */
const ERRNO_NAMES: Readonly<Record<number, string>> = {
  1: 'EPERM',
  5: 'EIO',
  9: 'EBADF',
  11: 'EAGAIN',
  12: 'ENOMEM',
  14: 'EFAULT',
  16: 'EBUSY',
  22: 'EINVAL',
  38: 'ENOSYS',
};

/** A raw syscall return (0 or -errno) as a result: "ok", "EINVAL", "errno 95". */
export function syscallResult(ret: number): string {
  return ret >= 0 ? 'ok' : (ERRNO_NAMES[-ret] ?? `errno ${-ret}`);
}
