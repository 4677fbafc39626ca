/**
 * Reads benchmark inputs for the bench commands: files, `-` for stdin, `label=path` to name a
 * column. Paths given twice get "#0", "#1" labels as in benchstat. An input that cannot be read,
 * or that holds no benchmark results at all, is an InputError (exit 2): it must never pass a
 * gate as "no regression".
 */
import { readFile } from 'node:fs/promises';
import { BaselineError, looksLikeBaseline, parseBaseline, parseBenchfmt } from '../formats/benchfmt.js';
import type { BenchResult, BenchSyntaxError, UnitMetadata } from '../model/bench.js';
import { InputError } from './errors.js';

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
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
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

/** Parses texts already in memory (benchmark output or a `bench save` baseline). */
export function parseInputs(inputs: readonly { name: string; label: string; text: string }[]): LoadedInputs {
  const units = new Map<string, UnitMetadata>();
  const results: BenchResult[] = [];
  const errors: BenchSyntaxError[] = [];
  const counts: number[] = [];
  for (const inp of inputs) {
    const opts = { file: inp.name, label: inp.label, units };
    let set;
    try {
      set = looksLikeBaseline(inp.text) ? parseBaseline(inp.text, opts) : parseBenchfmt(inp.text, opts);
    } catch (err) {
      if (err instanceof BaselineError) throw new InputError(err.message);
      throw err;
    }
    for (const r of set.results) results.push(r);
    errors.push(...set.errors);
    counts.push(set.results.length);
  }
  return { results, units, errors, counts };
}

/** Reads and parses every input; throws InputError for unreadable or result-less inputs. */
export async function loadInputs(args: readonly string[]): Promise<LoadedInputs> {
  if (args.length === 0) throw new InputError('no input files (give BASE and NEW, or - for stdin)');
  const specs = labelInputs(args);
  const texts = await Promise.all(specs.map((s) => readInput(s.path)));
  const loaded = parseInputs(specs.map((s, i) => ({ name: s.path === '-' ? '<stdin>' : s.path, label: s.label, text: texts[i] })));
  specs.forEach((s, i) => {
    if (loaded.counts[i] === 0) {
      const hint = loaded.errors.length > 0 ? `; first problem: ${loaded.errors[0].file}:${loaded.errors[0].line}: ${loaded.errors[0].msg}` : '';
      throw new InputError(`${s.path}: no benchmark results found (is this \`go test -bench\` output?)${hint}`);
    }
  });
  return loaded;
}
