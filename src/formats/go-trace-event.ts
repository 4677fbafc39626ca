/**
 * One event of a Go execution trace as Go's reader hands it out (internal/trace Event): the
 * wire type, the time in nanoseconds, the arguments and the scheduling context (goroutine, P
 * and M that were running, -1 for none). Kinds, range names and state transitions follow
 * $GOROOT/src/internal/trace/event.go (Kind, Range, StateTransition, Metric).
 */
import { Ev, GoState, ProcState, SPECS } from './go-trace-spec.js';
import type { EvTable } from './go-trace-gen.js';

export class TraceEvent {
  g = -1;
  p = -1;
  m = -1;
  table: EvTable | undefined = undefined;
  /** The state before a GoStatus/ProcStatus, the old P status of a ProcSteal, a task's parent. */
  x0 = 0;
  /** The name of a task a UserTaskEnd closes. */
  xs = '';
  /** The arguments after the timestamp (tracev2 spec Args), as fields: no array per event. */
  a0 = 0;
  a1 = 0;
  a2 = 0;
  a3 = 0;
  constructor(
    public typ: number,
    /** Nanoseconds since the trace's first sync, after Go's reader's monotonic fix-up. */
    public time: number,
  ) {}

  /** Argument i (0-based, after the timestamp). */
  arg(i: number): number {
    return i === 0 ? this.a0 : i === 1 ? this.a1 : i === 2 ? this.a2 : this.a3;
  }

  setArg(i: number, v: number): void {
    if (i === 0) this.a0 = v;
    else if (i === 1) this.a1 = v;
    else if (i === 2) this.a2 = v;
    else this.a3 = v;
  }

  str(i: number): string {
    return this.table?.strings.get(this.arg(i)) ?? '';
  }
}

/** EventKind of internal/trace, by name. */
export type EventKind =
  | 'Bad'
  | 'Sync'
  | 'Metric'
  | 'Label'
  | 'StackSample'
  | 'RangeBegin'
  | 'RangeActive'
  | 'RangeEnd'
  | 'TaskBegin'
  | 'TaskEnd'
  | 'RegionBegin'
  | 'RegionEnd'
  | 'Log'
  | 'StateTransition'
  | 'Experimental';

const KINDS: EventKind[] = (() => {
  const k = new Array<EventKind>(256).fill('Bad');
  k[Ev.CPUSample] = 'StackSample';
  for (const t of [9, 37, 38]) k[t] = 'Metric';
  for (const t of [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 45, 46, 47, 48])
    k[t] = 'StateTransition';
  for (const t of [26, 29, 32, 35]) k[t] = 'RangeBegin';
  for (const t of [28, 31, 34]) k[t] = 'RangeActive';
  for (const t of [27, 30, 33, 36]) k[t] = 'RangeEnd';
  k[39] = 'Label';
  k[40] = 'TaskBegin';
  k[41] = 'TaskEnd';
  k[42] = 'RegionBegin';
  k[43] = 'RegionEnd';
  k[44] = 'Log';
  for (let t = 128; t <= 136; t++) k[t] = 'Experimental';
  k[Ev.ReaderSync] = 'Sync';
  return k;
})();

export function kindOf(ev: TraceEvent): EventKind {
  return KINDS[ev.typ];
}

export const MARK_PHASE = 'GC concurrent mark phase';
export const MARK_ASSIST = 'GC mark assist';
export const SWEEP = 'GC incremental sweep';

/** A range's name and scope (event.go Range): scope -1 is global, else a goroutine or P. */
export interface RangeInfo {
  readonly name: string;
  readonly scope: 'None' | 'Goroutine' | 'Proc';
  readonly id: number;
}

export function rangeOf(ev: TraceEvent): RangeInfo {
  switch (SPECS[ev.typ].startEv || ev.typ) {
    case Ev.STWBegin:
      return { name: `stop-the-world (${ev.str(0)})`, scope: 'Goroutine', id: ev.g };
    case Ev.GCBegin:
      return { name: MARK_PHASE, scope: 'None', id: -1 };
    case Ev.GCSweepBegin:
      return { name: SWEEP, scope: 'Proc', id: ev.typ === Ev.GCSweepActive ? ev.a0 : ev.p };
    default: {
      const id = ev.typ === Ev.GCMarkAssistActive ? ev.a0 : ev.g;
      return { name: MARK_ASSIST, scope: 'Goroutine', id };
    }
  }
}

/** A state transition (event.go StateTransition): the resource, its ID, old and new state. */
export interface Transition {
  readonly resource: 'Goroutine' | 'Proc';
  readonly id: number;
  readonly from: number;
  readonly to: number;
}

const GO_STATUS_TO_STATE = [0, GoState.Runnable, GoState.Running, GoState.Syscall, GoState.Waiting];
export const PROC_STATUS_TO_STATE = [
  0,
  ProcState.Running,
  ProcState.Idle,
  ProcState.Running,
  ProcState.Idle,
];

function go(id: number, from: number, to: number): Transition {
  return { resource: 'Goroutine', id, from, to };
}

export function transitionOf(ev: TraceEvent): Transition {
  const S = GoState;
  switch (ev.typ) {
    case Ev.ProcStart:
      return { resource: 'Proc', id: ev.a0, from: ProcState.Idle, to: ProcState.Running };
    case Ev.ProcStop:
      return { resource: 'Proc', id: ev.p, from: ProcState.Running, to: ProcState.Idle };
    case Ev.ProcSteal: {
      const from = ev.x0 === 4 ? ProcState.Idle : ProcState.Running; // ProcSyscallAbandoned
      return { resource: 'Proc', id: ev.a0, from, to: ProcState.Idle };
    }
    case Ev.ProcStatus:
      return { resource: 'Proc', id: ev.a0, from: ev.x0, to: PROC_STATUS_TO_STATE[ev.a1] };
    case Ev.GoCreate:
      return go(ev.a0, S.NotExist, S.Runnable);
    case Ev.GoCreateBlocked:
      return go(ev.a0, S.NotExist, S.Waiting);
    case Ev.GoCreateSyscall:
      return go(ev.a0, S.NotExist, S.Syscall);
    case Ev.GoStart:
      return go(ev.a0, S.Runnable, S.Running);
    case Ev.GoDestroy:
      return go(ev.g, S.Running, S.NotExist);
    case Ev.GoDestroySyscall:
      return go(ev.g, S.Syscall, S.NotExist);
    case Ev.GoStop:
      return go(ev.g, S.Running, S.Runnable);
    case Ev.GoBlock:
      return go(ev.g, S.Running, S.Waiting);
    case Ev.GoUnblock:
    case Ev.GoSwitch:
    case Ev.GoSwitchDestroy:
      return go(ev.a0, S.Waiting, S.Runnable);
    case Ev.GoSyscallBegin:
      return go(ev.g, S.Running, S.Syscall);
    case Ev.GoSyscallEnd:
      return go(ev.g, S.Syscall, S.Running);
    case Ev.GoSyscallEndBlocked:
      return go(ev.g, S.Syscall, S.Runnable);
    default: // GoStatus, GoStatusStack
      return go(ev.a0, ev.x0, GO_STATUS_TO_STATE[ev.a2] ?? 0);
  }
}

/** The goroutine a state transition is about, or -2 for a P's: transitionOf without an object. */
export function transitionGoroutine(ev: TraceEvent): number {
  switch (ev.typ) {
    case Ev.ProcStart:
    case Ev.ProcStop:
    case Ev.ProcSteal:
    case Ev.ProcStatus:
      return -2;
    case Ev.GoCreate:
    case Ev.GoCreateBlocked:
    case Ev.GoCreateSyscall:
    case Ev.GoStart:
    case Ev.GoUnblock:
    case Ev.GoSwitch:
    case Ev.GoSwitchDestroy:
    case Ev.GoStatus:
    case Ev.GoStatusStack:
      return ev.a0;
    default:
      return ev.g;
  }
}

/** A goroutine state that runs on a thread (resources.go GoState.Executing). */
export function executing(state: number): boolean {
  return state === GoState.Running || state === GoState.Syscall;
}

/** Metric events (event.go Metric): the runtime/metrics name and the value. */
export function metricOf(ev: TraceEvent): { name: string; value: number } {
  if (ev.typ === Ev.ProcsChange) return { name: '/sched/gomaxprocs:threads', value: ev.a0 };
  if (ev.typ === Ev.HeapAlloc) return { name: '/memory/classes/heap/objects:bytes', value: ev.a0 };
  return { name: '/gc/heap/goal:bytes', value: ev.a0 };
}
