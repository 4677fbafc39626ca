/**
 * Prometheus text exposition format 0.0.4 (prometheus/docs content/docs/instrumenting/
 * exposition_formats.md): "# HELP name text", "# TYPE name type", and sample lines
 * `name{label="value",...} value [timestamp_ms]`. Label values escape \\, \" and \n; HELP text
 * escapes \\ and \n; values are Go floats including NaN, +Inf and -Inf.
 */
import { ParseError } from '../model/errors.js';
import type { PromGoMetrics, PromMemstatName } from '../model/snapshot.js';

export type PromType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly timestampMs?: number;
}

export interface PromFamily {
  readonly name: string;
  type: PromType;
  help?: string;
  readonly samples: PromSample[];
}

const TYPES = new Set<string>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const SUFFIXES: Record<PromType, readonly string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
  counter: [],
  gauge: [],
  untyped: [],
};

/** Every family in the order first seen. Throws a ParseError naming the first bad line. */
export function parsePromText(text: string): PromFamily[] {
  const families = new Map<string, PromFamily>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { name, type: 'untyped', samples: [] }));
    return f;
  };
  let current: PromFamily | undefined;
  const declared = new Set<string>(); // "HELP name" / "TYPE name" seen, each allowed once
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const fail = (why: string): never => {
      throw new ParseError(why, { line: i + 1, text: line });
    };
    if (line.startsWith('#')) {
      current = readMetaLine(line, family, declared, fail) ?? current;
      return;
    }
    const sample = parseSample(line, fail);
    const owner = current && belongsTo(sample.name, current) ? current : family(sample.name);
    owner.samples.push(sample);
    current = owner;
  });
  return [...families.values()];
}

/** A "# HELP" or "# TYPE" line (expfmt also takes "#TYPE"); other comments give undefined. */
function readMetaLine(
  line: string,
  family: (name: string) => PromFamily,
  declared: Set<string>,
  fail: (why: string) => never,
): PromFamily | undefined {
  const m = /^#[ \t]*(HELP|TYPE)[ \t]+([^ \t]+)(?:[ \t]+(.*))?$/.exec(line);
  if (!m) return undefined;
  const [, kind, name, rest = ''] = m;
  if (METRIC_NAME.exec(name)?.[0] !== name) fail('bad metric name');
  if (declared.has(`${kind} ${name}`)) fail(`second ${kind} line for ${name}`);
  declared.add(`${kind} ${name}`);
  const f = family(name);
  if (kind === 'HELP') f.help = unescapeHelp(rest);
  else {
    if (!TYPES.has(rest)) fail(`unknown metric type ${rest}`);
    if (f.samples.length > 0) fail('TYPE after samples of the same metric');
    f.type = rest as PromType;
  }
  return f;
}

function belongsTo(name: string, f: PromFamily): boolean {
  return name === f.name || SUFFIXES[f.type].some((s) => name === f.name + s);
}

function parseSample(line: string, fail: (why: string) => never): PromSample {
  const name = METRIC_NAME.exec(line)?.[0] ?? fail('expected a metric name');
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) rest = parseLabels(rest.slice(1), labels, fail);
  const parts = rest.trim().split(/[ \t]+/);
  if (rest !== '' && !/^[ \t]/.test(rest)) fail('expected a space before the value');
  if (parts.length < 1 || parts[0] === '' || parts.length > 2) fail('expected "value [timestamp]"');
  const value = parseGoFloat(parts[0]) ?? fail(`bad value ${parts[0]}`);
  if (parts.length === 1) return { name, labels, value };
  if (!/^-?\d+$/.test(parts[1])) fail(`bad timestamp ${parts[1]}`);
  return { name, labels, value, timestampMs: Number(parts[1]) };
}

/** Reads `a="x",b="y"}` into labels; returns the text after the closing brace. */
function parseLabels(
  s: string,
  labels: Record<string, string>,
  fail: (why: string) => never,
): string {
  let i = 0;
  const skipSpace = () => {
    while (s[i] === ' ' || s[i] === '\t') i++;
  };
  for (;;) {
    skipSpace();
    if (s[i] === '}') return s.slice(i + 1);
    const name = LABEL_NAME.exec(s.slice(i))?.[0] ?? fail('expected a label name');
    i += name.length;
    skipSpace();
    if (s[i] !== '=') fail(`expected = after label ${name}`);
    i++;
    skipSpace();
    if (s[i] !== '"') fail(`expected " to open the value of label ${name}`);
    let value = '';
    for (i++; s[i] !== '"'; i++) {
      if (i >= s.length) fail(`unterminated value of label ${name}`);
      if (s[i] !== '\\') value += s[i];
      else if (s[++i] === 'n') value += '\n';
      else if (s[i] === '\\' || s[i] === '"') value += s[i];
      else fail(`bad escape \\${s[i] ?? ''} in label ${name}`);
    }
    i++;
    if (name === '__name__') fail('label name __name__ is reserved');
    if (Object.hasOwn(labels, name)) fail(`duplicate label ${name}`);
    labels[name] = value;
    skipSpace();
    if (s[i] === ',') i++;
    else if (s[i] !== '}') fail('expected , or } after a label');
  }
}

/** strconv.ParseFloat's decimal forms plus its Inf/NaN spellings. */
export function parseGoFloat(s: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return undefined;
  return Number(s);
}

function unescapeHelp(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

// ---------------------------------------------------------------------------------------------
// client_golang's Go collector names (prometheus/client_golang prometheus/go_collector.go and
// collectors/go_collector_latest.go) -> PromGoMetrics.

const MEMSTAT_NAMES: readonly PromMemstatName[] = [
  'alloc_bytes',
  'alloc_bytes_total',
  'sys_bytes',
  'heap_alloc_bytes',
  'heap_sys_bytes',
  'heap_idle_bytes',
  'heap_inuse_bytes',
  'heap_released_bytes',
  'heap_objects',
  'stack_inuse_bytes',
  'stack_sys_bytes',
  'mspan_inuse_bytes',
  'mspan_sys_bytes',
  'mcache_inuse_bytes',
  'mcache_sys_bytes',
  'buck_hash_sys_bytes',
  'gc_sys_bytes',
  'other_sys_bytes',
  'next_gc_bytes',
  'last_gc_time_seconds',
  'mallocs_total',
  'frees_total',
];

/** The Go runtime series of a client_golang /metrics page; undefined when it has none (not a Go
 *  service, or one without the Go collector). go_gc_gomemlimit_bytes for "no limit" is
 *  math.MaxInt64, which a float64 (and a JS number) holds as 2^63. */
export function toPromGoMetrics(families: readonly PromFamily[]): PromGoMetrics | undefined {
  const byName = new Map(families.map((f) => [f.name, f]));
  const first = (name: string) => byName.get(name)?.samples.find((s) => s.name === name)?.value;
  const memstats: Partial<Record<PromMemstatName, number>> = {};
  for (const n of MEMSTAT_NAMES) {
    const v = first(`go_memstats_${n}`);
    if (v !== undefined) memstats[n] = v;
  }
  const out: PromGoMetrics = {
    goVersion: byName.get('go_info')?.samples[0]?.labels.version,
    goroutines: first('go_goroutines'),
    threads: first('go_threads'),
    gomemlimitBytes: first('go_gc_gomemlimit_bytes'),
    gogcPercent: first('go_gc_gogc_percent'),
    gomaxprocs: first('go_sched_gomaxprocs_threads'),
    heapLiveBytes: first('go_gc_heap_live_bytes'),
    gcCpuSeconds: first('go_cpu_classes_gc_total_cpu_seconds_total'),
    cpuSeconds: first('go_cpu_classes_total_cpu_seconds_total'),
    userCpuSeconds: first('go_cpu_classes_user_cpu_seconds_total'),
    stackScanBytes: first('go_gc_scan_stack_bytes'),
    globalsScanBytes: first('go_gc_scan_globals_bytes'),
    limiterLastEnabled: first('go_gc_limiter_last_enabled_gc_cycle'),
    memstats,
    gcDuration: gcDuration(byName.get('go_gc_duration_seconds')),
  };
  const found =
    Object.entries(out).some(([k, v]) => v !== undefined && k !== 'memstats') ||
    Object.keys(memstats).length > 0;
  return found ? dropUndefined(out) : undefined;
}

function gcDuration(f: PromFamily | undefined): PromGoMetrics['gcDuration'] {
  if (!f) return undefined;
  const quantiles: Record<string, number> = {};
  for (const s of f.samples)
    if (s.name === f.name && s.labels.quantile !== undefined)
      quantiles[s.labels.quantile] = s.value;
  const sum = f.samples.find((s) => s.name === `${f.name}_sum`)?.value;
  const count = f.samples.find((s) => s.name === `${f.name}_count`)?.value;
  return sum === undefined || count === undefined ? undefined : { quantiles, sum, count };
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
