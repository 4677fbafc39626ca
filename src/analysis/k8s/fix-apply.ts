/**
 * k8s fix on one file: plan, splice the YAML text, then parse the result again and check that
 * every object equals the original with the planned JSON Patch applied; anything else is
 * refused rather than written.
 */
import { parseManifests, type ParsedManifests } from '../../formats/k8s-manifest.js';
import type { LintOptions } from './facts.js';
import { planFixes, type FixPlan } from './fix-plan.js';
import { applySplices, FixUnsupportedError, spliceFor, type Splice } from './fix-yaml.js';
import { applyJsonPatch, toJsonPatch } from './json-patch.js';

export interface FileFix {
  readonly plan: FixPlan;
  /** The new text; equal to the input when nothing changes. */
  readonly text: string;
}

export function fixFile(
  src: string,
  file: string,
  parsed: ParsedManifests,
  options: LintOptions,
): FileFix {
  const plan = planFixes(parsed.objects, options);
  const splices: Splice[] = [];
  const applied = plan.fixes.filter((fix) => {
    try {
      splices.push(spliceFor(src, parsed.documents[fix.object.doc], fix.object.base, fix.op));
      return true;
    } catch (err) {
      if (!(err instanceof FixUnsupportedError)) throw err;
      plan.skipped.push({
        workload: fix.workload,
        container: fix.container,
        reason: `cannot edit in place: ${err.message}`,
      });
      return false;
    }
  });
  const text = applySplices(src, splices);
  checkEdited(text, file, parsed, { fixes: applied, skipped: plan.skipped });
  return { plan: { fixes: applied, skipped: plan.skipped }, text };
}

/** Throws when the edited text does not parse to exactly the planned objects. */
function checkEdited(text: string, file: string, before: ParsedManifests, plan: FixPlan) {
  const after = parseManifests(text, file).objects;
  if (after.length !== before.objects.length)
    throw new Error(`${file}: the edit changed the number of objects`);
  before.objects.forEach((object, i) => {
    const ops = plan.fixes.filter((f) => f.object === object).flatMap((f) => toJsonPatch(f.op));
    const expected = applyJsonPatch(object.value, ops);
    if (!deepEqual(expected, after[i].value)) {
      throw new Error(
        `${file}: the edit of ${String(object.value.kind)} ${String((object.value.metadata as { name?: string })?.name)} did not give the planned result`,
      );
    }
  });
}

/** Structural equality of plain JSON-like values; key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
