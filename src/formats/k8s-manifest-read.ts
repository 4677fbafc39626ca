/**
 * The parts of a manifest input, one at a time: whole documents, and the items of a `kind:
 * List` read one by one (yaml-stream.ts), so a whole-cluster export costs the memory of its
 * largest item, not of the List. An item is read alone only when that changes nothing: when
 * the document turns out not to be a List, or an alias in a part refers to an anchor outside
 * it, the input is read again with whole documents under the same per-document budget, and a
 * document over it is refused with the reason.
 */
import { isAlias, visit, type Document } from 'yaml';
import { ParseError, type ParseFailure } from '../model/errors.js';
import type { TextLines } from './text-lines.js';
import { streamDocuments, type StreamLimits } from './yaml-stream.js';

export interface ManifestPart {
  readonly doc: Document.Parsed;
  /** The document's index in the input. */
  readonly index: number;
  /** An item of a List read alone: its index in `items`; `doc.contents` is a list of it alone. */
  readonly item?: number;
  /** A List whose items were read alone, before it: its `items:` is empty here. */
  readonly itemsRead?: boolean;
}

/**
 * A List that cannot be read item by item: where, and why (given the position as "line:column").
 * Thrown to stop the first reading and caught in eachManifestPart; no error, it never escapes.
 */
class ReadWhole {
  constructor(
    readonly offset: number,
    readonly why: (at: string) => string,
  ) {}
}

/**
 * Every part of `text`, with broken YAML, budgets and nesting turned into a ParseError at
 * "file:line:column" (budgets of kind 'too-large').
 * `begin` returns the visitor of one reading; it is called again when the input has to be read
 * again whole, and should start over. A part is valid only during the visit (k8s fix edits from it).
 */
export function eachManifestPart(
  text: string,
  file: string,
  limits: StreamLimits,
  lines: TextLines,
  begin: () => (part: ManifestPart) => void,
): void {
  try {
    readParts(text, file, limits, lines, true, begin());
  } catch (err) {
    if (!(err instanceof ReadWhole)) throw err;
    const { line, column } = lines.position(err.offset);
    const whole = { ...limits, wholeBecause: err.why(`${line}:${column}`) };
    readParts(text, file, whole, lines, false, begin());
  }
}

function readParts(
  text: string,
  file: string,
  limits: StreamLimits,
  lines: TextLines,
  byItem: boolean,
  visitPart: (part: ManifestPart) => void,
): void {
  const fail = (offset: number, message: string, kind?: ParseFailure): never => {
    const { line, column } = lines.position(offset);
    throw new ParseError(message + templateHint(text), { file, line, column, kind });
  };
  let at = 0;
  let itemsOf = -1; // the document whose items were read alone
  const check = (doc: Document.Parsed) => {
    at = doc.range[0];
    const error = doc.errors[0];
    if (error) fail(error.pos[0], reason(error));
  };
  const onItem = (doc: Document.Parsed, index: number, item: number) => {
    check(doc);
    refuseOuterAliases(doc);
    itemsOf = index;
    visitPart({ doc, index, item });
  };
  try {
    streamDocuments(
      text,
      limits,
      (doc, index) => {
        check(doc);
        const itemsRead = index === itemsOf;
        if (itemsRead) checkListHeader(doc);
        visitPart({ doc, index, itemsRead });
      },
      byItem ? onItem : undefined,
    );
  } catch (err) {
    if (err instanceof ReadWhole) throw err;
    if (err instanceof ParseError && err.where.file !== undefined) throw err; // from fail()
    // Budgets and nesting name an offset; the yaml library's errors carry `pos`.
    if (err instanceof ParseError) fail(err.where.offset ?? at, err.what, err.kind);
    const pos = (err as { pos?: [number, number] }).pos;
    fail(pos?.[0] ?? at, reason(err));
  }
}

/** The document around items read alone must be a List, with no alias into the items. */
function checkListHeader(doc: Document.Parsed): void {
  refuseOuterAliases(doc);
  const kind = (toPlain(doc) as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !kind.endsWith('List'))
    throw new ReadWhole(doc.contents?.range?.[0] ?? doc.range[0], (at) =>
      typeof kind === 'string'
        ? `the document at ${at} has items: but kind ${kind} is no List, so it is read whole`
        : `the document at ${at} has items: but no kind, so it is read whole`,
    );
}

/** Throws ReadWhole when an alias of a part refers to an anchor outside it (or nowhere). */
function refuseOuterAliases(doc: Document.Parsed): void {
  const anchors = new Set<string>();
  visit(doc, {
    Node: (_, node) => {
      if (isAlias(node) && !anchors.has(node.source))
        throw new ReadWhole(
          node.range?.[0] ?? 0,
          (at) =>
            `the alias *${node.source} at ${at} refers to an anchor outside its List item, so the List is read whole`,
        );
      if (node.anchor) anchors.add(node.anchor);
    },
  });
}

/** Aliases expand on conversion; a small cap stops "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100;

export function toPlain(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw new ParseError(reason(err), { offset: doc.contents?.range?.[0] ?? 0 });
  }
}

/** Unrendered Helm templates are not YAML yet: say what to lint instead. */
function templateHint(text: string): string {
  return /\{\{-?\s*[.$A-Za-z]/.test(text)
    ? ' (a Helm template? lint `helm template CHART | gomemlens k8s lint -`)'
    : '';
}

function reason(err: unknown): string {
  const message = firstLine((err as Error)?.message ?? String(err));
  return /Maximum call stack/.test(message)
    ? `nesting too deep (the parser ran out of stack)`
    : message;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
