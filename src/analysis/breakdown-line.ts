/**
 * One line of the reconciled breakdown and the checks that keep the tree honest: a part is
 * counted inside its parent, so parts must not add up to more than the parent unless the
 * model explains why (then the line says so in `exceedsParent`).
 */

export interface BreakdownLine {
  /** Stable key for tests and JSON consumers: "rss.anon.go.heap-inuse". */
  readonly id: string;
  readonly label: string;
  /** Bytes; null when not measured (the note says why) or when there is no limit. */
  readonly bytes: number | null;
  /** File path, endpoint field or metric the number comes from. */
  readonly source: string;
  readonly note?: string;
  /** part: counted inside the parent; reference: shown for context (a goal, a total, an overlap). */
  readonly relation: 'part' | 'reference';
  /** Why this line (or the sum of its parts) is larger than its parent, when it is. */
  readonly exceedsParent?: string;
  readonly children: readonly BreakdownLine[];
}

type Mutable = { -readonly [K in keyof BreakdownLine]: BreakdownLine[K] };

export interface LineOptions {
  readonly note?: string;
  readonly relation?: 'part' | 'reference';
  readonly children?: readonly (BreakdownLine | undefined)[];
}

export function line(
  id: string,
  label: string,
  bytes: number | null,
  source: string,
  opts: LineOptions = {},
): BreakdownLine {
  const out: Mutable = {
    id,
    label,
    bytes,
    source,
    relation: opts.relation ?? 'part',
    children: (opts.children ?? []).filter((c): c is BreakdownLine => c !== undefined),
  };
  if (opts.note !== undefined) out.note = opts.note;
  return out;
}

/** A layer that could not be measured: shown with its reason instead of a number. */
export function missingLine(
  id: string,
  label: string,
  reason: string,
  children: readonly (BreakdownLine | undefined)[] = [],
): BreakdownLine {
  return line(id, label, null, reason, { note: `not measured: ${reason}`, children });
}

/** Why an observation has no value, in one line. */
export function reason(obs: { status: string; source: string; reason?: string }): string {
  return obs.status === 'unreadable'
    ? `${obs.source} unreadable: ${obs.reason}`
    : `${obs.source} not found`;
}

/** Part children of `parent` whose own bytes, or whose sum, exceed the parent's bytes. */
function excessOf(parent: BreakdownLine): { child: BreakdownLine; by: number }[] {
  if (parent.bytes === null) return [];
  const parts = parent.children.filter((c) => c.relation === 'part' && c.bytes !== null);
  const over = parts
    .filter((c) => c.bytes! > parent.bytes!)
    .map((c) => ({ child: c, by: c.bytes! - parent.bytes! }));
  const sum = parts.reduce((s, c) => s + c.bytes!, 0);
  if (over.length === 0 && sum > parent.bytes && parts.length > 0) {
    // The sum is too big but no single part is: blame the last part (usually a remainder).
    over.push({ child: parts[parts.length - 1], by: sum - parent.bytes });
  }
  return over;
}

/**
 * Flags every part that exceeds its parent with the model's reason for that line id, or with
 * the generic reason (the numbers were read at slightly different instants).
 */
export function flagExcess(
  root: BreakdownLine,
  reasons: Readonly<Record<string, string>>,
): BreakdownLine {
  const flagged = new Set(excessOf(root).map((e) => e.child));
  const children = root.children.map((c) => {
    const inner = flagExcess(c, reasons);
    if (!flagged.has(c)) return inner;
    return {
      ...inner,
      exceedsParent:
        reasons[c.id] ??
        'larger than its parent: the readings were taken at slightly different instants',
    };
  });
  return { ...root, children };
}

/** Every part that exceeds its parent without a reason: must be empty for a sound breakdown. */
export function unflaggedExcess(root: BreakdownLine): string[] {
  const own = excessOf(root)
    .filter((e) => e.child.exceedsParent === undefined)
    .map((e) => `${e.child.id} exceeds ${root.id} by ${e.by} bytes`);
  return [...own, ...root.children.flatMap(unflaggedExcess)];
}

/** Finds a line by id anywhere in the tree. */
export function findLine(root: BreakdownLine, id: string): BreakdownLine | undefined {
  if (root.id === id) return root;
  for (const c of root.children) {
    const hit = findLine(c, id);
    if (hit) return hit;
  }
  return undefined;
}
