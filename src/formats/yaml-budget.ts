/**
 * The token budget of a YAML stream (yaml-stream.ts): tokens, not bytes, are what the yaml
 * library's trees cost. A token is a lexeme, plus the lines and escapes inside a scalar.
 */
import { ParseError } from '../model/errors.js';

export interface StreamLimits {
  /** Tokens held at once for one document: all of it, or for a List read item by item, one item and the document around the items. */
  readonly maxDocumentTokens: number;
  /** Tokens in the whole stream. */
  readonly maxTokens: number;
  /** Why a document is read whole, added to the message when it is over its budget. */
  readonly wholeBecause?: string;
}

/**
 * Over budget: a ParseError of kind 'too-large' at the offset where the document (or List
 * item) started, or for the whole input, where the limit was passed.
 */
function overBudget(offset: number, what: string): ParseError {
  return new ParseError(what, { offset, kind: 'too-large' });
}

export class TokenBudget {
  private total = 0;
  /** Tokens of the current document still held: List items handed over no longer count. */
  private inDocument = 0;
  private documentStart = 0;
  /** Tokens since the List item being read started, and where it started (-1: none). */
  private inItem = 0;
  private itemStart = -1;

  constructor(private readonly limits: StreamLimits) {}

  /** Counts a lexeme at `offset`; throws once a limit is passed. Returns its cost. */
  add(lexeme: string, offset: number): number {
    const cost = tokenCost(lexeme);
    const max = this.limits.maxDocumentTokens;
    this.total += cost;
    this.inDocument += cost;
    this.inItem += cost;
    if (this.inDocument > max) {
      // Reading a List, name the item when it holds most of what is held.
      if (this.itemStart >= 0 && this.inItem * 2 > this.inDocument)
        throw overBudget(this.itemStart, `a List item over ${count(max)} tokens; refused`);
      const because = this.limits.wholeBecause;
      const why = because === undefined ? '' : ` (${because})`;
      throw overBudget(
        this.documentStart,
        `a YAML document over ${count(max)} tokens; refused${why}`,
      );
    }
    if (this.total > this.limits.maxTokens)
      throw overBudget(
        offset,
        `over ${count(this.limits.maxTokens)} YAML tokens in one input; refused`,
      );
    return cost;
  }

  /** A finished document: its tokens no longer count against the next. */
  startDocument(offset: number): void {
    this.inDocument = 0;
    this.documentStart = offset;
    this.itemStart = -1;
  }

  /** The first item of a List starts with the lexeme just counted. */
  startItems(offset: number, cost: number): void {
    this.itemStart = offset;
    this.inItem = cost;
  }

  /**
   * The items before the lexeme just counted were handed over and dropped; the next item
   * starts with it at `next` (-1: the list ended, the lexeme belongs to the document).
   */
  itemsTaken(cost: number, next: number): void {
    this.inDocument -= this.inItem - cost;
    this.inItem = cost;
    this.itemStart = next;
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * One per lexeme, plus one per line break and backslash inside it: a block scalar is a single
 * lexeme, but the library splits it into lines (3 million lines took 800 MB), and builds
 * double-quoted strings one escape at a time.
 */
function tokenCost(lexeme: string): number {
  if (lexeme.length < 64) return 1;
  let cost = 1;
  for (let i = lexeme.indexOf('\n'); i !== -1; i = lexeme.indexOf('\n', i + 1)) cost++;
  for (let i = lexeme.indexOf('\\'); i !== -1; i = lexeme.indexOf('\\', i + 1)) cost++;
  return cost;
}
