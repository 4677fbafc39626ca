/**
 * Reads benchmark inputs for the bench commands: files, `-` for stdin, `label=path` to name a
 * column. Paths given twice get "#0", "#1" labels as in benchstat. An input that cannot be read,
 * or that holds no benchmark results at all, is an InputError (exit 2): it must never pass a
 * gate as "no regression".
 */
import { looksLikeBaseline, scanBaseline } from '../formats/bench-baseline.js';
import { scanBenchfmt } from '../formats/benchfmt.js';
import type { BenchResult, BenchSyntaxError, UnitMetadata } from '../model/bench.js';
import { InputError } from '../model/errors.js';
import { readInputBytes } from '../sources/input-file.js';

export interface InputSpec {
  readonly path: string;
  readonly label: string;
}

/** Resolves `label=path` and repeated paths the way benchstat labels its columns. */
export function labelInputs(args: readonly string[]): InputSpec[] {
  const count = new Map<string, number>();
  const specs = args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq >= 0) return { path: arg.slice(eq + 1), label: arg.slice(0, eq), labeled: true };
    count.set(arg, (count.get(arg) ?? 0) + 1);
    return { path: arg, label: arg, labeled: false };
  });
  const seen = new Map<string, number>();
  return specs.map((s) => {
    if (s.labeled || count.get(s.path) === 1) return { path: s.path, label: s.label };
    const i = seen.get(s.path) ?? 0;
    seen.set(s.path, i + 1);
    return { path: s.path, label: `${s.path}#${i}` };
  });
}

/**
 * Cap on one input (text or baseline). A real `go test -bench` log is a few MiB (100,000
 * result lines are 8 MiB). The cap bounds memory: the bytes, their text and what is parsed
 * from them; see "Limits" in docs/bench.md for the measurements.
 */
export const MAX_INPUT_BYTES = 16 << 20;

/** One input's text; read only when its turn comes, so at most one text is held at a time. */
async function readInput(path: string): Promise<string> {
  const bytes = await readInputBytes(path, { maxBytes: MAX_INPUT_BYTES, what: 'benchmark input' });
  return bytes.toString('utf8');
}

export interface LoadedInputs {
  readonly results: BenchResult[];
  readonly units: Map<string, UnitMetadata>;
  /** Syntax errors, the first MAX_SYNTAX_ERRORS of each input. */
  readonly errors: BenchSyntaxError[];
  /** "x.txt: 12,345 more syntax errors not shown", for inputs with more. */
  readonly errorNotes: string[];
  /** Results per input, in input order. */
  readonly counts: number[];
}

interface Collected {
  readonly units: Map<string, UnitMetadata>;
  readonly errors: BenchSyntaxError[];
  readonly errorNotes: string[];
}

const collected = (): Collected => ({ units: new Map(), errors: [], errorNotes: [] });

type Input = { readonly name: string; readonly label: string; readonly text: string };

/** Parses one text (benchmark output or a `bench save` baseline); returns its result count. */
function scanInput(inp: Input, into: Collected, onResult: (r: BenchResult) => void): number {
  const opts = { file: inp.name, label: inp.label, units: into.units };
  if (looksLikeBaseline(inp.text)) return scanBaseline(inp.text, opts, onResult).count;
  const scan = scanBenchfmt(inp.text, opts, onResult);
  for (const e of scan.errors) into.errors.push(e);
  if (scan.moreErrors > 0)
    into.errorNotes.push(
      `${inp.name}: ${scan.moreErrors.toLocaleString('en-US')} more syntax errors not shown`,
    );
  return scan.count;
}

/**
 * Parses texts already in memory, handing each result to `onResult`; unit metadata is shared
 * across inputs, as in benchstat.
 */
export function scanInputs(
  inputs: readonly Input[],
  onResult: (r: BenchResult) => void,
): Omit<LoadedInputs, 'results'> {
  const into = collected();
  const counts = inputs.map((inp) => scanInput(inp, into, onResult));
  return { ...into, counts };
}

export function parseInputs(inputs: readonly Input[]): LoadedInputs {
  const results: BenchResult[] = [];
  const rest = scanInputs(inputs, (r) => results.push(r));
  return { results, ...rest };
}

/**
 * Reads and parses every input, streaming results to `onResult`; throws InputError for an
 * unreadable input or one without any result.
 */
export async function streamInputs(
  args: readonly string[],
  onResult: (r: BenchResult) => void,
): Promise<Omit<LoadedInputs, 'results'>> {
  if (args.length === 0) throw new InputError('no input files (give BASE and NEW, or - for stdin)');
  const into = collected();
  const counts: number[] = [];
  for (const s of labelInputs(args)) {
    const name = s.path === '-' ? '<stdin>' : s.path;
    const text = await readInput(s.path);
    const count = scanInput({ name, label: s.label, text }, into, onResult);
    if (count === 0) {
      const first = into.errors.find((e) => e.file === name);
      const hint = first ? `; first problem: ${first.file}:${first.line}: ${first.msg}` : '';
      throw new InputError(
        `${s.path}: no benchmark results found (is this \`go test -bench\` output?)${hint}`,
      );
    }
    counts.push(count);
  }
  return { ...into, counts };
}
