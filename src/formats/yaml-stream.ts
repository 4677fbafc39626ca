/**
 * A YAML stream read one document at a time, with a budget. The yaml library's document tree
 * costs about 200-700 bytes of memory per token (a 4 MiB flow list `[0,0,...]` took 2 GB), so
 * the input's byte size does not bound memory: the number of tokens does. The lexer, parser
 * and composer run as a pipeline (yaml's own parseAllDocuments, unrolled), every lexeme is
 * counted, and a document over `maxDocumentTokens` (or a stream over `maxTokens`) stops with
 * an error at once, before its tree is built. Each finished document is handed to `visit` and
 * then dropped, so memory holds one document's tree, not the whole stream's.
 *
 * Options: YAML 1.1 merge keys (`<<: *base`) are merged as Kubernetes tooling does
 * (sigs.k8s.io/yaml via go-yaml); the library's duplicate-key check is off because it compares
 * every key with every other (quadratic: 40,000 keys took 10 s); callers check duplicates in
 * linear time (k8s-positions.ts).
 */
import { Composer, Lexer, Parser, type CST, type Document } from 'yaml';
import { ParseError } from '../model/errors.js';

export interface StreamLimits {
  /** Tokens in one document (lexemes, plus the lines and escapes inside scalars). */
  readonly maxDocumentTokens: number;
  /** Tokens in the whole stream. */
  readonly maxTokens: number;
}

/** Over budget: the offset where the document started and what was exceeded. */
function overBudget(offset: number, what: string): ParseError {
  return new ParseError(what, { offset, kind: 'too-large' });
}

/** The lexer's markers (cst.ts DOCUMENT, FLOW_END, SCALAR): not characters of the source. */
const CONTROL = new Set(['\x02', '\x18', '\x1f']);

export const YAML_OPTIONS = {
  merge: true,
  uniqueKeys: false,
  prettyErrors: false,
  // The library reports odd input (a map as a key) with process.emitWarning: one stderr line too many.
  logLevel: 'error',
} as const;

export function streamDocuments(
  text: string,
  limits: StreamLimits,
  visit: (doc: Document.Parsed, index: number) => void,
): void {
  const parser = new Parser();
  const groups = new DocumentGroups((doc) => visit(doc, index++));
  let index = 0;
  let total = 0;
  let inDocument = 0;
  let offset = 0;
  let documentStart = 0;
  for (const lexeme of new Lexer().lex(text)) {
    const cost = tokenCost(lexeme);
    inDocument += cost;
    total += cost;
    if (inDocument > limits.maxDocumentTokens)
      throw overBudget(
        documentStart,
        `a YAML document over ${limits.maxDocumentTokens.toLocaleString('en-US')} tokens; refused`,
      );
    if (total > limits.maxTokens)
      throw overBudget(
        offset,
        `over ${limits.maxTokens.toLocaleString('en-US')} YAML tokens in one input; refused`,
      );
    for (const token of parser.next(lexeme)) {
      if (token.type === 'document') {
        inDocument = 0; // a finished document: its tokens no longer count against the next
        documentStart = offset;
      }
      groups.add(token);
    }
    if (!CONTROL.has(lexeme)) offset += lexeme.length;
  }
  for (const token of parser.end()) groups.add(token);
  groups.flush();
}

/**
 * Composes each document as soon as the parser has finished it, with a composer of its own:
 * the directives before it, the document, and what follows it up to the next document or
 * directive (a `...` end marker, comments, errors). The shared streaming composer of the
 * library holds the previous document while it composes the next one: two trees at a time.
 */
class DocumentGroups {
  private tokens: CST.Token[] = [];
  private hasDocument = false;

  constructor(private readonly visit: (doc: Document.Parsed) => void) {}

  add(token: CST.Token): void {
    if (this.hasDocument && (token.type === 'document' || token.type === 'directive')) this.flush();
    this.tokens.push(token);
    if (token.type === 'document') this.hasDocument = true;
  }

  flush(): void {
    const composer = new Composer(YAML_OPTIONS);
    const tokens = this.tokens;
    this.tokens = [];
    this.hasDocument = false;
    for (const doc of composer.compose(tokens)) this.visit(doc as Document.Parsed);
    const stray = composer.streamInfo().errors[0];
    if (stray) throw stray;
  }
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
