/**
 * Kubernetes manifests: multi-document YAML (`helm template`, `kustomize build`), JSON, and
 * `kind: List` (or `PodList`, `DeploymentList`, ... as `kubectl get -o yaml` prints them).
 * Documents are read one at a time under a token budget (yaml-stream.ts); each becomes plain
 * objects plus a compact position index (k8s-positions.ts), so findings point at the exact
 * offending node while the yaml tree itself is dropped.
 */
import {
  WORKLOAD_KINDS,
  type ManifestObject,
  type ObjectPath,
  type SourcePosition,
} from '../model/k8s.js';
import { eachManifestPart, toPlain, type ManifestPart } from './k8s-manifest-read.js';
import { PositionIndex } from './k8s-positions.js';
import { TextLines } from './text-lines.js';
import type { StreamLimits } from './yaml-stream.js';

export { eachManifestPart, type ManifestPart } from './k8s-manifest-read.js';

/**
 * What one input may hold, in tokens (yaml-stream.ts): memory follows tokens, not bytes (the
 * yaml tree of a document costs 250-550 bytes a token at its peak, by shape). Typical manifests
 * run 2.8-3.2 characters a token. A document may be about 1.6 MiB (a Kubernetes object is at
 * most 1.5 MiB, etcd's request limit); a `kind: List` is read one item at a time, so the limit
 * holds for each item (with the few keys around the items), not for the List. An input may be
 * about 16 MiB: a whole-cluster `kubectl get deploy -A -o yaml` of 12.9 MiB (16,000
 * Deployments, 4.9 million tokens) peaks at about 320 MB (docs/k8s.md, "Limits";
 * test/hostile/k8s.test.ts).
 */
export const MANIFEST_LIMITS: StreamLimits = {
  maxDocumentTokens: 500_000,
  maxTokens: 6_000_000,
};

export interface ParsedManifests {
  readonly objects: ManifestObject[];
}

export function parseManifests(
  text: string,
  file: string,
  limits: StreamLimits = MANIFEST_LIMITS,
): ParsedManifests {
  const lines = new TextLines(text);
  let source: SourceIndex;
  let objects: ManifestObject[];
  eachManifestPart(text, file, limits, lines, () => {
    source = new SourceIndex(text, lines);
    objects = [];
    return (part) => {
      const value = toPlain(part.doc);
      const found = objectsOfPart(value, part);
      // Findings point only into workloads: the other objects need no positions.
      const roots = new Set(found.filter((o) => isWorkload(o.object)).map((o) => o.object));
      // An item read alone sits in a list of its own, one level less deep than in its List.
      source.index.walk(part.doc.contents, value, roots, part.item === undefined ? 0 : 1);
      for (const { base, object } of found)
        objects.push(new YamlObject(file, part.index, base, object, source));
    };
  });
  return { objects: objects! };
}

/** What the objects of one input share: the text, its lines and the position index. */
class SourceIndex {
  readonly index = new PositionIndex();
  constructor(
    readonly text: string,
    readonly lines: TextLines,
  ) {}
}

/** A manifest object read from YAML (a class, not closures: an input can hold 100,000 of them). */
class YamlObject implements ManifestObject {
  constructor(
    readonly file: string,
    readonly doc: number,
    readonly base: ObjectPath,
    readonly value: Record<string, unknown>,
    private readonly source: SourceIndex,
  ) {}

  locate(path: ObjectPath): SourcePosition {
    return this.source.lines.position(this.source.index.find(this.value, path).offset);
  }

  plainScalar(path: ObjectPath): string | undefined {
    const plain = this.source.index.find(this.value, path).plain;
    return plain && fold(this.source.text.slice(plain[0], plain[1]));
  }
}

const TOP: ObjectPath = [];

type Found = { base: ObjectPath; object: Record<string, unknown> }[];

/** Objects of a part: of a document, or the one a List item read alone holds. */
function objectsOfPart(value: unknown, part: ManifestPart): Found {
  if (part.item === undefined) return objectsOf(value);
  const item = (value as unknown[])[0];
  return isObject(item) ? [{ base: ['items', part.item], object: item }] : [];
}

/**
 * Objects of one document: the document itself, or the items of a List. A value without a
 * `kind` (an empty document, a comment, a bare scalar or map) is no Kubernetes object.
 */
function objectsOf(value: unknown): Found {
  if (!isObject(value)) return [];
  if (value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.flatMap((item, i) =>
      isObject(item) ? [{ base: ['items', i] as ObjectPath, object: item }] : [],
    );
  }
  return [{ base: TOP, object: value }];
}

/** A Kubernetes object: a map with a `kind`. */
function isObject(value: unknown): value is Record<string, unknown> & { kind: string } {
  return isRecord(value) && typeof value.kind === 'string';
}

/**
 * A multi-line plain scalar as YAML reads it: lines joined by spaces, each trimmed (split and
 * trim, not a whitespace-newline-whitespace regex, which backtracks quadratically on long
 * runs of spaces).
 */
function fold(source: string): string {
  return source.includes('\n')
    ? source
        .split('\n')
        .map((l) => l.trim())
        .join(' ')
    : source;
}

function isWorkload(object: Record<string, unknown>): boolean {
  return (WORKLOAD_KINDS as readonly unknown[]).includes(object.kind);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects from a parsed JSON value (an AdmissionReview's request.object): no positions. */
export function objectFromJson(value: Record<string, unknown>, file: string): ManifestObject {
  return { file, doc: 0, base: [], value, locate: () => undefined };
}
