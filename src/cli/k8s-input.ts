/** Reads manifest inputs: files, directories (*.yaml, *.yml, *.json, recursively) or "-" (stdin). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ManifestParseError,
  parseManifests,
  type ParsedManifests,
} from '../formats/k8s-manifest.js';
import { InputError, UsageError } from '../model/errors.js';

/** Larger inputs are refused rather than exhausting memory. */
const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export interface InputFile {
  readonly name: string;
  readonly text: string;
}

export function listInputs(args: readonly string[]): string[] {
  if (args.length === 0) throw new UsageError('give manifest files, directories, or - for stdin');
  return args.flatMap((arg) => (arg === '-' ? ['-'] : expand(arg)));
}

function expand(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    throw new InputError(
      `${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`,
    );
  }
  if (!st.isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const child = join(path, name);
      if (statSync(child).isDirectory()) return expand(child);
      return /\.(ya?ml|json)$/i.test(name) ? [child] : [];
    });
}

export function readInput(name: string): InputFile {
  try {
    const size = name === '-' ? 0 : statSync(name).size;
    if (size > MAX_INPUT_BYTES)
      throw new InputError(
        `${name}: ${size} bytes is over the ${MAX_INPUT_BYTES}-byte input limit`,
      );
    const bytes = readFileSync(name === '-' ? 0 : name);
    if (bytes.length > MAX_INPUT_BYTES)
      throw new InputError(`${name}: over the ${MAX_INPUT_BYTES}-byte input limit`);
    return { name, text: new TextDecoder('utf-8', { fatal: false }).decode(bytes) };
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${name}: ${(err as Error).message}`);
  }
}

/** Parses one input; broken YAML becomes an InputError "file:line:column: reason" (exit 2). */
export function parseInput(file: InputFile): ParsedManifests {
  try {
    return parseManifests(file.text, file.name);
  } catch (err) {
    if (err instanceof ManifestParseError)
      throw new InputError(err.message + templateHint(file.text));
    throw err;
  }
}

/** Unrendered Helm templates are not YAML yet: say what to lint instead. */
function templateHint(text: string): string {
  return /\{\{-?\s*[.$A-Za-z]/.test(text)
    ? ' (a Helm template? lint `helm template CHART | gomemlens k8s lint -`)'
    : '';
}
