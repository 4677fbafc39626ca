/**
 * Finds the yaml node k8s fix edits, and refuses to edit through YAML sharing: a node reached
 * through an alias (`*shared`), a key that comes from a merge key (`<<: *base`), or anything
 * inside an anchor (`&shared`) that an alias uses. An edit there would change every place
 * that shares the node, not only the container the plan is for.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node, type Pair } from 'yaml';
import type { ObjectPath } from '../../model/k8s.js';

export class FixUnsupportedError extends Error {
  override readonly name = 'FixUnsupportedError';
}

export class DocumentNodes {
  private readonly aliased = new Set<string>();
  private readonly keyIndex = new WeakMap<object, Map<string, Pair>>();

  constructor(private readonly doc: Document.Parsed) {
    visit(doc, {
      Alias: (_, alias) => {
        this.aliased.add(alias.source);
      },
    });
  }

  /** The node at `path`, undefined when it does not exist; throws when it is shared. */
  at(path: ObjectPath): Node | undefined {
    let node = this.doc.contents as Node | null;
    for (const step of path) {
      this.refuseShared(node);
      if (isMap(node)) {
        const pair = this.pair(node.items as Pair[], String(step));
        if (!pair && node.items.some((p) => isMergeKey(p.key)))
          throw new FixUnsupportedError(`"${step}" may come from a YAML merge key (<<)`);
        node = (pair?.value as Node | null) ?? null;
      } else if (isSeq(node) && typeof step === 'number') node = node.items[step] as Node | null;
      else return undefined;
      if (node === null) return undefined;
    }
    this.refuseShared(node);
    return node ?? undefined;
  }

  private refuseShared(node: Node | null): void {
    if (isAlias(node))
      throw new FixUnsupportedError(
        `reached through the YAML alias *${node.source}: an edit would change the anchor &${node.source} and every alias of it`,
      );
    const anchor = node?.anchor;
    if (anchor && this.aliased.has(anchor))
      throw new FixUnsupportedError(
        `inside the YAML anchor &${anchor}, which *${anchor} shares: an edit would change every alias of it`,
      );
  }

  private pair(items: Pair[], key: string): Pair | undefined {
    if (items.length <= 16)
      return items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    let index = this.keyIndex.get(items);
    if (!index) {
      index = new Map();
      for (const p of items) if (isScalar(p.key)) index.set(String(p.key.value), p);
      this.keyIndex.set(items, index);
    }
    return index.get(key);
  }
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.value === '<<');
}
