/**
 * A YAML stream read one document at a time, with a budget. The yaml library's document tree
 * costs about 200-700 bytes of memory per token (a 4 MiB flow list `[0,0,...]` took 2 GB), so
 * the input's byte size does not bound memory: the number of tokens does. The lexer, parser
 * and composer run as a pipeline (yaml's own parseAllDocuments, unrolled), every lexeme is
 * counted, and a document over `maxDocumentTokens` (or a stream over `maxTokens`) stops with
 * an error at once, before its tree is built. Each finished document is handed to `visit` and
 * then dropped, so memory holds one document's tree, not the whole stream's.
 *
 * With `visitItem`, the `items:` list of a document's root map (a `kind: List`) is read one
 * item at a time (yaml-list-items.ts): each item is composed alone and handed to `visitItem`
 * before its document, which then holds an empty `items:`. The budget then counts what is held
 * at once: one item, and the document around the items.
 *
 * Options: YAML 1.1 merge keys (`<<: *base`) are merged as Kubernetes tooling does
 * (sigs.k8s.io/yaml via go-yaml); the library's duplicate-key check is off because it compares
 * every key with every other (quadratic: 40,000 keys took 10 s); callers check duplicates in
 * linear time (k8s-positions.ts).
 */
import { Composer, Lexer, Parser, type CST, type Document } from 'yaml';
import { TokenBudget, type StreamLimits } from './yaml-budget.js';
import { composeItem, ListItemSplitter, type TakenItems } from './yaml-list-items.js';

export type { StreamLimits } from './yaml-budget.js';

/** The lexer's markers (cst.ts DOCUMENT, FLOW_END, SCALAR): not characters of the source. */
const CONTROL = new Set(['\x02', '\x18', '\x1f']);

export const YAML_OPTIONS = {
  merge: true,
  uniqueKeys: false,
  prettyErrors: false,
  // The library reports odd input (a map as a key) with process.emitWarning: one stderr line too many.
  logLevel: 'error',
} as const;

export type DocumentVisitor = (doc: Document.Parsed, index: number) => void;
/** An item of a document's root `items:` list: `doc.contents` is a list of that one item. */
export type ItemVisitor = (doc: Document.Parsed, index: number, item: number) => void;

export function streamDocuments(
  text: string,
  limits: StreamLimits,
  visit: DocumentVisitor,
  visitItem?: ItemVisitor,
): void {
  const parser = new Parser();
  const groups = new DocumentGroups(visit);
  const items = visitItem && new ItemHandler(groups, visitItem);
  const splitter = visitItem && new ListItemSplitter(parser.stack);
  const budget = new TokenBudget(limits);
  let offset = 0;
  for (const lexeme of new Lexer().lex(text)) {
    const cost = budget.add(lexeme, offset);
    const wasReading = splitter?.reading;
    for (const token of parser.next(lexeme)) {
      if (token.type === 'document') {
        items?.take(splitter!.finish(token, offset));
        items?.endDocument();
        budget.startDocument(offset);
      }
      groups.add(token);
    }
    const taken = splitter?.next(lexeme, offset);
    if (taken) {
      items!.take(taken);
      budget.itemsTaken(cost, splitter!.reading ? offset : -1);
    } else if (splitter?.reading && !wasReading) budget.startItems(offset, cost);
    if (!CONTROL.has(lexeme)) offset += lexeme.length;
  }
  for (const token of parser.end()) {
    if (token.type === 'document') items?.take(splitter!.finish(token, offset));
    groups.add(token);
  }
  groups.flush();
}

/** Composes taken List items one by one and hands them over, numbered within their document. */
class ItemHandler {
  private next = 0;

  constructor(
    private readonly groups: DocumentGroups,
    private readonly visit: ItemVisitor,
  ) {}

  take(taken: TakenItems | undefined): void {
    if (!taken) return;
    // The documents before this one are finished: handed over first, to keep the order.
    this.groups.flushFinished();
    const directives = this.groups.directives();
    for (const item of taken.items) {
      const doc = composeItem(taken, item, directives, YAML_OPTIONS);
      if (doc) this.visit(doc, this.groups.count, this.next++);
    }
  }

  endDocument(): void {
    this.next = 0;
  }
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
  /** Documents handed over so far: the index of the next one. */
  count = 0;

  constructor(private readonly visit: DocumentVisitor) {}

  add(token: CST.Token): void {
    if (this.hasDocument && (token.type === 'document' || token.type === 'directive')) this.flush();
    this.tokens.push(token);
    if (token.type === 'document') this.hasDocument = true;
  }

  /** Hands over the finished document, if one is waiting for what follows it. */
  flushFinished(): void {
    if (this.hasDocument) this.flush();
  }

  /** The directives read for the next document. */
  directives(): CST.Token[] {
    return this.tokens.filter((t) => t.type === 'directive');
  }

  flush(): void {
    const composer = new Composer(YAML_OPTIONS);
    const tokens = this.tokens;
    this.tokens = [];
    this.hasDocument = false;
    for (const doc of composer.compose(tokens)) this.visit(doc as Document.Parsed, this.count++);
    const stray = composer.streamInfo().errors[0];
    if (stray) throw stray;
  }
}
