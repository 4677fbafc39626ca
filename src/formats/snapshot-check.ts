/**
 * The one validator for a Snapshot read back from JSON (`diagnose --snapshot`, the snapshot
 * records of a capture, the report page). It mirrors src/model/snapshot.ts: a value of the
 * wrong type is refused with its path; a missing observation becomes "absent" (an older or
 * newer writer may not have it), a missing optional part (`"cgroup": null`) is left out.
 */
import type { Observation } from '../model/observation.js';
import { MEMSTATS_NUMBER_FIELDS, type MemStats, type Snapshot } from '../model/snapshot.js';
import type { Limit } from '../model/units.js';
import { redactUrl } from '../model/url.js';
import {
  arr,
  bool,
  type Check,
  checkAt,
  isoTime,
  lazy,
  num,
  obj,
  oneOf,
  optional,
  record,
  str,
  tagged,
  tuple2,
  withDefault,
} from './shape.js';
import { parseJson } from './json.js';

/** A URL (or a source: a path or a URL) as stored: credentials an older writer kept are dropped. */
const url: Check<string> = (v, at) => redactUrl(str(v, at));

const limit: Check<Limit> = (v, at) => (v === 'unlimited' ? 'unlimited' : num(v, at));

/** An observation; when missing, an "absent" one that says so. */
function obs<T>(value: Check<T>) {
  const check = tagged<Observation<T>>('status', {
    ok: obj({ value, source: url }),
    absent: obj({ source: url, note: optional(str) }),
    unreadable: obj({ source: url, reason: str }),
  });
  return withDefault(check, (at): Observation<T> => ({
    status: 'absent',
    source: at,
    note: 'not in the snapshot file',
  }));
}

const nums = (...names: string[]) =>
  Object.fromEntries(names.map((n) => [n, optional(num)])) as Record<
    string,
    ReturnType<typeof optional<number>>
  >;

const effectiveLimit = obj({ limit, setBy: str });
const memoryEvents = obj({
  low: num,
  high: num,
  max: num,
  oom: num,
  oomKill: num,
  oomGroupKill: optional(num),
});
const pressureLine = obj({ avg10: num, avg60: num, avg300: num, total: num });

const cgroupMemory = obj({
  version: oneOf(1, 2),
  path: str,
  dir: str,
  limit: obs(limit),
  effectiveLimit: obs(effectiveLimit),
  high: obs(effectiveLimit),
  usage: obs(num),
  peak: obs(num),
  stat: obs(
    obj({
      ...nums('anon', 'file', 'activeFile', 'inactiveFile', 'activeAnon', 'inactiveAnon'),
      ...nums('shmem', 'kernel', 'slab', 'sock', 'pglazyfree', 'pglazyfreed'),
      hierarchicalMemoryLimit: optional(limit),
      raw: withDefault(record(num), () => ({})),
    }),
  ),
  events: obs(memoryEvents),
  eventsLocal: obs(memoryEvents),
  failcnt: obs(num),
  oomControl: obs(obj({ oomKillDisable: bool, underOom: bool, oomKill: optional(num) })),
  pressure: obs(obj({ some: pressureLine, full: optional(pressureLine) })),
  procs: obs(arr(num)),
  notes: optional(arr(str)),
});

const processInfo = obj({
  pid: num,
  status: obs(
    obj({
      name: str,
      ...nums('vmRss', 'rssAnon', 'rssFile', 'rssShmem', 'vmHwm', 'vmSwap', 'threads'),
    }),
  ),
  smapsRollup: obs(
    obj({
      rss: num,
      ...nums('pss', 'anonymous', 'lazyFree', 'anonHugePages', 'swap'),
      raw: withDefault(record(num), () => ({})),
    }),
  ),
  environ: obs(record(str)),
  cmdline: obs(arr(str)),
  exe: obs(str),
});

const goModule: Check<unknown> = obj({
  path: str,
  version: str,
  sum: optional(str),
  replace: optional(lazy(() => goModule)),
});

const binaryInfo = tagged('isGo', {
  true: obj({
    isGo: bool,
    buildInfo: obj({
      goVersion: str,
      path: optional(str),
      main: optional(goModule),
      deps: withDefault(arr(goModule), () => []),
      settings: withDefault(arr(tuple2(str, str)), () => []),
    }),
  }),
  false: obj({ isGo: bool, reason: str }),
});

/** runtime.MemStats as expvar serves it (also the capture's memstats records). */
export const memstats = obj<MemStats>({
  ...nums(...MEMSTATS_NUMBER_FIELDS),
  PauseNs: optional(arr(num)),
  PauseEnd: optional(arr(num)),
  EnableGC: optional(bool),
  DebugGC: optional(bool),
  missing: optional(arr(str)),
});

const promGoMetrics = obj({
  goVersion: optional(str),
  ...nums('goroutines', 'threads', 'gomemlimitBytes', 'gogcPercent', 'gomaxprocs', 'heapLiveBytes'),
  ...nums('gcCpuSeconds', 'cpuSeconds', 'userCpuSeconds', 'stackScanBytes', 'globalsScanBytes'),
  ...nums('limiterLastEnabled'),
  memstats: withDefault(record(num), () => ({})),
  gcDuration: optional(obj({ quantiles: record(num), sum: num, count: num })),
});

const runtimeInfo = obj({
  baseUrl: url,
  endpoints: withDefault(
    arr(
      obj({
        path: str,
        outcome: oneOf('ok', 'not-found', 'error', 'timeout', 'too-large', 'garbled'),
        httpStatus: optional(num),
        ms: num,
        bytes: optional(num),
        detail: optional(str),
      }),
    ),
    () => [],
  ),
  memstats: obs(memstats),
  prometheus: obs(promGoMetrics),
  cmdline: optional(arr(str)),
  agentJson: optional(str),
});

const snapshot = obj<Snapshot>({
  takenAt: isoTime,
  target: withDefault(
    obj({ pid: optional(num), url: optional(url), cgroupDir: optional(str) }),
    () => ({}),
  ),
  cgroup: optional(obs(cgroupMemory).check),
  process: optional(processInfo),
  binary: optional(obs(binaryInfo).check),
  runtime: optional(runtimeInfo),
  notes: withDefault(arr(str), () => []),
});

/** The snapshot in `v`, checked; throws a ParseError naming the first bad value. */
export function checkSnapshot(v: unknown, at = 'snapshot'): Snapshot {
  return snapshot(v, at);
}

/** A snapshot file (`diagnose --snapshot`, `--save-snapshot` writes them): parsed and checked. */
export function parseSnapshotFile(text: string, file: string): Snapshot {
  const json = parseJson(text, { file }, 'not a gomemlens snapshot');
  return checkAt(snapshot, json, 'snapshot', { file });
}
