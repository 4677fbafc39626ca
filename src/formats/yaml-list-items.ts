/**
 * The items of a big `kind: List` one at a time. `kubectl get deploy -A -o yaml` prints one
 * document whose root map has an `items:` block sequence; composed whole, a 13 MB List costs
 * 1.3 GB (yaml-stream.ts). The parser builds the CST as usual, and its stack (public
 * API: `Parser#stack`) shows the sequence being filled: as soon as it starts an item (a `-` at
 * the sequence's indent), the items before it are finished, since the parser only ever touches
 * the last item of a block sequence. Those are taken out of the sequence and handed over, and
 * the rest when the sequence ends; the document keeps an empty `items:`.
 *
 * Only a plain `items:` key of the root block map is split (no anchor or tag on the key or the
 * sequence); kubectl prints `items` before `kind`, so whether it is a List is known only later.
 */
import { Composer, YAMLSeq, type CST, type Document } from 'yaml';

export type SeqItem = CST.BlockSequence['items'][number];

export interface TakenItems {
  readonly document: CST.Document;
  readonly seq: CST.BlockSequence;
  readonly items: readonly SeqItem[];
}

export class ListItemSplitter {
  private seq?: CST.BlockSequence;
  private document?: CST.Document;
  /** The last sequence looked at: each is checked once, at its first `-`. */
  private checked?: CST.Token;

  constructor(private readonly stack: readonly CST.Token[]) {}

  /** True while the items of a sequence are being read (their tokens are handed over). */
  get reading(): boolean {
    return this.seq !== undefined;
  }

  /**
   * After the parser took `lexeme` (at `offset`): the items it finished, if any. O(1) per
   * lexeme (a hostile input may hold millions of blank lines or nested lists).
   */
  next(lexeme: string, offset: number): TakenItems | undefined {
    const seq = this.seq;
    if (seq && this.stack[2] !== seq) return this.takeAll(offset);
    if (lexeme !== '-') return undefined;
    if (seq) {
      const last = seq.items[seq.items.length - 1];
      const started = last.start[last.start.length - 1]?.type === 'seq-item-ind';
      return started && seq.items.length > 1 ? this.take(seq.items.length - 1) : undefined;
    }
    const candidate = this.stack[2];
    if (candidate === undefined || candidate === this.checked) return undefined;
    this.checked = candidate;
    if (isRootItems(this.stack)) {
      this.seq = candidate as CST.BlockSequence;
      this.document = this.stack[0] as CST.Document;
    }
    return undefined;
  }

  /** The parser finished `document` at `offset`: the rest of its items, if it is being read. */
  finish(document: CST.Token, offset: number): TakenItems | undefined {
    return this.seq && document === this.document ? this.takeAll(offset) : undefined;
  }

  /**
   * The sequence ended where the parser is now. Emptied, it moves there: the composer measures
   * the next key of the document from the end of this value (an implicit key must be within
   * 1024 characters of where it starts).
   */
  private takeAll(offset: number): TakenItems {
    const taken = this.take(this.seq!.items.length);
    this.seq!.offset = offset;
    this.seq = this.document = undefined;
    return taken;
  }

  private take(n: number): TakenItems {
    const items = this.seq!.items.splice(0, n);
    return { document: this.document!, seq: this.seq!, items };
  }
}

/** stack = [document, root block map, block sequence] with the sequence as the value of `items:`. */
function isRootItems(stack: readonly CST.Token[]): boolean {
  const [doc, map, seq] = stack;
  if (doc.type !== 'document' || map?.type !== 'block-map' || seq?.type !== 'block-seq')
    return false;
  const pair = map.items[map.items.length - 1];
  return (
    pair.value === undefined &&
    pair.key !== undefined &&
    isItemsKey(pair.key) &&
    pair.start.every((t) => BLANK.has(t.type)) &&
    (pair.sep ?? []).every((t) => BLANK.has(t.type) || t.type === 'map-value-ind')
  );
}

const BLANK = new Set(['space', 'newline', 'comment']);

function isItemsKey(key: CST.Token | null): boolean {
  if (key === null) return false;
  return (
    (key.type === 'scalar' && key.source === 'items') ||
    (key.type === 'double-quoted-scalar' && key.source === '"items"') ||
    (key.type === 'single-quoted-scalar' && key.source === "'items'")
  );
}

/**
 * One item composed as a document of its own: a sequence of that one item, at the item's own
 * offsets (positions are those of the whole text), under the document's directives (`%YAML
 * 1.1` changes what `yes` is). Undefined for a stretch of comments, which is no item.
 */
export function composeItem(
  taken: TakenItems,
  item: SeqItem,
  directives: readonly CST.Token[],
  options: ConstructorParameters<typeof Composer>[0],
): Document.Parsed | undefined {
  const offset = item.start[0]?.offset ?? item.value?.offset ?? taken.seq.offset;
  const token: CST.Document = {
    type: 'document',
    offset,
    // The `---` line, which directives require; not the root map's anchor or tag.
    start: taken.document.start.filter((t) => t.type === 'doc-start' || BLANK.has(t.type)),
    value: { type: 'block-seq', offset, indent: taken.seq.indent, items: [item] },
  };
  const composer = new Composer(options);
  // Run to the end: stopping the generator early (`const [doc] = ...`) left each item's tree
  // to be promoted to V8's old space, doubling the peak memory of a big List.
  const [doc] = [...composer.compose([...directives, token])];
  const stray = composer.streamInfo().errors[0];
  if (stray) throw stray;
  const seq = doc.contents;
  return seq instanceof YAMLSeq && seq.items.length === 0 ? undefined : (doc as Document.Parsed);
}
