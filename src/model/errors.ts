/**
 * The errors a user can cause. The CLI prints any of them as one line and exits 2 (one place:
 * src/cli/run.ts); anything else that escapes a command is a bug (exit 3).
 */

/** A flag or argument that makes no sense. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** Bad input: a garbled, oversized, unreadable or unwritable file, an unreachable target. */
export class InputError extends Error {
  override readonly name: string = 'InputError';
}

/** Where in an input a problem is; each part only when known. */
export interface Position {
  /** The input's name: a path, "-" for stdin, an endpoint ("/debug/vars"). */
  readonly file?: string;
  /** 1-based line (and column) in a text. */
  readonly line?: number;
  readonly column?: number;
  /** Byte offset in a binary input (ELF, protobuf). */
  readonly offset?: number;
  /** Path of the bad value in a JSON document: "snapshot.cgroup.value.procs". */
  readonly field?: string;
}

/**
 * - unrecognized: not this parser's format at all (an HTML page, another profile form): a
 *   caller with several parsers tries the next one;
 * - broken: this parser's format, but damaged or impossible;
 * - too-large: a limit was hit (inflated size, counts): the input may be fine, just too big.
 */
export type ParseFailure = 'unrecognized' | 'broken' | 'too-large';

export interface ParseErrorDetails extends Position {
  /** The offending text, shown quoted and cut to 80 characters. */
  readonly text?: string;
  readonly kind?: ParseFailure;
}

/** The one error every parser and validator throws: what is wrong, where, and the bad text. */
export class ParseError extends InputError {
  override readonly name = 'ParseError';
  readonly where: Position;
  readonly text?: string;
  readonly kind: ParseFailure;

  constructor(
    readonly what: string,
    details: ParseErrorDetails = {},
  ) {
    const { text, kind = 'broken', ...where } = details;
    super(describe(what, where, text));
    this.where = where;
    this.text = text;
    this.kind = kind;
  }

  /** The same error with what the thrower did not know (the file's name, the record's line). */
  within(outer: Position): ParseError {
    const where = { ...outer, ...definedParts(this.where) };
    return new ParseError(this.what, { ...where, text: this.text, kind: this.kind });
  }
}

/** `parse()`, with a ParseError it throws placed within `outer` (the file or document read). */
export function parseAt<T>(outer: Position, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw err instanceof ParseError ? err.within(outer) : err;
  }
}

function definedParts(p: Position): Position {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
}

/** "deploy.yaml:12:9: why", "line 3: why \"text\"", "b.json: results[0]: why", "why (at byte 8)". */
function describe(what: string, w: Position, text: string | undefined): string {
  const at: string[] = [];
  const column =
    w.column === undefined ? '' : w.file === undefined ? `, column ${w.column}` : `:${w.column}`;
  if (w.file !== undefined) at.push(w.line === undefined ? w.file : `${w.file}:${w.line}${column}`);
  else if (w.line !== undefined) at.push(`line ${w.line}${column}`);
  if (w.field) at.push(w.field);
  const shown = text === undefined ? '' : ` ${JSON.stringify(text.slice(0, 80))}`;
  const byte = w.offset === undefined ? '' : ` (at byte ${w.offset})`;
  return [...at, `${what}${shown}${byte}`].join(': ');
}
