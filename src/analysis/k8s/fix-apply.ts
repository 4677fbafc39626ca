/**
 * k8s fix on one file: plan, splice the YAML text, then parse the result again and check that
 * every object equals the original with the planned JSON Patch applied; anything else is
 * refused rather than written. Three linear passes over the text (parse, splice, check): the
 * yaml trees are built one document at a time and dropped.
 */
import {
  eachManifestPart,
  MANIFEST_LIMITS,
  parseManifests,
  type ManifestPart,
  type ParsedManifests,
} from '../../formats/k8s-manifest.js';
import { TextLines } from '../../formats/text-lines.js';
import type { ManifestObject, ObjectPath } from '../../model/k8s.js';
import type { LintOptions } from './facts.js';
import { planFixes, type FixPlan, type PlannedFix, type SkippedFix } from './fix-plan.js';
import { DEFAULT_DETECT, type GoDetectOptions } from './go-detect.js';
import { DocumentNodes } from './fix-yaml-nodes.js';
import {
  applySplices,
  FixUnsupportedError,
  lineEnding,
  spliceFor,
  type Splice,
} from './fix-yaml.js';
import { applyJsonPatch, toJsonPatch } from './json-patch.js';

export interface FileFix {
  readonly plan: FixPlan;
  /** The new text; equal to the input when nothing changes. */
  readonly text: string;
  /** The edits that turn the input into `text` (for the diff). */
  readonly splices: readonly Splice[];
}

export function fixFile(
  src: string,
  file: string,
  parsed: ParsedManifests,
  options: LintOptions,
  detect: GoDetectOptions = DEFAULT_DETECT,
): FileFix {
  const plan = planFixes(parsed.objects, options, detect);
  const edits = plan.fixes.length > 0 ? editsFor(src, file, plan.fixes) : noEdits();
  refuseOverlaps(edits.splices);
  const fixes = plan.fixes.filter((f) => edits.applied.has(f));
  const text = applySplices(src, edits.splices);
  checkEdited(text, file, parsed.objects, fixes);
  return {
    plan: { fixes, skipped: [...plan.skipped, ...edits.skipped] },
    text,
    splices: edits.splices,
  };
}

interface Edits {
  splices: Splice[];
  applied: Set<PlannedFix>;
  skipped: SkippedFix[];
}

const noEdits = (): Edits => ({ splices: [], applied: new Set(), skipped: [] });

/**
 * The splices of the planned fixes, from the yaml nodes of each document, or of each List item
 * when a List is read item by item (its objects sit at ['items', i] of the document, and at [0]
 * of the item's own one-item list).
 */
function editsFor(src: string, file: string, fixes: readonly PlannedFix[]): Edits {
  const byDoc = groupBy(fixes, (f) => String(f.object.doc));
  const byItem = groupBy(fixes, (f) => itemKey(f.object.doc, f.object.base));
  const nl = lineEnding(src);
  let edits = noEdits();
  eachManifestPart(src, file, MANIFEST_LIMITS, new TextLines(src), () => {
    edits = noEdits();
    return (part: ManifestPart) => {
      if (part.itemsRead) return; // a List around items read alone: none of its objects is here
      const item = part.item === undefined ? undefined : itemKey(part.index, ['items', part.item]);
      const found = item ? byItem.get(item) : byDoc.get(String(part.index));
      if (found) editPart(src, part, found, edits, nl);
    };
  });
  return edits;
}

function editPart(
  src: string,
  part: ManifestPart,
  fixes: PlannedFix[],
  edits: Edits,
  nl: string,
): void {
  const nodes = new DocumentNodes(part.doc);
  for (const fix of fixes) {
    try {
      const base = part.item === undefined ? fix.object.base : [0];
      edits.splices.push(spliceFor(src, nodes, base, fix.op, nl));
      edits.applied.add(fix);
    } catch (err) {
      if (!(err instanceof FixUnsupportedError)) throw err;
      const reason = `cannot edit in place: ${err.message}`;
      edits.skipped.push({ workload: fix.workload, container: fix.container, reason });
    }
  }
}

/** Which List item an object is, as a map key ("" for an object that is a whole document). */
function itemKey(doc: number, base: ObjectPath): string {
  return base[0] === 'items' && base.length === 2 ? `${doc}/${base[1]}` : '';
}

/** Two fixes that would edit the same bytes: a shape the planner does not expect. */
function refuseOverlaps(splices: readonly Splice[]): void {
  const sorted = [...splices].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i].start < sorted[i - 1].end)
      throw new Error(`two edits overlap at offset ${sorted[i].start}`);
}

/** Throws when the edited text does not parse to exactly the planned objects. */
function checkEdited(
  text: string,
  file: string,
  before: readonly ManifestObject[],
  fixes: readonly PlannedFix[],
) {
  const after = parseManifests(text, file).objects;
  if (after.length !== before.length)
    throw new Error(`${file}: the edit changed the number of objects`);
  const byObject = groupBy(fixes, (f) => f.object);
  before.forEach((object, i) => {
    const ops = (byObject.get(object) ?? []).flatMap((f) => toJsonPatch(f.op));
    const expected = applyJsonPatch(object.value, ops);
    if (!deepEqual(expected, after[i].value)) {
      throw new Error(
        `${file}: the edit of ${String(object.value.kind)} ${String((object.value.metadata as { name?: string })?.name)} did not give the planned result`,
      );
    }
  });
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Structural equality of plain JSON-like values; key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
