/**
 * A madvise trace of one Go process: pick the tracer, start it, count its calls until the
 * duration ends (or the target exits, the tracer dies, or the user stops), stop the tracer
 * for sure, and judge the result against the binary's Go version and GODEBUG.
 */
import { MadviseTally, type MadviseTotals } from '../analysis/madvise-tally.js';
import {
  MADVISE_GODEBUG,
  madviseVerdict,
  type MadviseVerdict,
} from '../analysis/madvise-verdict.js';
import type { Sourced } from '../analysis/settings.js';
import { InputError } from '../model/errors.js';
import type { HostFs } from '../sources/hostfs.js';
import type { Tracer, TracerExit } from '../sources/tracer-process.js';
import { readStatus } from '../sources/target-process.js';
import { startMadviseTracer, type TracerChoice } from './trace-tracers.js';
import { readSmaps, readTraceTarget, type TraceTarget } from './trace-target.js';
import { sleep } from './watch-schedule.js';
import type { SmapsRollup } from '../model/snapshot.js';

export type TraceMethod = 'bpftrace' | 'strace' | 'auto';

export interface TraceMadviseOptions {
  readonly pid: number;
  readonly method: TraceMethod;
  readonly durationMs: number;
  readonly bpftrace?: string;
  readonly strace?: string;
  /** How long the tracer may take to attach (bpftrace compiles and loads its program). */
  readonly attachTimeoutMs: number;
  /** How long a tracer may take to stop after SIGINT before it is killed. */
  readonly stopGraceMs: number;
}

export type TraceEnd = 'duration' | 'stopped' | 'target-exited' | 'tracer-died';

export interface MadviseTrace {
  readonly pid: number;
  readonly method: 'bpftrace' | 'strace';
  /** How long the tracer was attached, in ms. */
  readonly tracedMs: number;
  readonly end: TraceEnd;
  readonly goVersion?: string;
  /** The GODEBUG settings that bear on madvise (madvdontneed, disablethp), where set. */
  readonly godebug: Readonly<Record<string, Sourced<string>>>;
  readonly totals: MadviseTotals;
  readonly verdict: MadviseVerdict;
  /** What is missing or was assumed: lost events, a tracer killed, stacks unknown. */
  readonly notes: readonly string[];
}

/** `onNote` gets progress lines; "tracing ..." once the tracer is attached. */
export async function traceMadvise(
  fs: HostFs,
  o: TraceMadviseOptions,
  onNote: (line: string) => void,
  stop: AbortSignal,
): Promise<MadviseTrace> {
  const target = await readTraceTarget(fs, o.pid);
  const tally = new MadviseTally();
  const notes: string[] = [];
  const choice = startMadviseTracer(o, (call) => tally.add(call), notes, onNote);
  await waitAttached(choice, o, stop);
  const started = Date.now();
  onNote(`tracing madvise of process ${o.pid} with ${choice.method} for ${o.durationMs / 1000}s`);
  const end = await waitForEnd(fs, o, choice.tracer, stop);
  const tracedMs = Date.now() - started;
  if (end !== 'tracer-died') await choice.settle();
  const exit = await choice.tracer.stop(o.stopGraceMs);
  choice.finish();
  if (exit.killed) notes.push(`${choice.method} did not stop on SIGINT and was killed`);
  if (end === 'tracer-died')
    notes.push(`${choice.method} ended early (${exitText(exit)}): ${lastWords(choice.tracer)}`);
  if (end === 'target-exited')
    notes.push(`process ${o.pid} exited after ${(tracedMs / 1000).toFixed(1)}s`);
  const after = end === 'target-exited' ? undefined : await readSmaps(fs, o.pid);
  const run = { pid: o.pid, method: choice.method, tracedMs, end, notes };
  return result(run, target, tally.totals(), after);
}

function result(
  run: Pick<MadviseTrace, 'pid' | 'method' | 'tracedMs' | 'end' | 'notes'>,
  target: TraceTarget,
  totals: MadviseTotals,
  after: SmapsRollup | undefined,
): MadviseTrace {
  const s = target.settings;
  const verdict = madviseVerdict(totals, {
    goVersion: s.goVersion,
    godebug: s.godebug,
    before: target.smaps,
    after,
    smapsSource: target.smapsSource,
  });
  const godebug = MADVISE_GODEBUG.flatMap((k) => (s.godebug[k] ? [[k, s.godebug[k]]] : []));
  return {
    ...run,
    ...(s.goVersion ? { goVersion: s.goVersion.value } : {}),
    godebug: Object.fromEntries(godebug),
    totals,
    verdict,
  };
}

/** Resolves once attached; a tracer that exits, stays silent or is stopped first is exit 2. */
async function waitAttached(c: TracerChoice, o: TraceMadviseOptions, stop: AbortSignal) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const outcome = await Promise.race([
    c.attached.then(() => 'attached' as const),
    c.tracer.exited.then(() => 'exited' as const),
    new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), o.attachTimeoutMs))),
    new Promise<'stopped'>((res) => {
      onAbort = () => res('stopped');
      if (stop.aborted) onAbort();
      else stop.addEventListener('abort', onAbort);
    }),
  ]);
  clearTimeout(timer);
  if (onAbort) stop.removeEventListener('abort', onAbort);
  if (outcome === 'attached') return;
  await c.tracer.stop(o.stopGraceMs);
  if (outcome === 'stopped') throw new InputError(`stopped before ${c.method} attached`);
  if (outcome === 'timeout')
    throw new InputError(
      `${c.method} did not attach within ${o.attachTimeoutMs / 1000}s; stopped it`,
    );
  throw new InputError(`${c.method} could not trace the process: ${lastWords(c.tracer)}`);
}

async function waitForEnd(
  fs: HostFs,
  o: TraceMadviseOptions,
  tracer: Tracer,
  stop: AbortSignal,
): Promise<TraceEnd> {
  const deadline = Date.now() + o.durationMs;
  let died = false;
  let wake = () => {};
  void tracer.exited.then(() => {
    died = true;
    wake();
  });
  while (!stop.aborted && !died && Date.now() < deadline) {
    await new Promise<void>((res) => {
      wake = res;
      void sleep(Math.min(250, deadline - Date.now()), stop).then(res);
    });
    if ((await readStatus(fs, o.pid)).gone) return 'target-exited';
  }
  if (stop.aborted) return 'stopped';
  // strace ends by itself when its target exits: that is the target's end, not the tracer's.
  if (died) return (await readStatus(fs, o.pid)).gone ? 'target-exited' : 'tracer-died';
  return 'duration';
}

function exitText(e: TracerExit): string {
  return e.signal ? `killed by ${e.signal}` : `exit code ${e.code ?? 'unknown'}`;
}

function lastWords(t: Tracer): string {
  const tail = t.stderrTail().filter((l) => !/RLIMIT_MEMLOCK/.test(l));
  return tail[tail.length - 1]?.replace(/^(\S*strace|ERROR): /, '') ?? 'no message';
}
