/**
 * Kubernetes manifests: multi-document YAML (`helm template`, `kustomize build`), JSON, and
 * `kind: List` (or `PodList`, `DeploymentList`, ... as `kubectl get -o yaml` prints them).
 * Every object keeps a way back to the line and column of any of its nodes, read from the
 * yaml library's document tree (node ranges + LineCounter), so findings point at the exact
 * offending node.
 */
import {
  isCollection,
  isMap,
  isNode,
  isScalar,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';
import type { ManifestObject, ObjectPath, SourcePosition } from '../model/k8s.js';

/** Broken YAML or JSON: the file, the 1-based position and the parser's reason. */
export class ManifestParseError extends Error {
  override readonly name = 'ManifestParseError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

export interface ParsedManifests {
  readonly objects: ManifestObject[];
  /** The parsed documents, for edits that must keep comments and formatting (k8s fix). */
  readonly documents: readonly Document.Parsed[];
  readonly lineCounter: LineCounter;
}

/** Aliases expand on conversion; a small cap stops "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100;

export function parseManifests(text: string, file: string): ParsedManifests {
  const lineCounter = new LineCounter();
  const documents = parseStream(text, file, lineCounter);
  if (!Array.isArray(documents)) return { objects: [], documents: [], lineCounter }; // empty stream
  const objects: ManifestObject[] = [];
  documents.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) {
      const pos = lineCounter.linePos(error.pos[0]);
      throw new ManifestParseError(file, pos.line, pos.col, reason(error));
    }
    const value = toPlain(doc, file, lineCounter);
    const locateIn = (path: ObjectPath) => locateNode(doc, lineCounter, path);
    for (const { base, object } of objectsOf(value)) {
      objects.push({
        file,
        doc: index,
        base,
        value: object,
        locate: (p) => locateIn([...base, ...p]),
        plainScalar: (p) => plainSource(doc, [...base, ...p]),
      });
    }
  });
  return { objects, documents, lineCounter };
}

/** The parser recurses per nesting level: absurd nesting is a typed error, not a crash. */
function parseStream(text: string, file: string, lineCounter: LineCounter) {
  try {
    return parseAllDocuments(text, { lineCounter, prettyErrors: false });
  } catch (err) {
    throw new ManifestParseError(file, 1, 1, reason(err));
  }
}

function toPlain(doc: Document.Parsed, file: string, lineCounter: LineCounter): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const start = doc.contents?.range[0] ?? 0;
    const pos = lineCounter.linePos(start);
    throw new ManifestParseError(file, pos.line, pos.col, reason(err));
  }
}

function reason(err: unknown): string {
  const message = firstLine((err as Error).message ?? String(err));
  return /Maximum call stack/.test(message) ? `nesting too deep (${message})` : message;
}

/** Objects of one document: the document itself, or the items of a List. */
function objectsOf(value: unknown): { base: ObjectPath; object: Record<string, unknown> }[] {
  if (!isRecord(value)) return []; // empty document, comment only, or a bare scalar
  const kind = value.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.flatMap((item, i) =>
      isRecord(item) ? [{ base: ['items', i] as ObjectPath, object: item }] : [],
    );
  }
  return [{ base: [], object: value }];
}

/**
 * Position of the node at `path`, or of the nearest ancestor that exists. A scalar is pointed
 * at by its value; a map or list under a key by its key (the `env:` line, where an editor
 * user looks), a list item by the item itself.
 */
function locateNode(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  path: ObjectPath,
): SourcePosition | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (!node || !isNode(node) || !node.range) continue;
    const key = isCollection(node) && n > 0 ? keyNode(doc, path.slice(0, n)) : undefined;
    const pos = lineCounter.linePos((key ?? node).range![0]);
    return { line: pos.line, column: pos.col };
  }
  return undefined;
}

function keyNode(doc: Document.Parsed, path: ObjectPath): Node | undefined {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
  return pair && isScalar(pair.key) && pair.key.range ? pair.key : undefined;
}

function plainSource(doc: Document.Parsed, path: ObjectPath): string | undefined {
  const node = doc.getIn(path, true);
  return isScalar(node) && node.type === 'PLAIN' ? node.source : undefined;
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
