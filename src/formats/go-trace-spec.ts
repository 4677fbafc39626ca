/**
 * The Go execution trace wire format, Go 1.22 and later (the "v2" tracer): event types and
 * how many arguments each carries. Source: $GOROOT/src/internal/trace/tracev2/events.go
 * (Go 1.26), whose numbering every version from 1.22 shares (1.23 added 45-49, 1.25 50-51,
 * 1.26 52; experimental events start at 128).
 */

export const Ev = {
  EventBatch: 1,
  Stacks: 2,
  Stack: 3,
  Strings: 4,
  String: 5,
  CPUSamples: 6,
  CPUSample: 7,
  Frequency: 8,
  ProcsChange: 9,
  ProcStart: 10,
  ProcStop: 11,
  ProcSteal: 12,
  ProcStatus: 13,
  GoCreate: 14,
  GoCreateSyscall: 15,
  GoStart: 16,
  GoDestroy: 17,
  GoDestroySyscall: 18,
  GoStop: 19,
  GoBlock: 20,
  GoUnblock: 21,
  GoSyscallBegin: 22,
  GoSyscallEnd: 23,
  GoSyscallEndBlocked: 24,
  GoStatus: 25,
  STWBegin: 26,
  STWEnd: 27,
  GCActive: 28,
  GCBegin: 29,
  GCEnd: 30,
  GCSweepActive: 31,
  GCSweepBegin: 32,
  GCSweepEnd: 33,
  GCMarkAssistActive: 34,
  GCMarkAssistBegin: 35,
  GCMarkAssistEnd: 36,
  HeapAlloc: 37,
  HeapGoal: 38,
  GoLabel: 39,
  UserTaskBegin: 40,
  UserTaskEnd: 41,
  UserRegionBegin: 42,
  UserRegionEnd: 43,
  UserLog: 44,
  GoSwitch: 45,
  GoSwitchDestroy: 46,
  GoCreateBlocked: 47,
  GoStatusStack: 48,
  ExperimentalBatch: 49,
  Sync: 50,
  ClockSnapshot: 51,
  EndOfGeneration: 52,
  /** Not on the wire: the reader's own marker between generations (internal/trace evSync). */
  ReaderSync: 255,
} as const;

/**
 * Per event type, from tracev2.Specs() (events.go): the number of arguments after the
 * timestamp (-1: not a timed event), which arguments name a string or a stack (0-based, after
 * the timestamp), and the "Begin" type a range event closes or continues (StartEv). The
 * reader uses this one table for every version, as internal/trace does.
 */
export interface EventSpec {
  readonly name: string;
  readonly args: number;
  readonly strings: readonly number[];
  readonly stacks: readonly number[];
  readonly startEv: number;
}

const NONE: EventSpec = { name: '', args: -1, strings: [], stacks: [], startEv: 0 };

function spec(
  name: string,
  args: number,
  strings: number[] = [],
  stacks: number[] = [],
  startEv = 0,
): EventSpec {
  return { name, args, strings, stacks, startEv };
}

export const SPECS: readonly EventSpec[] = (() => {
  const a: EventSpec[] = new Array<EventSpec>(256).fill(NONE);
  a[9] = spec('ProcsChange', 2, [], [1]);
  a[10] = spec('ProcStart', 2);
  a[11] = spec('ProcStop', 0);
  a[12] = spec('ProcSteal', 3);
  a[13] = spec('ProcStatus', 2);
  a[14] = spec('GoCreate', 3, [], [2, 1]);
  a[15] = spec('GoCreateSyscall', 1);
  a[16] = spec('GoStart', 2);
  a[17] = spec('GoDestroy', 0);
  a[18] = spec('GoDestroySyscall', 0);
  a[19] = spec('GoStop', 2, [0], [1]);
  a[20] = spec('GoBlock', 2, [0], [1]);
  a[21] = spec('GoUnblock', 3, [], [2]);
  a[22] = spec('GoSyscallBegin', 2, [], [1]);
  a[23] = spec('GoSyscallEnd', 0, [], [], 22);
  a[24] = spec('GoSyscallEndBlocked', 0, [], [], 22);
  a[25] = spec('GoStatus', 3);
  a[26] = spec('STWBegin', 2, [0], [1]);
  a[27] = spec('STWEnd', 0, [], [], 26);
  a[28] = spec('GCActive', 1, [], [], 29);
  a[29] = spec('GCBegin', 2, [], [1]);
  a[30] = spec('GCEnd', 1, [], [], 29);
  a[31] = spec('GCSweepActive', 1, [], [], 32);
  a[32] = spec('GCSweepBegin', 1, [], [0]);
  a[33] = spec('GCSweepEnd', 2, [], [], 32);
  a[34] = spec('GCMarkAssistActive', 1, [], [], 35);
  a[35] = spec('GCMarkAssistBegin', 1, [], [0]);
  a[36] = spec('GCMarkAssistEnd', 0, [], [], 35);
  a[37] = spec('HeapAlloc', 1);
  a[38] = spec('HeapGoal', 1);
  a[39] = spec('GoLabel', 1, [0]);
  a[40] = spec('UserTaskBegin', 4, [2], [3]);
  a[41] = spec('UserTaskEnd', 2, [], [1]);
  a[42] = spec('UserRegionBegin', 3, [1], [2]);
  a[43] = spec('UserRegionEnd', 3, [1], [2], 42);
  a[44] = spec('UserLog', 4, [1, 2], [3]);
  a[45] = spec('GoSwitch', 2);
  a[46] = spec('GoSwitchDestroy', 2);
  a[47] = spec('GoCreateBlocked', 3, [], [2, 1]);
  a[48] = spec('GoStatusStack', 4, [], [3]);
  a[51] = spec('ClockSnapshot', 3);
  a[128] = spec('Span', 3);
  a[129] = spec('SpanAlloc', 3);
  a[130] = spec('SpanFree', 1);
  a[131] = spec('HeapObject', 2);
  a[132] = spec('HeapObjectAlloc', 2);
  a[133] = spec('HeapObjectFree', 1);
  a[134] = spec('GoroutineStack', 2);
  a[135] = spec('GoroutineStackAlloc', 2);
  a[136] = spec('GoroutineStackFree', 1);
  return a;
})();

/** Most arguments any timed event carries (UserTaskBegin, UserLog, GoStatusStack). */
export const MAX_ARGS = 4;

/** Goroutine states as the reader reports them (internal/trace resources.go GoState). */
export const GoState = {
  Undetermined: 0,
  NotExist: 1,
  Runnable: 2,
  Running: 3,
  Waiting: 4,
  Syscall: 5,
};
/** Proc states (resources.go ProcState). */
export const ProcState = { Undetermined: 0, NotExist: 1, Running: 2, Idle: 3 };
/** Wire statuses (tracev2 GoStatus, ProcStatus). */
export const GoStatus = { Bad: 0, Runnable: 1, Running: 2, Syscall: 3, Waiting: 4 };
export const ProcStatus = { Bad: 0, Running: 1, Idle: 2, Syscall: 3, SyscallAbandoned: 4 };

/** Largest batch the runtime writes (tracev2.MaxBatchSize) and longest string. */
export const MAX_BATCH_SIZE = 64 << 10;
export const MAX_STRING_SIZE = 1 << 10;
export const MAX_FRAMES_PER_STACK = 128;

/** The oldest and newest trace versions this reader takes (go 1.N trace). */
export const TRACE_VERSIONS = [22, 23, 25, 26] as const;
