/**
 * Flag parsing on node:util parseArgs (no dependency): errors become UsageError (exit 2), and
 * --help prints the command's help text.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseSeverity, type Severity } from '../model/finding.js';
import { parseDuration } from '../model/units.js';
import { UsageError } from '../model/errors.js';
import { redactUrl } from '../model/url.js';
import { takeUrlCredentials } from '../sources/url-credentials.js';

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

/**
 * `FLAGS -- CMD ARGS...` (watch, serve): the flags before `--` and the command after it
 * (undefined without `--`, empty when nothing follows it: the caller says what it wants).
 */
export function splitCommand(argv: readonly string[]): {
  flags: string[];
  command: string[] | undefined;
} {
  const dash = argv.indexOf('--');
  if (dash < 0) return { flags: [...argv], command: undefined };
  return { flags: argv.slice(0, dash), command: argv.slice(dash + 1) };
}

export function intFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} wants a whole number, got "${text}"`);
  return Number(text);
}

/** The longest duration a flag takes unless it says otherwise (timeouts, intervals). */
export const MAX_DURATION_MS = 24 * 3_600_000;
/** The longest `watch --duration`. */
export const MAX_WATCH_DURATION_MS = 30 * 24 * 3_600_000;

/**
 * A duration flag in milliseconds. Past `maxMs` it is refused: Node's timers hold at most
 * 2^31-1 ms (~24.8 days) and fire after 1 ms beyond that, so `--timeout 99999999999999s`
 * would otherwise time out at once.
 */
export function durationFlag(
  name: string,
  text: string | undefined,
  maxMs = MAX_DURATION_MS,
): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || !Number.isFinite(ms))
    throw new UsageError(`--${name} wants a duration like 5s or 500ms, got "${text}"`);
  if (ms > maxMs) throw new UsageError(`--${name} is at most ${wholeUnits(maxMs)}, got "${text}"`);
  return ms;
}

function wholeUnits(ms: number): string {
  const h = ms / 3_600_000;
  return h > 48 ? `${h / 24} days` : `${h}h`;
}

export function severityFlag(name: string, text: string | undefined): Severity | undefined {
  if (text === undefined) return undefined;
  const s = parseSeverity(text);
  if (!s) throw new UsageError(`--${name} wants error, warning or info, got "${text}"`);
  return s;
}

/**
 * An http(s) URL flag without a trailing slash. Credentials in it (user:pass@) are split off:
 * the URL returned never holds them (it is printed and stored), and requests to its host
 * still send them (sources/http.ts takeUrlCredentials).
 */
export function urlFlag(text: string, name = 'url'): string {
  let u: URL | undefined;
  try {
    u = new URL(text);
  } catch {
    // refused below
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:'))
    throw new UsageError(
      `--${name} wants an http(s) URL like http://127.0.0.1:6060, got "${redactUrl(text)}"`,
    );
  return takeUrlCredentials(text).replace(/\/+$/, '');
}
