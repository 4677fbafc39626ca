/**
 * Reads benchmark inputs for the bench commands: files, `-` for stdin, `label=path` to name a
 * column. Paths given twice get "#0", "#1" labels as in benchstat. An input that cannot be read,
 * or that holds no benchmark results at all, is an InputError (exit 2): it must never pass a
 * gate as "no regression".
 */
import { readFile } from 'node:fs/promises';
import { BaselineError, looksLikeBaseline, parseBaseline } from '../formats/bench-baseline.js';
import { scanBenchfmt } from '../formats/benchfmt.js';
import type { BenchResult, BenchSyntaxError, UnitMetadata } from '../model/bench.js';
import { InputError } from '../model/errors.js';

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

/** Hard cap on one input: far above any real `go test -bench` log, well below memory trouble. */
const MAX_INPUT_BYTES = 1 << 30;

async function readInput(path: string): Promise<string> {
  try {
    if (path === '-') return await readStdin();
    const buf = await readFile(path);
    if (buf.length > MAX_INPUT_BYTES) throw new InputError(`${path}: larger than 1 GiB`);
    return buf.toString('utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : (err as Error).message;
    throw new InputError(`${path}: ${why}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface LoadedInputs {
  readonly results: BenchResult[];
  readonly units: Map<string, UnitMetadata>;
  readonly errors: BenchSyntaxError[];
  /** Results per input, in input order. */
  readonly counts: number[];
}

type Input = { readonly name: string; readonly label: string; readonly text: string };

/**
 * Parses texts already in memory (benchmark output or a `bench save` baseline), handing each
 * result to `onResult`; unit metadata is shared across inputs, as in benchstat.
 */
export function scanInputs(
  inputs: readonly Input[],
  onResult: (r: BenchResult) => void,
): Omit<LoadedInputs, 'results'> {
  const units = new Map<string, UnitMetadata>();
  const errors: BenchSyntaxError[] = [];
  const counts: number[] = [];
  for (const inp of inputs) {
    const opts = { file: inp.name, label: inp.label, units };
    try {
      if (looksLikeBaseline(inp.text)) {
        const set = parseBaseline(inp.text, opts);
        set.results.forEach(onResult);
        counts.push(set.results.length);
      } else {
        const scan = scanBenchfmt(inp.text, opts, onResult);
        errors.push(...scan.errors);
        counts.push(scan.count);
      }
    } catch (err) {
      if (err instanceof BaselineError) throw new InputError(err.message);
      throw err;
    }
  }
  return { units, errors, counts };
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
  const specs = labelInputs(args);
  const texts = await Promise.all(specs.map((s) => readInput(s.path)));
  const inputs = specs.map((s, i) => ({
    name: s.path === '-' ? '<stdin>' : s.path,
    label: s.label,
    text: texts[i],
  }));
  const loaded = scanInputs(inputs, onResult);
  specs.forEach((s, i) => {
    if (loaded.counts[i] > 0) return;
    const first = loaded.errors.find((e) => e.file === inputs[i].name);
    const hint = first ? `; first problem: ${first.file}:${first.line}: ${first.msg}` : '';
    throw new InputError(
      `${s.path}: no benchmark results found (is this \`go test -bench\` output?)${hint}`,
    );
  });
  return loaded;
}

/** Like streamInputs, keeping every result (bench save). */
export async function loadInputs(args: readonly string[]): Promise<LoadedInputs> {
  const results: BenchResult[] = [];
  const rest = await streamInputs(args, (r) => results.push(r));
  return { results, ...rest };
}
