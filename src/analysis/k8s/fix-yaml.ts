/**
 * Applies fix operations to YAML source text as small splices at the positions the yaml
 * library's document tree gives, so every byte outside the edited lines (comments, key order,
 * quoting, indentation, other documents, a byte order mark) stays as it was. Nodes shared
 * through anchors, aliases or merge keys are refused (fix-yaml-nodes.ts). The caller checks
 * the result by parsing it again (see checkEdited in fix-apply.ts).
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ObjectPath } from '../../model/k8s.js';
import type { FixOp } from './fix-plan.js';
import { DocumentNodes, FixUnsupportedError } from './fix-yaml-nodes.js';
import { scalarText } from './fix-scalar.js';

export { FixUnsupportedError };

export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** `nl`: the file's line ending (lineEnding(src), found once: a big List has thousands of fixes). */
export function spliceFor(
  src: string,
  nodes: DocumentNodes,
  base: ObjectPath,
  fix: FixOp,
  nl: string,
): Splice {
  const node = (path: ObjectPath) => nodes.at([...base, ...path]);
  switch (fix.op) {
    case 'set-value': {
      const scalar = node([...fix.envPath, 'value']);
      if (!isScalar(scalar) || !scalar.range)
        throw new FixUnsupportedError('env value is not a scalar');
      const [start, end] = scalar.range;
      return { start, end, text: scalarText(src, scalar, start, end, fix.value) };
    }
    case 'quote-value': {
      const scalar = node([...fix.envPath, 'value']);
      if (!isScalar(scalar) || !scalar.range)
        throw new FixUnsupportedError('env value is not a scalar');
      return { start: scalar.range[0], end: scalar.range[1], text: quoted(fix.value) };
    }
    case 'replace-value-from': {
      const map = node(fix.envPath);
      const pair = isMap(map)
        ? map.items.find((p) => isScalar(p.key) && p.key.value === 'valueFrom')
        : undefined;
      if (!pair || !isScalar(pair.key) || !pair.key.range)
        throw new FixUnsupportedError('no valueFrom to replace');
      node([...fix.envPath, 'valueFrom']); // refuses a shared valueFrom
      return {
        start: pair.key.range[0],
        end: contentEnd(pair.value as Node),
        // A quoted key (JSON input) gets a quoted key back.
        text: `${src[pair.key.range[0]] === '"' ? '"value"' : 'value'}: ${quoted(fix.value)}`,
      };
    }
    case 'append-env':
      return appendToSeq(src, node(fix.envListPath), fix.value, nl);
    case 'create-env':
      return addEnvKey(src, node(fix.containerPath), fix.value, nl);
  }
}

function appendToSeq(src: string, seq: Node | undefined, value: string, nl: string): Splice {
  if (!isSeq(seq) || !seq.range) throw new FixUnsupportedError('env is not a list');
  const flowItem = jsonEntry(value);
  if (seq.flow) {
    const close = src.lastIndexOf(']', seq.range[1]);
    const text = seq.items.length === 0 ? flowItem : `, ${flowItem}`;
    return { start: close, end: close, text };
  }
  const last = seq.items[seq.items.length - 1] as Node;
  const start = last?.range?.[0];
  if (start === undefined) throw new FixUnsupportedError('env list has no items');
  const prefix = src.slice(src.lastIndexOf('\n', start - 1) + 1, start);
  if (!/^ *- +$/.test(prefix)) throw new FixUnsupportedError('env list items are not one per line');
  const at = lineEnd(src, contentEnd(last));
  const text = `${nl}${prefix}name: GOMEMLIMIT${nl}${' '.repeat(prefix.length)}value: ${quoted(value)}`;
  return { start: at, end: at, text };
}

function addEnvKey(src: string, container: Node | undefined, value: string, nl: string): Splice {
  if (!isMap(container) || !container.range)
    throw new FixUnsupportedError('container is not a map');
  if (container.flow) {
    const close = src.lastIndexOf('}', container.range[1]);
    return {
      start: close,
      end: close,
      text: `, "env": [${jsonEntry(value)}]`,
    };
  }
  const first = container.items[0]?.key as Node | undefined;
  const start = first?.range?.[0] ?? container.range[0];
  const indent = ' '.repeat(start - (src.lastIndexOf('\n', start - 1) + 1));
  const at = lineEnd(src, contentEnd(container));
  const text = `${nl}${indent}env:${nl}${indent}  - name: GOMEMLIMIT${nl}${indent}    value: ${quoted(value)}`;
  return { start: at, end: at, text };
}

/** End offset of the last scalar (or flow collection) inside a node: where its text stops. */
function contentEnd(node: Node | null | undefined): number {
  if (!node) throw new FixUnsupportedError('empty node');
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1] as unknown;
    if (isMap(node)) {
      const pair = last as { key: Node | null; value: Node | null };
      return contentEnd(pair.value ?? pair.key);
    }
    return contentEnd(last as Node);
  }
  if (!node.range) throw new FixUnsupportedError('node without a position');
  return node.range[1];
}

/** The end of the line holding `offset` (a block scalar's range already ends after its newline). */
function lineEnd(src: string, offset: number): number {
  let end = offset > 0 && src[offset - 1] === '\n' ? offset - 1 : src.indexOf('\n', offset);
  if (end === -1) return src.length;
  if (end > 0 && src[end - 1] === '\r') end--; // CRLF files
  return end;
}

/** Inserted lines follow the file's line endings. */
export function lineEnding(src: string): string {
  return src.includes('\r\n') ? '\r\n' : '\n';
}

/** Flow collections get JSON syntax, which is valid YAML too and keeps JSON files JSON. */
function jsonEntry(value: string): string {
  return `{"name": "GOMEMLIMIT", "value": ${quoted(value)}}`;
}

function quoted(value: string): string {
  return JSON.stringify(value);
}

/** The text with every splice applied; splices must not overlap (checked by the caller). */
export function applySplices(src: string, splices: readonly Splice[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const s of [...splices].sort((a, b) => a.start - b.start)) {
    parts.push(src.slice(at, s.start), s.text);
    at = s.end;
  }
  parts.push(src.slice(at));
  return parts.join('');
}
