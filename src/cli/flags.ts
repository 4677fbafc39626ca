/**
 * Flag parsing on node:util parseArgs (no dependency): errors become UsageError (exit 2), and
 * --help prints the command's help text.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseSeverity, type Severity } from '../model/finding.js';
import { parseDuration } from '../model/units.js';
import { UsageError } from '../model/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed<O extends Options> {
  readonly values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
  readonly positionals: string[];
  /** True when --help was given: the caller printed help and should return 0. */
  readonly help: boolean;
}

export function parseFlags<O extends Options>(argv: string[], options: O, help: string): Parsed<O> {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as O;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (see --help)`);
  }
  const wantsHelp = (parsed.values as Record<string, unknown>).help === true;
  if (wantsHelp) console.log(help.trimEnd());
  return { values: parsed.values, positionals: parsed.positionals, help: wantsHelp };
}

export function intFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} wants a whole number, got "${text}"`);
  return Number(text);
}

export function durationFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined)
    throw new UsageError(`--${name} wants a duration like 5s or 500ms, got "${text}"`);
  return ms;
}

export function severityFlag(name: string, text: string | undefined): Severity | undefined {
  if (text === undefined) return undefined;
  const s = parseSeverity(text);
  if (!s) throw new UsageError(`--${name} wants error, warning or info, got "${text}"`);
  return s;
}
