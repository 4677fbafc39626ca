/**
 * Kubernetes manifests: multi-document YAML (`helm template`, `kustomize build`), JSON, and
 * `kind: List` (or `PodList`, `DeploymentList`, ... as `kubectl get -o yaml` prints them).
 * Documents are read one at a time under a token budget (yaml-stream.ts); each becomes plain
 * objects plus a compact position index (k8s-positions.ts), so findings point at the exact
 * offending node while the yaml tree itself is dropped.
 */
import type { Document } from 'yaml';
import { ParseError, type ParseFailure } from '../model/errors.js';
import {
  WORKLOAD_KINDS,
  type ManifestObject,
  type ObjectPath,
  type SourcePosition,
} from '../model/k8s.js';
import { PositionIndex } from './k8s-positions.js';
import { TextLines } from './text-lines.js';
import { streamDocuments, type StreamLimits } from './yaml-stream.js';

/**
 * What one input may hold, in tokens (yaml-stream.ts): memory follows tokens, not bytes (the
 * yaml tree of a document costs 250-550 bytes a token at its peak, by shape). Typical manifests
 * run 3.2 characters a token, so a document may be about 1.6 MiB (a Kubernetes object is at
 * most 1.5 MiB, etcd's request limit; only a big `kind: List` goes over) and an input about
 * 12 MiB (25,000 objects). At these limits the CLI peaks under about 300 MB whatever the
 * content (docs/k8s.md, "Limits"; test/hostile/k8s.test.ts).
 */
export const MANIFEST_LIMITS: StreamLimits = {
  maxDocumentTokens: 500_000,
  maxTokens: 4_000_000,
};

export interface ParsedManifests {
  readonly objects: ManifestObject[];
}

/** Aliases expand on conversion; a small cap stops "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100;

export function parseManifests(
  text: string,
  file: string,
  limits: StreamLimits = MANIFEST_LIMITS,
): ParsedManifests {
  const source = new SourceIndex(text);
  const objects: ManifestObject[] = [];
  eachManifestDocument(text, file, limits, source.lines, (doc, docIndex) => {
    const value = toPlain(doc);
    const found = objectsOf(value);
    // Findings point only into workloads: the other objects need no positions.
    const roots = new Set(found.filter((o) => isWorkload(o.object)).map((o) => o.object));
    source.index.walk(doc.contents, value, roots);
    for (const { base, object } of found)
      objects.push(new YamlObject(file, docIndex, base, object, source));
  });
  return { objects };
}

/** What the objects of one input share: the text, its lines and the position index. */
class SourceIndex {
  readonly lines: TextLines;
  readonly index = new PositionIndex();
  constructor(readonly text: string) {
    this.lines = new TextLines(text);
  }
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

/**
 * Every document of `text`, one at a time, with broken YAML, budgets and nesting turned into a
 * ParseError at "file:line:column". The document is valid only during `visit` (k8s fix edits
 * from it).
 */
export function eachManifestDocument(
  text: string,
  file: string,
  limits: StreamLimits,
  lines: TextLines,
  visit: (doc: Document.Parsed, index: number) => void,
): void {
  const fail = (offset: number, why: string, kind?: ParseFailure): never => {
    const { line, column } = lines.position(offset);
    throw new ParseError(why + templateHint(text), { file, line, column, kind });
  };
  let at = 0;
  try {
    streamDocuments(text, limits, (doc, index) => {
      at = doc.range[0];
      const error = doc.errors[0];
      if (error) fail(error.pos[0], reason(error));
      visit(doc, index);
    });
  } catch (err) {
    if (err instanceof ParseError && err.where.file !== undefined) throw err; // from fail()
    // Budgets and nesting name an offset; the yaml library's errors carry `pos`.
    if (err instanceof ParseError) fail(err.where.offset ?? at, err.what, err.kind);
    const pos = (err as { pos?: [number, number] }).pos;
    fail(pos?.[0] ?? at, reason(err));
  }
}

function toPlain(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw new ParseError(reason(err), { offset: doc.contents?.range?.[0] ?? 0 });
  }
}

/** Unrendered Helm templates are not YAML yet: say what to lint instead. */
function templateHint(text: string): string {
  return /\{\{-?\s*[.$A-Za-z]/.test(text)
    ? ' (a Helm template? lint `helm template CHART | gomemlens k8s lint -`)'
    : '';
}

function reason(err: unknown): string {
  const message = firstLine((err as Error)?.message ?? String(err));
  return /Maximum call stack/.test(message)
    ? `nesting too deep (the parser ran out of stack)`
    : message;
}

const TOP: ObjectPath = [];

/**
 * Objects of one document: the document itself, or the items of a List. A value without a
 * `kind` (an empty document, a comment, a bare scalar or map) is no Kubernetes object.
 */
function objectsOf(value: unknown): { base: ObjectPath; object: Record<string, unknown> }[] {
  if (!isRecord(value) || typeof value.kind !== 'string') return [];
  if (value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.flatMap((item, i) =>
      isRecord(item) && typeof item.kind === 'string'
        ? [{ base: ['items', i] as ObjectPath, object: item }]
        : [],
    );
  }
  return [{ base: TOP, object: value }];
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

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** Objects from a parsed JSON value (an AdmissionReview's request.object): no positions. */
export function objectFromJson(value: Record<string, unknown>, file: string): ManifestObject {
  return { file, doc: 0, base: [], value, locate: () => undefined };
}
