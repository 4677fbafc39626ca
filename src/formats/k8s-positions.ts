/**
 * Source positions of a manifest's nodes, kept apart from the yaml document tree so the tree
 * can be dropped after each document (it costs ten times more). One walk over a document's
 * tree, next to the plain value `toJS` made of it, records for each map and list inside the
 * objects asked for (the workloads: findings point only into them) where each child sits: the
 * offset to point at (the key of a nested map or list, where an editor user looks; the value
 * of a scalar; a list item itself) and, for a plain (unquoted) scalar, where its source ends.
 * The same walk, over the whole document, refuses duplicate keys (a Set per map: linear,
 * unlike the yaml library's check) and nesting deeper than MAX_NESTING.
 *
 * A value reached through an alias is the anchor's plain object (toJS shares it), so its
 * children point into the anchor; keys brought in by a merge key (`<<: *base`) have no spot of
 * their own and are located at the nearest ancestor, like any missing node.
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { ParseError } from '../model/errors.js';
import type { ObjectPath } from '../model/k8s.js';

/** Kubernetes objects nest about 20 levels; deeper input is refused before code that recurses sees it. */
export const MAX_NESTING = 256;

/**
 * The children of one map or list in one plain array (a typed array costs about 200 bytes of
 * overhead, more than a small manifest map holds): per child the offset to point at and the
 * end of a plain scalar (which starts at that offset) or -1; a map's children start with the key.
 */
type Children = (string | number)[];

export interface Located {
  readonly offset: number;
  /** [start, end) of the node's source when it is a plain scalar. */
  readonly plain?: readonly [number, number];
}

export class PositionIndex {
  private readonly children = new WeakMap<object, Children>();
  private readonly starts = new WeakMap<object, number>();
  /** Key -> index of big maps (a hostile 40,000-key spec): one lookup, not a scan each time. */
  private readonly byKey = new WeakMap<Children, Map<string, number>>();

  /**
   * Walks a document's contents and its plain value; positions are kept inside `roots`.
   * `depth`: how deep the contents sit in the document they come from (a List item read alone).
   */
  walk(contents: Node | null, value: unknown, roots: ReadonlySet<object>, depth = 0): void {
    this.record(contents, value, depth, false, roots);
  }

  private record(
    node: Node | null,
    value: unknown,
    depth: number,
    keep: boolean,
    roots: ReadonlySet<object>,
  ) {
    if (depth > MAX_NESTING)
      throw new ParseError(`nesting too deep (over ${MAX_NESTING} levels)`, {
        offset: node?.range?.[0] ?? 0,
      });
    if (!isObject(value) || !(isMap(node) || isSeq(node))) return;
    if (roots.has(value)) {
      keep = true;
      this.starts.set(value, node.range?.[0] ?? 0);
    }
    const out: Children | undefined = keep ? [] : undefined;
    if (isMap(node)) {
      const seen = node.items.length > 1 ? new Set<string>() : undefined;
      for (const pair of node.items as Pair<Node | null, Node | null>[]) {
        const name = keyName(pair.key, seen);
        if (name === undefined) continue;
        out?.push(
          name,
          ...spot(pair.value, isMap(pair.value) || isSeq(pair.value) ? pair.key : null),
        );
        this.record(pair.value, (value as Record<string, unknown>)[name], depth + 1, keep, roots);
      }
    } else {
      node.items.forEach((item, i) => {
        out?.push(...spot(item as Node | null, null));
        this.record(item as Node | null, (value as unknown[])[i], depth + 1, keep, roots);
      });
    }
    // A copy the exact size: push leaves spare room, a third of the index for small maps.
    if (out?.length) this.children.set(value, out.slice());
  }

  /** The node at `path` below a root object, or its nearest ancestor that exists. */
  find(root: object, path: ObjectPath): Located {
    let offset = this.starts.get(root) ?? 0;
    let current: unknown = root;
    for (let n = 0; n < path.length; n++) {
      const c = isObject(current) ? this.children.get(current) : undefined;
      const at = c && childAt(c, Array.isArray(current), path[n], this.byKey);
      if (c === undefined || at === undefined) return { offset };
      offset = c[at] as number;
      const end = c[at + 1] as number;
      if (n === path.length - 1 && end >= 0) return { offset, plain: [offset, end] };
      current = (current as Record<string | number, unknown>)[path[n]];
    }
    return { offset };
  }
}

/** The key as the plain object has it; merge keys and non-scalar keys have no entry. */
function keyName(key: Node | null, seen: Set<string> | undefined): string | undefined {
  if (!isScalar(key) || typeof key.value === 'symbol' || key.value === '<<') return undefined;
  const name = String(key.value);
  if (seen?.has(name))
    throw new ParseError('Map keys must be unique', { offset: key.range?.[0] ?? 0 });
  seen?.add(name);
  return name;
}

/** Where to point at a child (at its key when it is a nested map or list), and a plain end. */
function spot(node: Node | null, key: Node | null): [number, number] {
  const range = node?.range;
  const plain = isScalar(node) && node.type === 'PLAIN' && range;
  if (plain) return [range[0], range[1]];
  return [key?.range?.[0] ?? range?.[0] ?? 0, -1];
}

/** Index in `c` of the child's two numbers. */
function childAt(
  c: Children,
  list: boolean,
  step: string | number,
  byKey: WeakMap<Children, Map<string, number>>,
): number | undefined {
  if (list)
    return typeof step === 'number' && step >= 0 && step * 2 < c.length ? step * 2 : undefined;
  const key = String(step);
  if (c.length <= 48) {
    for (let i = 0; i < c.length; i += 3) if (c[i] === key) return i + 1;
    return undefined;
  }
  let index = byKey.get(c);
  if (!index) {
    index = new Map();
    for (let i = 0; i < c.length; i += 3) index.set(c[i] as string, i + 1);
    byKey.set(c, index);
  }
  return index.get(key);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
