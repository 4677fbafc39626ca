/**
 * The `# runtime.MemStats` block that net/http/pprof appends to /debug/pprof/heap?debug=1
 * (src/runtime/pprof/pprof.go, writeHeapInternal): one "# Name = value" line per field, with
 * "# Stack = inuse / sys", "# MSpan = ..." and "# MCache = ..." pairs and PauseNs/PauseEnd as
 * "[n n n ...]" arrays. It has no PauseTotalNs and no EnableGC.
 */
import { ParseError } from '../model/errors.js';
import { MEMSTATS_NUMBER_FIELDS, type MemStats } from '../model/snapshot.js';

const MARKER = '# runtime.MemStats';

/** The block is there but a field is missing or malformed. */
function damaged(what: string, line?: number, text?: string): ParseError {
  return new ParseError(`runtime.MemStats trailer: ${what}`, { line, text });
}

const PAIRS = {
  Stack: ['StackInuse', 'StackSys'],
  MSpan: ['MSpanInuse', 'MSpanSys'],
  MCache: ['MCacheInuse', 'MCacheSys'],
} as const;

/** One "# Name = n" line each: all but the pairs, the float and the absent PauseTotalNs. */
const NOT_SCALAR = new Set<string>([
  ...Object.values(PAIRS).flat(),
  'GCCPUFraction',
  'PauseTotalNs',
]);
const SCALARS = MEMSTATS_NUMBER_FIELDS.filter((f) => !NOT_SCALAR.has(f));

/**
 * MemStats from a heap?debug=1 text (the whole profile or just its end), or undefined when the
 * text has no `# runtime.MemStats` block. Throws a ParseError when the block is damaged.
 */
export function parseMemStatsTrailer(text: string): MemStats | undefined {
  const at = findMarker(text);
  if (at < 0) return undefined;
  const fields = readFields(text.slice(at + MARKER.length), lineNumberAt(text, at) + 1);
  const num = (name: string): number => {
    const f = fields.get(name);
    if (!f) throw damaged(`missing field ${name}`);
    const v = Number(f.value);
    if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(f.value) || !Number.isFinite(v))
      throw damaged(`${name} is not a number`, f.line, f.value);
    return v;
  };
  const out: Record<string, unknown> = {};
  for (const name of SCALARS) out[name] = num(name);
  for (const [name, [inuse, sys]] of Object.entries(PAIRS)) {
    const f = fields.get(name);
    const m = f && /^(\d+) \/ (\d+)$/.exec(f.value);
    if (!m)
      throw f
        ? damaged(`${name} is not "inuse / sys"`, f.line, f.value)
        : damaged(`missing field ${name}`);
    [out[inuse], out[sys]] = [Number(m[1]), Number(m[2])];
  }
  out.GCCPUFraction = num('GCCPUFraction');
  out.DebugGC = fields.get('DebugGC')?.value === 'true';
  out.EnableGC = true; // runtime.MemStats: "EnableGC ... is always true, even if GOGC=off"
  const pauses = fields.get('PauseNs') && numberArray(fields.get('PauseNs')!);
  const ends = fields.get('PauseEnd') && numberArray(fields.get('PauseEnd')!);
  if (pauses) out.PauseNs = pauses;
  if (ends) out.PauseEnd = ends;
  // The ring holds every pause while NumGC <= 256, so the sum is exact until then.
  out.PauseTotalNs = pauses ? pauses.reduce((a, b) => a + b, 0) : 0;
  const exact = pauses !== undefined && (out.NumGC as number) <= pauses.length;
  out.missing = exact ? ['EnableGC'] : ['EnableGC', 'PauseTotalNs'];
  return out as unknown as MemStats;
}

/** The last marker that starts a line (a profile cannot contain it elsewhere, but be exact). */
function findMarker(text: string): number {
  let at = text.lastIndexOf(MARKER);
  while (at > 0 && text[at - 1] !== '\n') at = text.lastIndexOf(MARKER, at - 1);
  return at;
}

function lineNumberAt(text: string, at: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

interface Field {
  readonly value: string;
  readonly line: number;
}

function readFields(block: string, firstLine: number): Map<string, Field> {
  const fields = new Map<string, Field>();
  block.split('\n').forEach((raw, i) => {
    const m = /^# (\w+) = (.*)$/.exec(raw.trimEnd());
    if (m && !fields.has(m[1])) fields.set(m[1], { value: m[2], line: firstLine + i - 1 });
  });
  return fields;
}

function numberArray(f: Field): number[] {
  const m = /^\[([\d ]*)\]$/.exec(f.value);
  if (!m) throw damaged('expected "[n n ...]"', f.line, f.value);
  return m[1].trim() === '' ? [] : m[1].trim().split(/ +/).map(Number);
}
