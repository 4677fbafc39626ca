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
 * Arguments after the timestamp of each timed event (tracev2 spec Args minus "dt"); -1 for
 * types that are not timed events in a batch (ClockSnapshot is timed but only valid in a
 * sync batch, where it is read apart). Experimental events (128-136, AllocFree) only
 * travel in experimental batches, which this reader keeps aside.
 */
export const TIMED_ARGS: Int8Array = (() => {
  const a = new Int8Array(256).fill(-1);
  const counts: Record<number, number> = {
    9: 2, 10: 2, 11: 0, 12: 3, 13: 2, 14: 3, 15: 1, 16: 2, 17: 0, 18: 0, 19: 2, 20: 2, 21: 3,
    22: 2, 23: 0, 24: 0, 25: 3, 26: 2, 27: 0, 28: 1, 29: 2, 30: 1, 31: 1, 32: 1, 33: 2, 34: 1,
    35: 1, 36: 0, 37: 1, 38: 1, 39: 1, 40: 4, 41: 2, 42: 3, 43: 3, 44: 4, 45: 2, 46: 2, 47: 3,
    48: 4, 128: 3, 129: 3, 130: 1, 131: 2, 132: 2, 133: 1, 134: 2, 135: 2, 136: 1,
  };
  for (const [k, v] of Object.entries(counts)) a[Number(k)] = v;
  return a;
})();

/** Goroutine states as the reader reports them (internal/trace resources.go GoState). */
export const GoState = { Undetermined: 0, NotExist: 1, Runnable: 2, Running: 3, Waiting: 4, Syscall: 5 };
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
