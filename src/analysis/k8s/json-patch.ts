/**
 * Fix operations as RFC 6902 JSON Patch (the mutating webhook's patch), and a small applier used
 * to check that a YAML text edit produced exactly the planned objects.
 */
import { isRecord } from '../../formats/k8s-manifest.js';
import { jsonPointer } from '../../model/k8s.js';
import type { FixOp } from './fix-plan.js';

export type JsonPatchOp =
  | { readonly op: 'add' | 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

const entry = (value: string) => ({ name: 'GOMEMLIMIT', value });

export function toJsonPatch(fix: FixOp): JsonPatchOp[] {
  switch (fix.op) {
    case 'set-value':
    case 'quote-value':
      return [{ op: 'replace', path: jsonPointer([...fix.envPath, 'value']), value: fix.value }];
    case 'replace-value-from':
      return [
        { op: 'remove', path: jsonPointer([...fix.envPath, 'valueFrom']) },
        { op: 'add', path: jsonPointer([...fix.envPath, 'value']), value: fix.value },
      ];
    case 'append-env':
      return [{ op: 'add', path: jsonPointer(fix.envListPath) + '/-', value: entry(fix.value) }];
    case 'create-env':
      return [
        { op: 'add', path: jsonPointer([...fix.containerPath, 'env']), value: [entry(fix.value)] },
      ];
  }
}

/**
 * Applies add/replace/remove to a deep copy of `doc` (enough for the ops above). The copy does
 * not keep shared references: two places that YAML aliases made one object become two, so a
 * patch of one cannot pass for a patch of both.
 */
export function applyJsonPatch<T>(doc: T, ops: readonly JsonPatchOp[]): T {
  const root = copyTree(doc) as unknown;
  for (const op of ops) {
    const parts = op.path
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop()!;
    let parent: unknown = root;
    for (const p of parts) parent = (parent as Record<string, unknown>)[p];
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (op.op === 'remove') parent.splice(i, 1);
      else if (op.op === 'add') parent.splice(i, 0, op.value);
      else parent[i] = op.value;
    } else if (isRecord(parent)) {
      if (op.op === 'remove') delete parent[last];
      else parent[last] = op.value;
    } else throw new Error(`JSON Patch path ${op.path} does not exist`);
  }
  return root as T;
}

function copyTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyTree);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    // An own "__proto__" key (JSON.parse makes one) must stay a key, not become the prototype.
    Object.defineProperty(out, k, {
      value: copyTree(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}
