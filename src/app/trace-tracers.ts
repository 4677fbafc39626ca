/**
 * Picks the madvise tracer (--method bpftrace|strace|auto) and wires its output to a reader:
 * auto takes bpftrace where it works (user stacks from eBPF, no ptrace stops in the target)
 * and strace otherwise, saying why.
 */
import { BpftraceMadviseReader } from '../formats/madvise-bpftrace.js';
import { StraceMadviseReader } from '../formats/madvise-strace.js';
import { InputError } from '../model/errors.js';
import type { MadviseCall } from '../model/madvise.js';
import {
  BPFTRACE_ENV,
  bpftraceArgs,
  bpftraceUsable,
  straceArgs,
  straceUsable,
} from '../sources/madvise-tracers.js';
import { startTracer, type Tracer } from '../sources/tracer-process.js';

export interface TracerChoice {
  readonly method: 'bpftrace' | 'strace';
  readonly tracer: Tracer;
  /** Resolves when the tracer says it is attached. */
  readonly attached: Promise<void>;
  /** Resolves when the tracer has caught up with its output (call before stopping it). */
  settle(): Promise<void>;
  /** Hands out the call the reader still holds (after the tracer has exited). */
  finish(): void;
}

/** bpftrace is caught up once its output has been quiet this long... */
const QUIET_MS = 300;
/** ...or after this long at most. */
const SETTLE_MAX_MS = 3000;

/** Resolves once `lastOutput()` is QUIET_MS old, or after SETTLE_MAX_MS. */
async function quiet(lastOutput: () => number): Promise<void> {
  const until = Date.now() + SETTLE_MAX_MS;
  while (Date.now() < until && Date.now() - lastOutput() < QUIET_MS)
    await new Promise((res) => setTimeout(res, QUIET_MS / 3));
}

export interface Wanted {
  readonly pid: number;
  readonly method: 'bpftrace' | 'strace' | 'auto';
  readonly bpftrace?: string;
  readonly strace?: string;
}

export function startMadviseTracer(
  o: Wanted,
  onCall: (call: MadviseCall) => void,
  notes: string[],
  onNote: (line: string) => void,
): TracerChoice {
  let skipped: string | undefined;
  if (o.method !== 'strace') {
    const bpf = bpftraceUsable(o.bpftrace);
    if (bpf.ok) {
      bpf.notes.forEach(onNote);
      return startBpftrace(bpf.path, o.pid, onCall, notes);
    }
    if (o.method === 'bpftrace') throw new InputError(`cannot use bpftrace: ${bpf.reason}`);
    skipped = bpf.reason;
  }
  const st = straceUsable(o.strace);
  if (!st.ok) {
    const why = skipped ? `no tracer works here: ${skipped}; ` : 'cannot use strace: ';
    throw new InputError(`${why}${st.reason}`);
  }
  if (skipped) onNote(`not using bpftrace: ${skipped}; using strace`);
  notes.push(...st.notes);
  return startStrace(st.path, o.pid, st.stack === true, onCall);
}

function startBpftrace(
  path: string,
  pid: number,
  onCall: (call: MadviseCall) => void,
  notes: string[],
): TracerChoice {
  const reader = new BpftraceMadviseReader();
  let attached!: () => void;
  const ready = new Promise<void>((res) => (attached = res));
  let lost = 0;
  let seen = 0;
  let counted: number | undefined;
  let lastOutput = 0;
  const take = (call: MadviseCall) => {
    seen++;
    onCall(call);
  };
  const tracer = startTracer({
    command: path,
    args: bpftraceArgs(pid),
    env: BPFTRACE_ENV,
    onStdout(line) {
      lastOutput = Date.now();
      const r = reader.line(line);
      if (r.kind === 'call') take(r.call);
      else if (r.kind === 'attached') attached();
      else if (r.kind === 'lost') lost += r.events;
      else if (r.kind === 'counted') counted = r.calls;
    },
    onStderr: () => undefined,
  });
  return {
    method: 'bpftrace',
    tracer,
    attached: ready,
    // bpftrace prints calls from a buffer it reads behind them; what is still queued when
    // it is interrupted is lost, so it is given a moment to catch up.
    settle: () => quiet(() => lastOutput),
    finish() {
      const last = reader.finish();
      if (last) take(last);
      if (lost > 0)
        notes.push(`bpftrace lost ${lost} events (its output buffer overflowed): counts are low`);
      else if (counted !== undefined && counted > seen)
        notes.push(
          `the kernel counted ${counted} calls, bpftrace printed ${seen} before it stopped: counts are low`,
        );
    },
  };
}

function startStrace(
  path: string,
  pid: number,
  stack: boolean,
  onCall: (call: MadviseCall) => void,
): TracerChoice {
  const reader = new StraceMadviseReader(pid);
  let attached!: () => void;
  const ready = new Promise<void>((res) => (attached = res));
  const tracer = startTracer({
    command: path,
    args: straceArgs(pid, stack),
    onStdout: () => undefined,
    onStderr(line) {
      // "strace: Process 123 attached with 5 threads" (argv[0] may be a full path)
      if (/^\S*strace: Process \d+ attached/.test(line)) attached();
      for (const e of reader.line(line)) if (e.kind === 'call') onCall(e.call);
    },
  });
  return {
    method: 'strace',
    tracer,
    attached: ready,
    settle: () => Promise.resolve(), // strace prints each call before the call returns
    finish() {
      const last = reader.finish();
      if (last) onCall(last);
    },
  };
}
